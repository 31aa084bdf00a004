import 'server-only';
import type { Datacenter, Host } from '@/lib/contract/datacenter';
import type { Server, ServerCreateInput } from '@/lib/contract/server';
import { countStatuses } from '@/lib/contract/server-status-counts';
import { ipInCidr } from '@/lib/network/ip';
import { CloudError, conflict, invalid, notFound } from '../errors';
import type { CloudProvider, ProviderContext } from '../types';
import { isAdminCtx, type OsDeps } from './context';
import { toFlavor } from './mappers/flavor';
import { novaStatusFilter, serverStatus, toServer } from './mappers/server';
import { usableSnapshot } from './cinder';
import type {
  NeutronFloatingIp,
  NeutronNetwork,
  NeutronPort,
  NeutronSecurityGroup,
  NovaFlavor,
  NovaServer,
} from './mappers/wire';
import { pageOf } from '../paging';
import { action } from './compute-actions';
import { cachedCounts } from './count-cache';
import { novaQuotaRules, novaServerCreateRules, translateError } from './errors';
import { os, type Rest } from './rest';

/** Turns a backend not_found into the contract's sentence naming the resource. */
/** A disk made from a snapshot names an existing, available one: Nova's own refusal would come late, as a failed build. */
async function checkSnapshotDisks(rest: Rest, disks: ServerCreateInput['block_devices']): Promise<void> {
  await Promise.all(
    disks.map((bd, i) =>
      bd.source_type === 'snapshot' && bd.uuid
        ? usableSnapshot(rest, bd.uuid, {
            idField: `block_devices.${i}.uuid`,
            sizeField: `block_devices.${i}.size_gb`,
            sizeGb: bd.size_gb,
          })
        : undefined,
    ),
  );
}

export async function orNotFound<T>(p: Promise<T>, resource: string, id: string): Promise<T> {
  try {
    return await p;
  } catch (e) {
    if (e instanceof CloudError && e.kind === 'not_found') throw notFound(resource, id);
    throw e;
  }
}

/** Nova's quota refusal with the contract's wording and numbers (see novaQuotaRules). */
export const novaQuota = (e: unknown): unknown => translateError(novaQuotaRules, e, undefined);

/**
 * A requested fixed IP: Nova answers 400 both for an address outside the network and for one already taken,
 * without naming the field. The contract wants 400 naming networks.N.fixed_ip for the first, 409 for the second.
 */
async function checkFixedIps(rest: Rest, networks: { network_id: string; fixed_ip?: string }[]): Promise<void> {
  for (const [i, n] of networks.entries()) {
    if (!n.fixed_ip) continue;
    const subnets = await rest.page<{ cidr: string }>(os.subnets, { network_id: n.network_id, fields: ['cidr'] });
    if (!subnets.some((x) => ipInCidr(n.fixed_ip!, x.cidr)))
      throw invalid(
        `networks.${i}.fixed_ip`,
        `${n.fixed_ip} is not an address of network ${n.network_id} (${subnets.map((x) => x.cidr).join(', ') || 'no subnets'})`,
      );
    const taken = await rest.page<{ id: string }>(os.ports, {
      network_id: n.network_id,
      fixed_ips: `ip_address=${n.fixed_ip}`,
      fields: ['id'],
    });
    if (taken.length) throw conflict(`fixed IP ${n.fixed_ip} is already in use on network ${n.network_id}`);
  }
}

const confirming = new Set<string>();
/**
 * The standard has no "confirm resize" step, so a resize is confirmed as soon as Nova reaches VERIFY_RESIZE:
 * by the resize call's own follow-up, and again whenever a read sees a server still waiting (after a restart).
 */
function confirmResize(rest: Rest, id: string) {
  if (confirming.has(id)) return;
  confirming.add(id);
  rest
    .action(os.servers, id, { confirmResize: null })
    .catch(() => undefined)
    .finally(() => setTimeout(() => confirming.delete(id), 5000));
}

/** The fields of a port a server row needs: asking Neutron for these only halves the ports call. */
const portFields = ['id', 'device_id', 'network_id', 'fixed_ips', 'security_groups', 'created_at'] as const;
export type ServerPort = Pick<NeutronPort, (typeof portFields)[number]>;
type ServerFloatingIp = Pick<NeutronFloatingIp, 'port_id' | 'fixed_ip_address' | 'floating_ip_address'>;
const fipFields = ['port_id', 'fixed_ip_address', 'floating_ip_address'];

/**
 * What a project's server rows need from Neutron besides their ports: its floating IPs and its groups' names. Both
 * are small, quota-bounded sets that do not depend on which servers a page holds, so they are read side by side with
 * Nova's page instead of after it; only the ports (by device id) have to wait for the page. Neutron lets a port's
 * own project (or an administrator acting for it) bind a floating IP to it, and the group of a port is its project's
 * or one shared with it: a shared group missing from the project's list is asked for by id afterwards.
 */
async function projectNetworkParts(rest: Rest, projectId: string) {
  const [fips, groups] = await Promise.all([
    rest.page<ServerFloatingIp>(os.floatingIps, { project_id: projectId, fields: fipFields }),
    rest.page<Pick<NeutronSecurityGroup, 'id' | 'name'>>(os.securityGroups, {
      project_id: projectId,
      fields: ['id', 'name'],
    }),
  ]);
  return { fips, names: new Map(groups.map((g) => [g.id, g.name])) };
}
type ProjectParts = Awaited<ReturnType<typeof projectNetworkParts>>;

/**
 * Ports, floating IPs and security group names of a set of servers: whatever its size, one ports call, then the
 * floating IPs and names side by side, or, with the project's parts read meanwhile, only the ports (and the names
 * of any shared group the project's list did not hold).
 */
async function networkPartsOf(rest: Rest, serverIds: string[], project?: Promise<ProjectParts>) {
  const ports = await rest.page<ServerPort>(os.ports, { device_id: serverIds, fields: [...portFields] });
  const groupIds = [...new Set(ports.flatMap((p) => p.security_groups ?? []))];
  const known = project ? await project : undefined;
  const missing = known ? groupIds.filter((id) => !known.names.has(id)) : groupIds;
  const portIds = new Set(ports.map((p) => p.id));
  const [fips, groups] = await Promise.all([
    known
      ? known.fips.filter((f) => f.port_id && portIds.has(f.port_id))
      : ports.length
        ? rest.page<ServerFloatingIp>(os.floatingIps, { port_id: [...portIds], fields: fipFields })
        : Promise.resolve([]),
    missing.length
      ? rest.page<Pick<NeutronSecurityGroup, 'id' | 'name'>>(os.securityGroups, { id: missing, fields: ['id', 'name'] })
      : Promise.resolve([]),
  ]);
  const names = new Map([...(known?.names ?? []), ...groups.map((g) => [g.id, g.name] as const)]);
  return { serverIds: new Set(serverIds), ports, fips, names };
}

/**
 * The project's floating IPs and group names, started at once, for a read scoped to one project; undefined for an
 * administrator's every-project read (the whole cloud's sets, which the page's own ports narrow instead).
 */
function projectPartsFor(rest: Rest, ctx: ProviderContext): Promise<ProjectParts> | undefined {
  if (ctx.allProjects) return undefined;
  const parts = projectNetworkParts(rest, ctx.projectId);
  // Settled at once so that a failure is not unhandled while Nova is still answering (it is awaited again).
  parts.catch(() => undefined);
  return parts;
}

/**
 * A whole page of servers in the contract's shape. `parts` may have been fetched already, side by side with the
 * page, for the ids the page was expected to hold; a server that came in between (created meanwhile) makes them
 * be fetched again for the page as it is. `project` are the project's own parts, read beside the page.
 */
export async function enrichServers(
  rest: Rest,
  servers: NovaServer[],
  parts?: Promise<Awaited<ReturnType<typeof networkPartsOf>>>,
  project?: Promise<ProjectParts>,
): Promise<Server[]> {
  if (!servers.length) return [];
  for (const s of servers) if (s.status === 'VERIFY_RESIZE') confirmResize(rest, s.id);
  let p = parts ? await parts : undefined;
  if (!p || servers.some((s) => !p!.serverIds.has(s.id)))
    p = await networkPartsOf(
      rest,
      servers.map((s) => s.id),
      project,
    );
  const { ports, fips, names } = p;
  return servers.map((s) => toServer(s, ports, fips, names));
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const novaSort: Record<string, string> = {
  name: 'display_name',
  created_at: 'created_at',
  status: 'vm_state',
  datacenter_id: 'availability_zone',
};

/** The first network of the project that has a subnet: where a server goes when the request names none (as in the simulator). */
async function defaultNetwork(rest: Rest, projectId: string): Promise<string | null> {
  const nets = await rest.page<NeutronNetwork>(os.networks, { project_id: projectId, 'router:external': false });
  const withSubnet = nets
    .filter((n) => n.subnets.length)
    .sort((a, b) => (a.created_at ?? '').localeCompare(b.created_at ?? ''));
  return withSubnet[0]?.id ?? null;
}

/** How many servers the caller's project holds: Nova's quota usage, counted from the instance rows a listing reads. */
async function instancesUsed(rest: Rest): Promise<number> {
  const r = await rest.call<{ limits: { absolute: Record<string, number> } }>('compute', 'GET', 'limits');
  return r.body.limits.absolute.totalInstancesUsed ?? 0;
}

/** The ids of the first `count` servers of a listing (for a later page's marker), in pages of up to 1000. */
async function firstIds(rest: Rest, filter: Record<string, unknown>, count: number): Promise<{ id: string }[]> {
  const ids: { id: string }[] = [];
  while (ids.length < count) {
    const marker = ids.at(-1)?.id;
    const limit = Math.min(1000, count - ids.length);
    const page = await rest.page<{ id: string }>(
      os.servers,
      { ...filter, limit, ...(marker ? { marker } : {}) },
      false,
    );
    ids.push(...page);
    if (page.length < limit) break;
  }
  return ids;
}

export function osServers(d: OsDeps): CloudProvider['servers'] {
  async function getNova(rest: Rest, id: string) {
    return orNotFound(rest.get<NovaServer>(os.servers, id), 'server', id);
  }
  async function getServer(ctx: ProviderContext, id: string): Promise<Server> {
    const rest = d.rest(ctx);
    const project = projectPartsFor(rest, ctx);
    const [s] = await enrichServers(rest, [await getNova(rest, id)], undefined, project);
    return s!;
  }
  return {
    async consoleLog(ctx, id, lines) {
      const rest = d.rest(ctx);
      const server = await getNova(rest, id);
      try {
        const r = await rest.action<{ output: string }>(os.servers, id, { 'os-getConsoleOutput': { length: lines } });
        return r.body.output;
      } catch (e) {
        // Nova answers 409 while the guest has no console yet (building, or a state the hypervisor cannot read).
        if (e instanceof CloudError && (e.kind === 'conflict' || e.kind === 'invalid'))
          throw conflict(
            `server ${server.name} has no console log to read now (${serverStatus(server.status, server['OS-EXT-STS:task_state'])}): ${e.message}`,
          );
        throw e;
      }
    },
    async create(ctx, input: ServerCreateInput) {
      const rest = d.rest(ctx);
      let networks: unknown = input.networks.map((n) => ({
        uuid: n.network_id,
        ...(n.port_id ? { port: n.port_id } : {}),
        ...(n.fixed_ip ? { fixed_ip: n.fixed_ip } : {}),
      }));
      if (!input.networks.length) {
        const net = await defaultNetwork(rest, ctx.projectId);
        networks = net ? [{ uuid: net }] : 'none';
      }
      const server: Record<string, unknown> = {
        name: input.name,
        description: input.description,
        flavorRef: input.flavor_id,
        imageRef: input.image_id,
        networks,
        metadata: input.metadata,
        ...(input.user_data ? { user_data: Buffer.from(input.user_data, 'utf8').toString('base64') } : {}),
        ...(input.security_group_ids.length
          ? { security_groups: input.security_group_ids.map((id) => ({ name: id })) }
          : {}),
        ...(input.datacenter_id ? { availability_zone: input.datacenter_id } : {}),
        ...(input.key_name !== undefined ? { key_name: input.key_name } : {}),
      };
      if (input.block_devices.length) {
        // A disk given boot_index 0 (a volume made from a snapshot, say) is what the server boots from: Nova then
        // takes no image disk beside it (two boot devices are its 400).
        const bootsFromDisk = input.block_devices.some((bd) => bd.boot_index === 0);
        if (bootsFromDisk) delete server.imageRef;
        server.block_device_mapping_v2 = [
          ...(bootsFromDisk
            ? []
            : [
                {
                  source_type: 'image',
                  uuid: input.image_id,
                  destination_type: 'local',
                  boot_index: 0,
                  delete_on_termination: true,
                },
              ]),
          ...input.block_devices.map((bd) => ({
            source_type: bd.source_type,
            destination_type: 'volume',
            ...(bd.uuid ? { uuid: bd.uuid } : {}),
            ...(bd.size_gb ? { volume_size: bd.size_gb } : {}),
            boot_index: bd.boot_index ?? -1,
            delete_on_termination: bd.source_type !== 'volume',
          })),
        ];
      }
      await checkFixedIps(rest, input.networks);
      await checkSnapshotDisks(rest, input.block_devices);
      // Nova's 400 for an unknown key pair names no field: the user's own key pairs are asked first.
      if (input.key_name !== undefined)
        await rest.call('compute', 'GET', `os-keypairs/${encodeURIComponent(input.key_name)}`).catch((e: unknown) => {
          if (e instanceof CloudError && e.kind === 'not_found')
            throw invalid('key_name', `names key pair "${input.key_name}", which does not exist`);
          throw e;
        });
      if (input.host) {
        // Nova (2.74) answers 202 for a disabled host and the build then fails: the contract refuses it now.
        const host = (await hostsOf(d, ctx)).find((h) => h.name === input.host || h.id === input.host);
        if (!host) throw invalid('host', `names host "${input.host}", which does not exist`);
        if (host.status !== 'enabled')
          throw conflict(
            `host ${host.name} is disabled${host.disabled_reason ? ` (${host.disabled_reason})` : ''}: server ${input.name} cannot be placed on it`,
          );
        server.host = host.name;
      }
      let created: { id: string };
      try {
        created = input.host
          ? (
              await rest.call<{ server: { id: string } }>('compute', 'POST', 'servers', {
                body: { server },
                headers: { 'X-OpenStack-Nova-API-Version': '2.74', 'OpenStack-API-Version': 'compute 2.74' },
              })
            ).body.server
          : await rest.create<{ id: string }>(os.servers, server);
      } catch (e) {
        // Nova's 400 names no field: novaServerCreateRules tell which one from its sentence.
        throw novaQuota(translateError(novaServerCreateRules, e, undefined));
      }
      return getServer(ctx, created.id);
    },
    async remove(ctx, id) {
      await orNotFound(d.rest(ctx).remove(os.servers, id), 'server', id);
      return { pending: true };
    },
    get: getServer,
    async list(ctx, q) {
      const rest = d.rest(ctx);
      let sort: { sort_key?: string; sort_dir?: string } = {};
      if (q.sort) {
        const desc = q.sort.startsWith('-');
        const field = desc ? q.sort.slice(1) : q.sort;
        const key = novaSort[field];
        if (!key)
          throw invalid('sort', `cannot sort by "${field}"; sortable fields: ${Object.keys(novaSort).join(', ')}`);
        sort = { sort_key: key, sort_dir: desc ? 'desc' : 'asc' };
      }
      const filter = {
        name: q.name ? escapeRegex(q.name) : undefined,
        status: q.status && q.status !== 'deleting' ? novaStatusFilter[q.status] : undefined,
        availability_zone: q.datacenter_id,
        // An admin-only filter of Nova's (the service layer lets only administrators ask it).
        host: q.host,
        all_tenants: ctx.allProjects ? 1 : undefined,
        // Nova filters by project only for an admin listing all tenants; a tenant's list is its project's already.
        project_id: ctx.allProjects ? ctx.onlyProjectId : undefined,
        ...sort,
      };
      if (q.status === 'deleting') {
        // Servers being deleted are told by their task state, which only admins may filter on (Nova drops the filter
        // for others): the set is read in detail and kept where the task state says so. A rare, short-lived set.
        const all = await rest.listAll<NovaServer>(os.servers, { ...filter, task_state: 'deleting' });
        const deleting = all.filter((s) => serverStatus(s.status, s['OS-EXT-STS:task_state']) === 'deleting');
        return {
          total: deleting.length,
          items: await enrichServers(rest, deleting.slice(q.offset, q.offset + q.limit)),
        };
      }
      const project = projectPartsFor(rest, ctx);
      // Nova cannot count a filtered set: the ids of the whole of it give the total (one call per 1000 servers).
      // Unfiltered, the project's own count is Nova's quota usage (`limits`: one small call, counted from the same
      // instance rows the listing reads). The first page needs no marker; a later page's details start at the marker
      // before the offset, and its ports/floating IPs/groups are read meanwhile for the ids it will hold.
      const unfiltered = !ctx.allProjects && !filter.name && !filter.status && !filter.availability_zone;
      const countOnly = unfiltered ? instancesUsed(rest) : undefined;
      if (q.offset === 0) {
        countOnly?.catch(() => undefined);
        const page = await rest.page<NovaServer>(os.servers, { ...filter, limit: q.limit });
        // A first page that is not full is the whole set: its length is the count. A filtered set is listed for its
        // count only when the page is full (a search by name mostly ends without it): listed beside the page, the
        // ids competed with it for Nova's workers and slowed it by more than they saved.
        const [items, count] = await Promise.all([
          enrichServers(rest, page, undefined, project),
          page.length < q.limit
            ? page.length
            : (countOnly ?? rest.listAll<{ id: string }>(os.servers, filter, false).then((ids) => ids.length)),
        ]);
        return { total: count, items };
      }
      const [ids, total] = await Promise.all([
        countOnly
          ? firstIds(rest, filter, q.offset + q.limit)
          : rest.listAll<{ id: string }>(os.servers, filter, false),
        countOnly,
      ]);
      const count = total ?? ids.length;
      const window = ids.slice(q.offset, q.offset + q.limit);
      if (!window.length) return { total: count, items: [] };
      const parts = networkPartsOf(
        rest,
        window.map((x) => x.id),
        project,
      );
      // Settled at once so that a failure is not unhandled while the page is read (enrichServers awaits it again).
      parts.catch(() => undefined);
      const page = await rest.page<NovaServer>(os.servers, {
        ...filter,
        limit: q.limit,
        marker: ids[q.offset - 1]!.id,
      });
      return { total: count, items: await enrichServers(rest, page, parts, project) };
    },
    async countByStatus(ctx) {
      // One detail listing paged by marker (Nova cannot count, nor group): its status and task state are mapped as
      // each row of the list is, so `deleting` (a task state beside any status) is counted on its own.
      // Cached for a few seconds per scope (count-cache.ts), cleared by this console's own writes to Nova.
      const scope = ctx.allProjects ? `all:${ctx.onlyProjectId ?? '*'}` : `project:${ctx.projectId}`;
      return cachedCounts(scope, async () => {
        const all = await d.rest(ctx).listAll<Pick<NovaServer, 'id' | 'status' | 'OS-EXT-STS:task_state'>>(os.servers, {
          all_tenants: ctx.allProjects ? 1 : undefined,
          project_id: ctx.allProjects ? ctx.onlyProjectId : undefined,
        });
        return countStatuses(all.map((s) => serverStatus(s.status, s['OS-EXT-STS:task_state'])));
      });
    },
    async update(ctx, id, input) {
      const rest = d.rest(ctx);
      await orNotFound(
        rest.update(os.servers, id, {
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.description !== undefined ? { description: input.description } : {}),
        }),
        'server',
        id,
      );
      return getServer(ctx, id);
    },
    async start(ctx, id) {
      await action(
        `start server ${id}`,
        orNotFound(d.rest(ctx).action(os.servers, id, { 'os-start': null }), 'server', id),
      );
      return getServer(ctx, id);
    },
    async stop(ctx, id) {
      await action(
        `stop server ${id}`,
        orNotFound(d.rest(ctx).action(os.servers, id, { 'os-stop': null }), 'server', id),
      );
      return getServer(ctx, id);
    },
    async reboot(ctx, id, type) {
      await action(
        `reboot server ${id}`,
        orNotFound(
          d.rest(ctx).action(os.servers, id, { reboot: { type: type === 'hard' ? 'HARD' : 'SOFT' } }),
          'server',
          id,
        ),
      );
      return getServer(ctx, id);
    },
    async liveMigrate(ctx, id, host) {
      // Nova answers 202 to an unknown host or the server's own host and fails (or picks another host) later,
      // after the caller has gone: the contract refuses both at once, as the simulator does.
      const rest = d.rest(ctx);
      const [server, hosts] = await Promise.all([getNova(rest, id), hostsOf(d, ctx)]);
      const target = hosts.find((h) => h.name === host);
      if (!target)
        throw new CloudError('conflict', `cannot live-migrate server ${server.name} to ${host}: there is no such host`);
      if (server['OS-EXT-SRV-ATTR:host'] === host)
        throw new CloudError(
          'conflict',
          `cannot live-migrate server ${server.name} to ${host}: it is already on that host`,
        );
      if (target.status !== 'enabled')
        throw new CloudError(
          'conflict',
          `cannot live-migrate server ${server.name} to ${host}: the host is disabled${target.disabled_reason ? ` (${target.disabled_reason})` : ''}`,
        );
      try {
        await orNotFound(
          rest.action(os.servers, id, { 'os-migrateLive': { host, block_migration: 'auto' } }),
          'server',
          id,
        );
      } catch (e) {
        // An unknown or full target host is a conflict in the contract, whatever status Nova chose.
        if (
          e instanceof CloudError &&
          (e.kind === 'invalid' ||
            e.kind === 'conflict' ||
            (e.kind === 'not_found' && !e.message.startsWith('server ')))
        )
          throw new CloudError(
            'conflict',
            `cannot live-migrate server ${id} to ${host}: ${e.message}`,
            undefined,
            e.cause,
          );
        throw e;
      }
      return getServer(ctx, id);
    },
    async resize(ctx, id, flavorId) {
      const rest = d.rest(ctx);
      // Nova accepts a smaller root disk at the API and fails later in the hypervisor: the contract refuses it now.
      const current = await getNova(rest, id);
      const [from, to] = await Promise.all([
        current.flavor.id ? rest.get<NovaFlavor>(os.flavors, current.flavor.id).catch(() => null) : null,
        rest.get<NovaFlavor>(os.flavors, flavorId).catch(() => null),
      ]);
      if (from && to && to.disk < from.disk)
        throw invalid(
          'flavor_id',
          `flavor ${to.id} has a smaller disk (${to.disk} GiB) than the server's ${from.id} (${from.disk} GiB)`,
        );
      try {
        await orNotFound(rest.action(os.servers, id, { resize: { flavorRef: flavorId } }), 'server', id);
      } catch (e) {
        if (e instanceof CloudError && e.kind === 'invalid') throw invalid('flavor_id', e.message);
        if (e instanceof CloudError && e.kind === 'conflict')
          throw new CloudError('conflict', `cannot resize server ${id}: ${e.message}`, undefined, e.cause);
        throw novaQuota(e);
      }
      void (async () => {
        // Follow the resize to VERIFY_RESIZE and confirm it; reads confirm too, should this process stop.
        for (let i = 0; i < 600; i++) {
          await new Promise((r) => setTimeout(r, 1000));
          const s = await rest.get<NovaServer>(os.servers, id).catch(() => null);
          if (!s || s.status === 'ERROR' || s.status === 'ACTIVE' || s.status === 'SHUTOFF') return;
          if (s.status === 'VERIFY_RESIZE') return confirmResize(rest, id);
        }
      })();
      // Nova shows the old flavor until the resize ends; the contract's answer shows the one it is becoming.
      const s = await getServer(ctx, id);
      return s.status === 'resizing' ? { ...s, flavor_id: flavorId } : s;
    },
  };
}

export function osFlavors(d: OsDeps): CloudProvider['flavors'] {
  return {
    async create(ctx, input) {
      const f = await d.rest(ctx).create<NovaFlavor>(os.flavors, {
        id: input.id,
        name: input.name,
        vcpus: input.vcpus,
        ram: input.ram_mb,
        disk: input.disk_gb,
        'os-flavor-access:is_public': input.is_public,
      });
      return toFlavor(f);
    },
    async remove(ctx, id) {
      await orNotFound(d.rest(ctx).remove(os.flavors, id), 'flavor', id);
    },
    async get(ctx, id) {
      return toFlavor(await orNotFound(d.rest(ctx).get<NovaFlavor>(os.flavors, id), 'flavor', id));
    },
    async list(ctx, q) {
      // Admins see private flavors too (is_public=None), as in the simulator.
      const all = await d.rest(ctx).listAll<NovaFlavor>(os.flavors, isAdminCtx(ctx) ? { is_public: 'None' } : {});
      const page = pageOf(
        all.map(toFlavor),
        q,
        { name: (f) => f.name, vcpus: (f) => f.vcpus, ram_mb: (f) => f.ram_mb, disk_gb: (f) => f.disk_gb },
        (f) => f.name,
      );
      return page;
    },
  };
}

interface Hypervisor {
  id: string | number;
  hypervisor_hostname: string;
  status: string;
  state: string;
  vcpus: number;
  vcpus_used: number;
  memory_mb: number;
  memory_mb_used: number;
  local_gb: number;
  local_gb_used: number;
  running_vms: number;
  service?: { host: string };
}
interface ZoneInfo {
  zoneName: string;
  zoneState: { available: boolean };
  hosts: Record<string, Record<string, unknown>> | null;
}

/** A nova-compute service as Nova answers from 2.53 on (its id a UUID, addressable by PUT os-services/{id}). */
interface ComputeService {
  id: string;
  host: string;
  status: 'enabled' | 'disabled';
  state: 'up' | 'down';
  disabled_reason: string | null;
}
/** os-services by id (PUT) and with the reason: 2.53, above the driver's usual 2.46, asked for these calls only. */
const services253 = { 'X-OpenStack-Nova-API-Version': '2.53', 'OpenStack-API-Version': 'compute 2.53' };

async function hostsOf(d: OsDeps, ctx: ProviderContext, datacenterId?: string): Promise<Host[]> {
  const rest = d.rest(ctx);
  const [hv, zones, services] = await Promise.all([
    rest.page<Hypervisor>(os.hypervisors, {}, true),
    rest.call<{ availabilityZoneInfo: ZoneInfo[] }>('compute', 'GET', 'os-availability-zone/detail'),
    rest.call<{ services: ComputeService[] }>('compute', 'GET', 'os-services', {
      query: { binary: 'nova-compute' },
      headers: services253,
    }),
  ]);
  const zoneOf = new Map<string, string>();
  for (const z of zones.body.availabilityZoneInfo)
    for (const h of Object.keys(z.hosts ?? {})) if (z.zoneName !== 'internal') zoneOf.set(h, z.zoneName);
  const serviceOf = new Map(services.body.services.map((s) => [s.host, s]));
  return hv
    .map((h): Host => {
      const name = h.service?.host ?? h.hypervisor_hostname;
      const svc = serviceOf.get(name);
      const disabled = svc ? svc.status === 'disabled' : h.status !== 'enabled';
      const down = (svc?.state ?? h.state) === 'down';
      return {
        // The host's id is its nova-compute service's: what enabling and disabling it addresses.
        id: svc?.id ?? String(h.id),
        name,
        datacenter_id: zoneOf.get(name) ?? 'nova',
        status: !disabled && !down ? 'enabled' : 'disabled',
        disabled_reason: disabled ? (svc?.disabled_reason ?? '') : down ? 'the nova-compute service is down' : null,
        total_vcpus: h.vcpus,
        used_vcpus: h.vcpus_used,
        total_memory_mb: h.memory_mb,
        used_memory_mb: h.memory_mb_used,
        total_disk_gb: h.local_gb,
        used_disk_gb: h.local_gb_used,
        servers: h.running_vms,
      };
    })
    .filter((h) => !datacenterId || h.datacenter_id === datacenterId);
}

async function hostOf(d: OsDeps, ctx: ProviderContext, id: string): Promise<Host> {
  const h = (await hostsOf(d, ctx)).find((x) => x.id === id || x.name === id);
  if (!h) throw notFound('host', id);
  return h;
}

export function osDatacenters(d: OsDeps): CloudProvider['datacenters'] {
  return {
    async list(ctx): Promise<Datacenter[]> {
      const r = await d.rest(ctx).call<{ availabilityZoneInfo: ZoneInfo[] }>('compute', 'GET', 'os-availability-zone');
      return r.body.availabilityZoneInfo
        .filter((z) => z.zoneName !== 'internal')
        .map((z) => ({
          id: z.zoneName,
          name: z.zoneName,
          region: d.settings.region,
          status: z.zoneState.available ? 'available' : 'unavailable',
        }));
    },
    listHosts: (ctx, datacenterId) => hostsOf(d, ctx, datacenterId),
    getHost: (ctx, id) => hostOf(d, ctx, id),
    async setHostStatus(ctx, id, change) {
      const host = await hostOf(d, ctx, id);
      // Nova's scheduler (ComputeFilter) and live migration skip a disabled nova-compute service themselves.
      await d.rest(ctx).call('compute', 'PUT', `os-services/${encodeURIComponent(host.id)}`, {
        body: change.enabled ? { status: 'enabled' } : { status: 'disabled', disabled_reason: change.reason },
        headers: services253,
      });
      return hostOf(d, ctx, host.id);
    },
  };
}

/** Keystone/Nova/Cinder say -1 for "no limit": the contract's totals are numbers, so no limit is the largest int. */
export const limitOf = (n: number) => (n < 0 ? 2 ** 31 - 1 : n);

export function osQuotas(d: OsDeps): CloudProvider['quotas'] {
  return {
    async compute(ctx, q) {
      if (q.scope === 'datacenter') {
        const hosts = await hostsOf(d, ctx, q.datacenterId);
        const sum = (f: (h: Host) => number) => hosts.reduce((n, h) => n + f(h), 0);
        return {
          total_memory_mb: sum((h) => h.total_memory_mb),
          used_memory_mb: sum((h) => h.used_memory_mb),
          total_vcpus: sum((h) => h.total_vcpus),
          used_vcpus: sum((h) => h.used_vcpus),
          total_instances: 2 ** 31 - 1,
          used_instances: sum((h) => h.servers),
        };
      }
      if (ctx.projectId !== ctx.principal.projectId) {
        // Another project (admins): `limits` answers for the token's project only, the quota set's detail for any.
        const rest = d.rest(ctx);
        await orNotFound(rest.get(os.projects, ctx.projectId), 'project', ctx.projectId);
        const r = await rest.call<{ quota_set: Record<string, { limit: number; in_use: number }> }>(
          'compute',
          'GET',
          `os-quota-sets/${ctx.projectId}/detail`,
        );
        const qs = r.body.quota_set;
        return {
          total_memory_mb: limitOf(qs.ram?.limit ?? -1),
          used_memory_mb: qs.ram?.in_use ?? 0,
          total_vcpus: limitOf(qs.cores?.limit ?? -1),
          used_vcpus: qs.cores?.in_use ?? 0,
          total_instances: limitOf(qs.instances?.limit ?? -1),
          used_instances: qs.instances?.in_use ?? 0,
        };
      }
      const r = await d.rest(ctx).call<{ limits: { absolute: Record<string, number> } }>('compute', 'GET', 'limits');
      const a = r.body.limits.absolute;
      return {
        total_memory_mb: limitOf(a.maxTotalRAMSize ?? -1),
        used_memory_mb: a.totalRAMUsed ?? 0,
        total_vcpus: limitOf(a.maxTotalCores ?? -1),
        used_vcpus: a.totalCoresUsed ?? 0,
        total_instances: limitOf(a.maxTotalInstances ?? -1),
        used_instances: a.totalInstancesUsed ?? 0,
      };
    },
    async volume(ctx, q) {
      const rest = d.rest(ctx);
      if (q.scope === 'datacenter') {
        const r = await rest.call<{
          pools: { capabilities: { total_capacity_gb?: number | string; free_capacity_gb?: number | string } }[];
        }>('volumev3', 'GET', 'scheduler-stats/get_pools', {
          query: { detail: 'true' },
        });
        // Backends may report "infinite"/"unknown" capacity: counted as no limit.
        const gb = (v: number | string | undefined) => (typeof v === 'number' ? v : Number.POSITIVE_INFINITY);
        let total = 0;
        let free = 0;
        for (const p of r.body.pools) {
          total += gb(p.capabilities.total_capacity_gb);
          free += gb(p.capabilities.free_capacity_gb);
        }
        const finite = Number.isFinite(total) && Number.isFinite(free);
        const vols = await rest.call<{ count?: number; volumes: unknown[] }>('volumev3', 'GET', 'volumes', {
          query: { all_tenants: 1, with_count: 'true', limit: 1 },
        });
        return {
          total_gb: finite ? Math.round(total) : 2 ** 31 - 1,
          used_gb: finite ? Math.round(total - free) : 0,
          total_volumes: 2 ** 31 - 1,
          used_volumes: vols.body.count ?? vols.body.volumes.length,
        };
      }
      if (ctx.projectId !== ctx.principal.projectId) {
        // Another project (admins): Cinder's `limits` is the token's project; the quota set with usage names any.
        await orNotFound(rest.get(os.projects, ctx.projectId), 'project', ctx.projectId);
        const r = await rest.call<{ quota_set: Record<string, { limit: number; in_use: number }> }>(
          'volumev3',
          'GET',
          `os-quota-sets/${ctx.projectId}`,
          { query: { usage: 'true' } },
        );
        const qs = r.body.quota_set;
        return {
          total_gb: limitOf(qs.gigabytes?.limit ?? -1),
          used_gb: qs.gigabytes?.in_use ?? 0,
          total_volumes: limitOf(qs.volumes?.limit ?? -1),
          used_volumes: qs.volumes?.in_use ?? 0,
        };
      }
      const r = await rest.call<{ limits: { absolute: Record<string, number> } }>('volumev3', 'GET', 'limits');
      const a = r.body.limits.absolute;
      return {
        total_gb: limitOf(a.maxTotalVolumeGigabytes ?? -1),
        used_gb: a.totalGigabytesUsed ?? 0,
        total_volumes: limitOf(a.maxTotalVolumes ?? -1),
        used_volumes: a.totalVolumesUsed ?? 0,
      };
    },
  };
}
