import 'server-only';
import type { ComputeQuota, VolumeQuota } from '@/lib/contract/quota';
import type { Server, ServerOperation, ServerStatus } from '@/lib/contract/server';
import { serverRules, serverSortFields } from '@/lib/contract/server';
import { countStatuses } from '@/lib/contract/server-status-counts';
import { CloudError, conflict, invalid, notFound } from '../errors';
import { pageOf } from '../paging';
import type { CloudProvider, ProviderContext } from '../types';
import type { HwDeps } from './context';
import { forgetJob, jobOf, jobsOf, settleJob, failedJob, trackJob, type JobKind, type JobState } from './jobs';
import { toFlavor, type EcsFlavor } from './mappers/flavor';
import type { HwSubnet } from './mappers/network';
import { toServer, type EcsServer } from './mappers/server';
import { getOne, hw, listAll } from './rest';
import { huaweiUnsupported } from './unsupported';
import { namesOtherProject } from '../shared/only-project';

const isAdmin = (ctx: ProviderContext) => ctx.principal.roles.includes('admin');

/** Not found in any of Huawei's shapes (404 from ECS, or a 400 naming a missing id) → the contract's not_found. */
export async function orNotFound<T>(p: Promise<T>, what: string, id: string): Promise<T> {
  try {
    return await p;
  } catch (e) {
    if (
      e instanceof CloudError &&
      (e.kind === 'not_found' || (e.kind === 'invalid' && /not exist|not found/i.test(e.message)))
    )
      throw notFound(what, id);
    throw e;
  }
}

/** A running or failed job overrides the status ECS shows: the contract has only the resource to poll. */
const runningStatus: Partial<Record<JobKind, ServerStatus>> = {
  create: 'building',
  delete: 'deleting',
  reboot: 'rebooting',
  resize: 'resizing',
};

function applyJob(s: Server, job: JobState | null | undefined): Server {
  if (!job) return s;
  if (job.status === 'FAIL') return job.kind === 'create' || job.kind === 'resize' ? { ...s, status: 'error' } : s;
  const running = runningStatus[job.kind];
  return running && (s.status === 'active' || s.status === 'stopped') ? { ...s, status: running } : s;
}

/** A listing's servers, each with its running job applied (one database read for the whole list). */
async function withJobs(d: HwDeps, ctx: ProviderContext, rows: EcsServer[]): Promise<Server[]> {
  const servers = rows.filter((s) => s.status !== 'DELETED').map((s) => toServer(s, ctx.projectId, isAdmin(ctx)));
  const jobs = await jobsOf(
    d,
    ctx,
    servers.map((s) => s.id),
  );
  return servers.map((s) => applyJob(s, jobs.get(s.id)));
}

export async function ecsServer(d: HwDeps, ctx: ProviderContext, id: string): Promise<EcsServer> {
  const s = await orNotFound(getOne<EcsServer>(d, ctx, hw.servers, id), 'server', id);
  if (s.status === 'DELETED') throw notFound('server', id);
  return s;
}

async function getServer(d: HwDeps, ctx: ProviderContext, id: string): Promise<Server> {
  // Its remembered job is read meanwhile (from the database, then the cloud); the server's own error comes first.
  const job = jobOf(d, ctx, id);
  job.catch(() => undefined);
  const s = toServer(await ecsServer(d, ctx, id), ctx.projectId, isAdmin(ctx));
  return applyJob(s, await job);
}

/** The batch action endpoint (`POST /v1/{project_id}/cloudservers/action`) for one server, its job tracked. */
async function serverAction(
  d: HwDeps,
  ctx: ProviderContext,
  id: string,
  kind: JobKind,
  body: Record<string, unknown>,
): Promise<Server> {
  const { job_id } = await d.call<{ job_id: string }>(ctx, 'ecs', 'POST', `${hw.servers.path}/action`, { body });
  await trackJob(id, 'ecs', job_id, kind);
  const job = await settleJob(d, ctx, 'ecs', job_id, 300);
  if (job.status === 'FAIL') {
    await forgetJob(id, job_id);
    throw failedJob(job, `${kind} of server ${id}`);
  }
  return getServer(d, ctx, id);
}

/**
 * The contract's action-by-state table first (the same 409 as every backend), then what ECS itself accepts where
 * it is narrower (`ecsAllows`, its own status names, with the reason).
 */
function requireStatus(s: EcsServer, action: ServerOperation, ecsAllows: string[], what: string) {
  const status = toServer(s, '', false).status;
  if (!serverRules.allowed(action, status))
    throw conflict(serverRules.conflictMessage(action, `server ${s.name || s.id}`, status));
  if (!ecsAllows.includes(s.status)) throw conflict(`server ${s.id} is ${status}; ${what}`);
}

export function hwServers(d: HwDeps): CloudProvider['servers'] {
  return {
    async consoleLog() {
      return huaweiUnsupported.refuse('GET /servers/{id}/console-log');
    },
    async create(ctx, input) {
      huaweiUnsupported.refuseIf(input.host !== undefined, 'POST /servers#host');
      huaweiUnsupported.refuseIf(input.key_name !== undefined, 'POST /servers#key_name');
      for (const b of input.block_devices)
        if (b.source_type === 'volume' || b.source_type === 'snapshot')
          huaweiUnsupported.refuse(`POST /servers#block_devices.source_type=${b.source_type}`);
      huaweiUnsupported.refuseIf(
        input.networks.some((n) => n.port_id),
        'POST /servers#networks.port_id',
      );
      // A server needs a VPC and one of its subnets: the requested network (a VPC), else the first VPC with a subnet.
      const subnets = await listAll<HwSubnet>(d, ctx, hw.subnets);
      const wanted = input.networks[0]?.network_id;
      const subnet = wanted ? subnets.find((s) => s.vpc_id === wanted || s.id === wanted) : subnets[0];
      if (!subnet)
        throw wanted
          ? notFound('network', wanted)
          : invalid('networks', 'the project has no VPC with a subnet to put the server in');
      const blank = input.block_devices.filter((b) => b.source_type === 'blank');
      const root = input.block_devices.find((b) => b.source_type === 'image');
      const az = input.datacenter_id ?? subnet.availability_zone ?? (await hwDatacenters(d).list(ctx))[0]?.id;
      const body = {
        server: {
          name: input.name,
          description: input.description,
          imageRef: input.image_id,
          flavorRef: input.flavor_id,
          availability_zone: az,
          vpcid: subnet.vpc_id,
          nics: [
            {
              subnet_id: subnet.id,
              ...(input.networks[0]?.fixed_ip ? { ip_address: input.networks[0].fixed_ip } : {}),
            },
          ],
          root_volume: { volumetype: 'SSD', ...(root?.size_gb ? { size: root.size_gb } : {}) },
          data_volumes: blank.map((b) => ({ volumetype: 'SSD', size: b.size_gb })),
          ...(input.security_group_ids.length
            ? { security_groups: input.security_group_ids.map((id) => ({ id })) }
            : {}),
          metadata: input.metadata,
          ...(input.user_data ? { user_data: Buffer.from(input.user_data).toString('base64') } : {}),
          count: 1,
        },
      };
      const r = await d.call<{ job_id: string; serverIds?: string[] }>(ctx, 'ecs', 'POST', hw.servers.path, { body });
      let id = r.serverIds?.[0];
      if (!id) {
        // Older ECS answers carry only the job: its entities name the server once it exists.
        const job = await settleJob(d, ctx, 'ecs', r.job_id, 10_000);
        id = job.entities?.sub_jobs?.[0]?.entities?.server_id ?? job.entities?.server_id;
        if (!id)
          throw job.status === 'FAIL'
            ? failedJob(job, 'server creation')
            : new CloudError('unavailable', 'ECS accepted the server but did not name it in time');
      }
      // The job is remembered while ECS is read back: it has only just started, so the answer is `building` (or
      // ECS's own error) without asking the job API; the next read consults the job.
      const [, row] = await Promise.all([trackJob(id, 'ecs', r.job_id, 'create'), ecsServer(d, ctx, id)]);
      const s = toServer(row, ctx.projectId, isAdmin(ctx));
      return s.status === 'active' ? { ...s, status: 'building' } : s;
    },
    async remove(ctx, id) {
      await ecsServer(d, ctx, id);
      const { job_id } = await d.call<{ job_id: string }>(ctx, 'ecs', 'POST', `${hw.servers.path}/delete`, {
        body: { servers: [{ id }], delete_publicip: false, delete_volume: false },
      });
      await trackJob(id, 'ecs', job_id, 'delete');
      return { pending: true };
    },
    get: (ctx, id) => getServer(d, ctx, id),
    async list(ctx, q) {
      // The cloud does not say which host a server runs on: a host filter cannot be answered.
      if (q.host !== undefined) huaweiUnsupported.refuse('GET /hosts/{id}');
      huaweiUnsupported.refuseIf(namesOtherProject(ctx), 'GET /servers#project_id');
      const rows = await listAll<EcsServer>(d, ctx, hw.servers, { name: q.name });
      let items = await withJobs(d, ctx, rows);
      if (q.status) items = items.filter((s) => s.status === q.status);
      if (q.datacenter_id) items = items.filter((s) => s.datacenter_id === q.datacenter_id);
      return pageOf(
        items,
        { ...q, name: undefined },
        Object.fromEntries(serverSortFields.map((f) => [f, (s: Server) => s[f]])),
      );
    },
    async countByStatus(ctx) {
      // The list's own reading (one ECS listing, each server's running job overriding its status), counted.
      const rows = await listAll<EcsServer>(d, ctx, hw.servers);
      const items = await withJobs(d, ctx, rows);
      return countStatuses(items.map((s) => s.status));
    },
    async update(ctx, id, input) {
      await ecsServer(d, ctx, id);
      await d.call(ctx, 'ecs', 'PUT', `${hw.servers.path}/${encodeURIComponent(id)}`, { body: { server: input } });
      return getServer(d, ctx, id);
    },
    async start(ctx, id) {
      requireStatus(await ecsServer(d, ctx, id), 'start', ['SHUTOFF'], 'only a stopped server starts');
      return serverAction(d, ctx, id, 'start', { 'os-start': { servers: [{ id }] } });
    },
    async stop(ctx, id) {
      requireStatus(await ecsServer(d, ctx, id), 'stop', ['ACTIVE'], 'ECS stops only an active server');
      return serverAction(d, ctx, id, 'stop', { 'os-stop': { type: 'SOFT', servers: [{ id }] } });
    },
    async reboot(ctx, id, type) {
      requireStatus(
        await ecsServer(d, ctx, id),
        type === 'hard' ? 'reboot-hard' : 'reboot-soft',
        ['ACTIVE'],
        'ECS reboots only an active server',
      );
      return serverAction(d, ctx, id, 'reboot', {
        reboot: { type: type === 'hard' ? 'HARD' : 'SOFT', servers: [{ id }] },
      });
    },
    liveMigrate: async () => huaweiUnsupported.refuse('POST /servers/{id}/live-migrate'),
    async resize(ctx, id, flavorId) {
      const s = await ecsServer(d, ctx, id);
      // ECS resizes a stopped server (seed FAQ L3915: "变更规格需要关机").
      requireStatus(s, 'resize', ['SHUTOFF'], 'stop it before changing its flavor');
      if (s.flavor.id === flavorId) throw invalid('flavor_id', `is already the flavor of server ${id}`);
      await hwFlavors(d).get(ctx, flavorId);
      const { job_id } = await d.call<{ job_id: string }>(
        ctx,
        'ecs',
        'POST',
        `${hw.servers.path}/${encodeURIComponent(id)}/resize`,
        { body: { resize: { flavorRef: flavorId } } },
      );
      await trackJob(id, 'ecs', job_id, 'resize');
      return getServer(d, ctx, id);
    },
  };
}

export function hwFlavors(d: HwDeps): CloudProvider['flavors'] {
  const all = async (ctx: ProviderContext) => (await listAll<EcsFlavor>(d, ctx, hw.flavors)).map(toFlavor);
  return {
    create: async () => huaweiUnsupported.refuse('POST /flavors'),
    remove: async () => huaweiUnsupported.refuse('DELETE /flavors/{id}'),
    async get(ctx, id) {
      const f = (await all(ctx)).find((x) => x.id === id);
      if (!f) throw notFound('flavor', id);
      return f;
    },
    async list(ctx, q) {
      return pageOf(
        await all(ctx),
        q,
        { name: (f) => f.name, vcpus: (f) => f.vcpus, ram_mb: (f) => f.ram_mb, disk_gb: (f) => f.disk_gb },
        (f) => f.name,
      );
    },
  };
}

export function hwDatacenters(d: HwDeps): CloudProvider['datacenters'] {
  return {
    async list(ctx) {
      const r = await d.call<{ availabilityZoneInfo: { zoneName: string; zoneState: { available: boolean } }[] }>(
        ctx,
        'ecs',
        'GET',
        '/v2.1/{project_id}/os-availability-zone',
      );
      return r.availabilityZoneInfo.map((z) => ({
        id: z.zoneName,
        name: z.zoneName,
        region: d.s.region,
        status: z.zoneState.available ? 'available' : 'unavailable',
      }));
    },
    listHosts: async () => huaweiUnsupported.refuse('GET /hosts'),
    getHost: async () => huaweiUnsupported.refuse('GET /hosts/{id}'),
    setHostStatus: async (_ctx, _id, change) =>
      huaweiUnsupported.refuse(change.enabled ? 'POST /hosts/{id}/enable' : 'POST /hosts/{id}/disable'),
  };
}

interface EcsLimits {
  absolute: Record<string, number>;
}
interface EvsQuota {
  quota_set: Record<string, { limit: number; in_use: number; reserved?: number } | string>;
}

/** -1 is "unlimited" in Huawei's quota answers; the contract's totals are numbers, so it reads as a large one. */
const limitOf = (n: number | undefined) => (n === undefined || n < 0 ? 2_147_483_647 : n);

export function hwQuotas(d: HwDeps): CloudProvider['quotas'] {
  return {
    async compute(ctx, q): Promise<ComputeQuota> {
      if (q.scope === 'datacenter') huaweiUnsupported.refuse('GET /quotas/compute#datacenter');
      // The driver's calls answer for its one configured project whatever is asked: another one is refused, not answered wrongly.
      if (ctx.projectId !== ctx.principal.projectId) huaweiUnsupported.refuse('GET /quotas/compute#project_id');
      const { absolute: a } = await d.call<EcsLimits>(ctx, 'ecs', 'GET', `${hw.servers.path}/limits`);
      return {
        total_memory_mb: limitOf(a.maxTotalRAMSize),
        used_memory_mb: a.totalRAMUsed ?? 0,
        total_vcpus: limitOf(a.maxTotalCores),
        used_vcpus: a.totalCoresUsed ?? 0,
        total_instances: limitOf(a.maxTotalInstances),
        used_instances: a.totalInstancesUsed ?? 0,
        total_security_groups: limitOf(a.maxSecurityGroups),
        used_security_groups: a.totalSecurityGroupsUsed ?? 0,
      };
    },
    async volume(ctx, q): Promise<VolumeQuota> {
      if (q.scope === 'datacenter') huaweiUnsupported.refuse('GET /quotas/volume#datacenter');
      if (ctx.projectId !== ctx.principal.projectId) huaweiUnsupported.refuse('GET /quotas/volume#project_id');
      const { quota_set: s } = await d.call<EvsQuota>(
        ctx,
        'evs',
        'GET',
        '/v2/{project_id}/os-quota-sets/{project_id}',
        { query: { usage: 'True' } },
      );
      const gb = typeof s.gigabytes === 'object' ? s.gigabytes : undefined;
      const vols = typeof s.volumes === 'object' ? s.volumes : undefined;
      return {
        total_gb: limitOf(gb?.limit),
        used_gb: gb?.in_use ?? 0,
        total_volumes: limitOf(vols?.limit),
        used_volumes: vols?.in_use ?? 0,
      };
    },
  };
}
