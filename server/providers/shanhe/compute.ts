import 'server-only';
import { randomBytes } from 'node:crypto';
import type { ComputeQuota, VolumeQuota } from '@/lib/contract/quota';
import type { Server, ServerOperation } from '@/lib/contract/server';
import { serverRules, serverSortFields } from '@/lib/contract/server';
import { countStatuses } from '@/lib/contract/server-status-counts';
import { CloudError, conflict, invalid, notFound } from '../errors';
import { pageOf } from '../paging';
import type { CloudProvider, ProviderContext } from '../types';
import { describeAll, listParam, type ShDeps } from './context';
import { discardCreated, failedCreations, settleJob, watchCreation } from './jobs';
import { toFlavor, type ShInstanceType } from './mappers/instance-type';
import { metadataTag, toServer, type ShInstance } from './mappers/instance';
import type { ShVolume } from './mappers/volume';
import type { ShVxnet } from './mappers/vxnet';
import { shanheUnsupported } from './unsupported';
import { describeAllZones, describePageAcrossZones, listZones, locate, rememberZone } from './zones';
import { namesOtherProject } from '../shared/only-project';

const isAdmin = (ctx: ProviderContext) => ctx.principal.roles.includes('admin');
/** The statuses of an instance that still exists (terminated and ceased ones linger in Describe answers). */
const liveStatuses = ['pending', 'running', 'stopped', 'suspended'];

/** Every live instance of every active zone: what the status counts and the quota usage count. */
const liveInstances = async (d: ShDeps, ctx: ProviderContext) =>
  describeAllZones<ShInstance>(d, ctx, await listZones(d, ctx), 'DescribeInstances', 'instance_set', {
    verbose: 1,
    ...listParam('status', liveStatuses),
  });

/** An instance and the zone it lives in (every later call on it names that zone). */
export async function findInstance(
  d: ShDeps,
  ctx: ProviderContext,
  id: string,
): Promise<{ i: ShInstance; zone: string }> {
  const found = await locate(
    d,
    ctx,
    id,
    async (zone) =>
      (await d.call<{ instance_set: ShInstance[] }>(ctx, 'DescribeInstances', { 'instances.1': id, verbose: 1, zone }))
        .instance_set[0],
  );
  if (!found || found.row.status === 'terminated' || found.row.status === 'ceased') throw notFound('server', id);
  return { i: { ...found.row, zone_id: found.row.zone_id ?? found.zone }, zone: found.zone };
}

export const shInstance = async (d: ShDeps, ctx: ProviderContext, id: string): Promise<ShInstance> =>
  (await findInstance(d, ctx, id)).i;

/** An instance that must share `zone` with what it is joined to (Shanhe joins nothing across zones); `what` ends "… where <what>". */
export async function shInstanceIn(
  d: ShDeps,
  ctx: ProviderContext,
  id: string,
  zone: string,
  what: string,
): Promise<ShInstance> {
  const found = await findInstance(d, ctx, id);
  if (found.zone !== zone)
    throw invalid(
      'server_id',
      `server ${id} is in zone ${found.zone}, not in zone ${zone} where ${what}: Shanhe joins resources of one zone only`,
    );
  return found.i;
}

/** Instances as the contract's servers, a failed creation still building shown as `error` (one read for all). */
async function views(d: ShDeps, ctx: ProviderContext, rows: ShInstance[]): Promise<Server[]> {
  const servers = rows.map((i) => toServer(i, ctx.projectId, isAdmin(ctx)));
  const failed = await failedCreations(
    d,
    ctx,
    rows.filter((_, n) => servers[n]!.status === 'building').map((i) => i.instance_id),
  );
  return servers.map((s, n) => (failed.has(rows[n]!.instance_id) ? { ...s, status: 'error' } : s));
}
const view = async (d: ShDeps, ctx: ProviderContext, i: ShInstance): Promise<Server> => (await views(d, ctx, [i]))[0]!;

/** Tags `key=value` for the metadata: reused when they exist, created when not, then attached. */
async function attachMetadata(
  d: ShDeps,
  ctx: ProviderContext,
  instanceId: string,
  zone: string,
  metadata: Record<string, string>,
) {
  const pairs: Record<string, string> = {};
  let n = 0;
  for (const [k, v] of Object.entries(metadata)) {
    const name = metadataTag(k, v);
    const found = await d.call<{ tag_set: { tag_id: string; tag_name: string }[] }>(ctx, 'DescribeTags', {
      search_word: name,
      zone,
    });
    const tagId =
      found.tag_set.find((t) => t.tag_name === name)?.tag_id ??
      (await d.call<{ tag_id: string }>(ctx, 'CreateTags', { tag_name: name, zone })).tag_id;
    n++;
    Object.assign(pairs, {
      [`resource_tag_pairs.${n}.tag_id`]: tagId,
      [`resource_tag_pairs.${n}.resource_type`]: 'instance',
      [`resource_tag_pairs.${n}.resource_id`]: instanceId,
    });
  }
  if (n) await d.call(ctx, 'AttachTags', { ...pairs, zone });
}

async function instanceAction(
  d: ShDeps,
  ctx: ProviderContext,
  id: string,
  zone: string,
  action: string,
  params: Record<string, string | number> = {},
): Promise<Server> {
  const r = await d.call<{ job_id: string }>(ctx, action, { ...listParam('instances', [id]), ...params, zone });
  await settleJob(d, ctx, r.job_id, `${action} of server ${id}`, 300, zone);
  return view(d, ctx, await shInstance(d, ctx, id));
}

/**
 * The contract's action-by-state table first (the same 409 as every backend), then what Shanhe itself accepts where
 * it is narrower (`shanheAllows`, its own status name, and never during a transition), with the reason.
 */
function requireStatus(i: ShInstance, action: ServerOperation, shanheAllows: string, what: string) {
  const status = toServer(i, '', false).status;
  if (!serverRules.allowed(action, status))
    throw conflict(serverRules.conflictMessage(action, `server ${i.instance_name || i.instance_id}`, status));
  if (i.status !== shanheAllows || i.transition_status) throw conflict(`server ${i.instance_id} is ${status}; ${what}`);
}

export function shServers(d: ShDeps): CloudProvider['servers'] {
  return {
    async consoleLog() {
      return shanheUnsupported.refuse('GET /servers/{id}/console-log');
    },
    async create(ctx, input) {
      shanheUnsupported.refuseIf(input.host !== undefined, 'POST /servers#host');
      shanheUnsupported.refuseIf(input.key_name !== undefined, 'POST /servers#key_name');
      for (const b of input.block_devices)
        shanheUnsupported.refuse(`POST /servers#block_devices.source_type=${b.source_type}`);
      shanheUnsupported.refuseIf(
        input.networks.some((n) => n.port_id),
        'POST /servers#networks.port_id',
      );
      // The first vxnet asked for, else the first one joined to a router (a vxnet without one has no addresses).
      const zone = input.datacenter_id || d.s.zone;
      let vxnet = input.networks[0]?.network_id;
      if (!vxnet) {
        const nets = await describeAll<ShVxnet>(d, ctx, 'DescribeVxnets', 'vxnet_set', { verbose: 1, zone });
        vxnet = nets.find((n) => n.router)?.vxnet_id;
        if (!vxnet) throw invalid('networks', 'the account has no vxnet joined to a router to put the server in');
      }
      if (input.security_group_ids.length > 1)
        throw invalid('security_group_ids', 'a Shanhe instance has one security group');
      const r = await d.call<{ instances: string[]; job_id: string }>(ctx, 'RunInstances', {
        image_id: input.image_id,
        instance_type: input.flavor_id,
        instance_name: input.name,
        count: 1,
        // The standard's create has no credential: an unknown random password, so access is by user_data (cloud-init).
        login_mode: 'passwd',
        login_passwd: 'Yt' + randomBytes(12).toString('base64url') + '9!',
        'vxnets.1': input.networks[0]?.fixed_ip ? `${vxnet}|${input.networks[0].fixed_ip}` : vxnet,
        ...(input.security_group_ids[0] ? { security_group: input.security_group_ids[0] } : {}),
        ...(input.user_data
          ? { userdata_type: 'plain', userdata_value: Buffer.from(input.user_data).toString('base64') }
          : {}),
        zone,
      });
      const id = r.instances[0];
      if (!id) throw new CloudError('unavailable', 'RunInstances named no instance');
      rememberZone(id, zone);
      await watchCreation(d, ctx, id, r.job_id, zone);
      try {
        if (input.description)
          await d.call(ctx, 'ModifyInstanceAttributes', { instance: id, description: input.description, zone });
        await attachMetadata(d, ctx, id, zone, input.metadata);
        const s = await view(d, ctx, (await findInstance(d, ctx, id)).i);
        return s.status === 'active' ? { ...s, status: 'building' } : s;
      } catch (e) {
        // The caller learns no id from a failed create, so the instance made for it goes with it.
        const left = await discardCreated(d, ctx, r.job_id, zone, () =>
          d.call(ctx, 'TerminateInstances', { ...listParam('instances', [id]), zone }),
        );
        if (left)
          throw new CloudError(
            e instanceof CloudError ? e.kind : 'unavailable',
            `creating server ${input.name} failed after Shanhe made instance ${id} in zone ${zone}, and terminating it failed too: delete it there`,
            undefined,
            { create: e, terminate: left },
          );
        throw e;
      }
    },
    async remove(ctx, id) {
      const { zone } = await findInstance(d, ctx, id);
      const r = await d.call<{ job_id: string }>(ctx, 'TerminateInstances', { ...listParam('instances', [id]), zone });
      await settleJob(d, ctx, r.job_id, `the deletion of server ${id}`, 300, zone);
      return { pending: true };
    },
    get: async (ctx, id) => view(d, ctx, await shInstance(d, ctx, id)),
    async list(ctx, q) {
      // The cloud does not say which host a server runs on: a host filter cannot be answered.
      if (q.host !== undefined) shanheUnsupported.refuse('GET /hosts/{id}');
      shanheUnsupported.refuseIf(namesOtherProject(ctx), 'GET /servers#project_id');
      // Shanhe lists one zone a call: a zone asked for is the one read, else every active zone, merged.
      const zones = await listZones(d, ctx, q.datacenter_id);
      if (!zones.length) return { items: [], total: 0 };
      const filters = { verbose: 1, ...listParam('status', liveStatuses), ...(q.name ? { search_word: q.name } : {}) };
      const inZone = (rows: { row: ShInstance; zone: string }[]) =>
        views(
          d,
          ctx,
          rows.map(({ row: i, zone }) => ({ ...i, zone_id: i.zone_id ?? zone })),
        );
      if (!q.sort && !q.status) {
        const page = await describePageAcrossZones<ShInstance>(
          d,
          ctx,
          zones,
          'DescribeInstances',
          'instance_set',
          q,
          filters,
        );
        return { items: await inZone(page.items), total: page.total };
      }
      let items = await inZone(
        await describeAllZones<ShInstance>(d, ctx, zones, 'DescribeInstances', 'instance_set', filters),
      );
      if (q.status) items = items.filter((s) => s.status === q.status);
      return pageOf(
        items,
        { ...q, name: undefined },
        Object.fromEntries(serverSortFields.map((f) => [f, (s: Server) => s[f]])),
      );
    },
    async countByStatus(ctx) {
      // The list's own reading (every live instance of every zone, mapped as its rows are), counted.
      const all = await liveInstances(d, ctx);
      const servers = await views(
        d,
        ctx,
        all.map(({ row, zone }) => ({ ...row, zone_id: row.zone_id ?? zone })),
      );
      return countStatuses(servers.map((x) => x.status));
    },
    async update(ctx, id, input) {
      const { zone } = await findInstance(d, ctx, id);
      await d.call(ctx, 'ModifyInstanceAttributes', {
        instance: id,
        instance_name: input.name,
        description: input.description,
        zone,
      });
      return view(d, ctx, await shInstance(d, ctx, id));
    },
    async start(ctx, id) {
      const { i, zone } = await findInstance(d, ctx, id);
      requireStatus(i, 'start', 'stopped', 'only a stopped server starts');
      return instanceAction(d, ctx, id, zone, 'StartInstances');
    },
    async stop(ctx, id) {
      const { i, zone } = await findInstance(d, ctx, id);
      requireStatus(i, 'stop', 'running', 'Shanhe stops only a running server');
      return instanceAction(d, ctx, id, zone, 'StopInstances', { force: 0 });
    },
    async reboot(ctx, id, type) {
      const { i, zone } = await findInstance(d, ctx, id);
      requireStatus(
        i,
        type === 'hard' ? 'reboot-hard' : 'reboot-soft',
        'running',
        'Shanhe restarts only a running server',
      );
      // RestartInstances has no hard/soft switch; a hard reboot is a forced stop and a start.
      if (type === 'soft') return instanceAction(d, ctx, id, zone, 'RestartInstances');
      const r = await d.call<{ job_id: string }>(ctx, 'StopInstances', {
        ...listParam('instances', [id]),
        force: 1,
        zone,
      });
      await settleJob(d, ctx, r.job_id, `the forced stop of server ${id}`, 30_000, zone);
      return instanceAction(d, ctx, id, zone, 'StartInstances');
    },
    liveMigrate: async () => shanheUnsupported.refuse('POST /servers/{id}/live-migrate'),
    async resize(ctx, id, flavorId) {
      const { i, zone } = await findInstance(d, ctx, id);
      requireStatus(i, 'resize', 'stopped', 'stop it before changing its instance type');
      if (i.instance_type === flavorId) throw invalid('flavor_id', `is already the type of server ${id}`);
      await shFlavors(d).get(ctx, flavorId);
      return instanceAction(d, ctx, id, zone, 'ResizeInstances', { instance_type: flavorId });
    },
  };
}

export function shFlavors(d: ShDeps): CloudProvider['flavors'] {
  const all = async (ctx: ProviderContext) =>
    (await describeAll<ShInstanceType>(d, ctx, 'DescribeInstanceTypes', 'instance_type_set'))
      .filter((t) => t.status !== 'deprecated')
      .map(toFlavor);
  return {
    create: async () => shanheUnsupported.refuse('POST /flavors'),
    remove: async () => shanheUnsupported.refuse('DELETE /flavors/{id}'),
    async get(ctx, id) {
      const f = (await all(ctx)).find((x) => x.id === id);
      if (!f) throw notFound('flavor', id);
      return f;
    },
    list: async (ctx, q) =>
      pageOf(await all(ctx), q, { name: (f) => f.name, vcpus: (f) => f.vcpus, ram_mb: (f) => f.ram_mb }, (f) => f.name),
  };
}

export function shDatacenters(d: ShDeps): CloudProvider['datacenters'] {
  return {
    async list(ctx) {
      const r = await d.call<{ zone_set: { zone_id: string; status: string; region_id?: string }[] }>(
        ctx,
        'DescribeZones',
      );
      return r.zone_set.map((z) => ({
        id: z.zone_id,
        name: z.zone_id,
        region: z.region_id ?? z.zone_id.replace(/[a-z]$/, ''),
        status: z.status === 'active' ? 'available' : 'unavailable',
      }));
    },
    listHosts: async () => shanheUnsupported.refuse('GET /hosts'),
    getHost: async () => shanheUnsupported.refuse('GET /hosts/{id}'),
    setHostStatus: async (_ctx, _id, change) =>
      shanheUnsupported.refuse(change.enabled ? 'POST /hosts/{id}/enable' : 'POST /hosts/{id}/disable'),
  };
}

/** `GetQuotaLeft` answers what is left; totals are usage (counted from the resources) plus that. */
async function quotaLeft(d: ShDeps, ctx: ProviderContext, types: string[]): Promise<Record<string, number>> {
  const r = await d.call<{ quota_left_set: { resource_type: string; left: number }[] }>(
    ctx,
    'GetQuotaLeft',
    listParam('resource_types', types),
  );
  return Object.fromEntries(r.quota_left_set.map((q) => [q.resource_type, q.left]));
}

export function shQuotas(d: ShDeps): CloudProvider['quotas'] {
  return {
    async compute(ctx, q): Promise<ComputeQuota> {
      if (q.scope === 'datacenter') shanheUnsupported.refuse('GET /quotas/compute#datacenter');
      // The driver's calls answer for its one configured project whatever is asked: another one is refused, not answered wrongly.
      if (ctx.projectId !== ctx.principal.projectId) shanheUnsupported.refuse('GET /quotas/compute#project_id');
      const [left, live] = await Promise.all([quotaLeft(d, ctx, ['instance', 'cpu', 'memory']), liveInstances(d, ctx)]);
      const instances = live.map((x) => x.row);
      const cpus = instances.reduce((n, i) => n + i.vcpus_current, 0);
      const mem = instances.reduce((n, i) => n + i.memory_current, 0);
      return {
        total_vcpus: cpus + (left.cpu ?? 0),
        used_vcpus: cpus,
        total_memory_mb: mem + (left.memory ?? 0),
        used_memory_mb: mem,
        total_instances: instances.length + (left.instance ?? 0),
        used_instances: instances.length,
      };
    },
    async volume(ctx, q): Promise<VolumeQuota> {
      if (q.scope === 'datacenter') shanheUnsupported.refuse('GET /quotas/volume#datacenter');
      if (ctx.projectId !== ctx.principal.projectId) shanheUnsupported.refuse('GET /quotas/volume#project_id');
      const [left, volumes] = await Promise.all([
        quotaLeft(d, ctx, ['volume', 'volume_size']),
        listZones(d, ctx).then(async (zones) =>
          (
            await describeAllZones<ShVolume>(
              d,
              ctx,
              zones,
              'DescribeVolumes',
              'volume_set',
              listParam('status', ['pending', 'available', 'in-use', 'suspended']),
            )
          ).map((x) => x.row),
        ),
      ]);
      const gb = volumes.reduce((n, v) => n + v.size, 0);
      return {
        total_gb: gb + (left.volume_size ?? 0),
        used_gb: gb,
        total_volumes: volumes.length + (left.volume ?? 0),
        used_volumes: volumes.length,
      };
    },
  };
}
