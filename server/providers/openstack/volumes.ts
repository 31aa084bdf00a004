import 'server-only';
import { serverRules } from '@/lib/contract/server';
import { volumeRules } from '@/lib/contract/volume';
import type { VolumeStatus } from '@/lib/contract/volume';
import { CloudError, conflict, invalid, notFound, quotaExceeded } from '../errors';
import type { CloudProvider } from '../types';
import type { OsDeps } from './context';
import { orNotFound } from './compute';
import { cinderVolumeCreateRules, translateError } from './errors';
import { toVolume, volumeStatus } from './mappers/volume';
import { serverStatus } from './mappers/server';
import type { CinderVolume, NovaServer } from './mappers/wire';
import { cinderSort, stateful, usableSnapshot } from './cinder';
import { os, type Rest } from './rest';
import { osUnsupported } from './unsupported';

const cinderStatus: Record<VolumeStatus, string> = {
  creating: 'creating',
  available: 'available',
  attaching: 'attaching',
  'in-use': 'in-use',
  detaching: 'detaching',
  extending: 'extending',
  retyping: 'retyping',
  deleting: 'deleting',
  error: 'error',
};

const getCinder = (rest: Rest, id: string) => orNotFound(rest.get<CinderVolume>(os.volumes, id), 'volume', id);

/** The server a volume attaches to: the volume's own project's (an admin sees every server), else a 400 naming server_id. */
async function serverFor(rest: Rest, v: CinderVolume, serverId: string): Promise<NovaServer> {
  let server: NovaServer | undefined;
  try {
    server = await rest.get<NovaServer>(os.servers, serverId);
  } catch (e) {
    if (!(e instanceof CloudError && e.kind === 'not_found')) throw e;
  }
  const owner = v['os-vol-tenant-attr:tenant_id'];
  if (!server || (owner && server.tenant_id !== owner))
    throw invalid('server_id', `"${serverId}" is not a server of this project`);
  return server;
}

interface CinderType {
  id: string;
  name: string;
  description?: string | null;
  is_public?: boolean;
  extra_specs?: Record<string, string>;
}

/**
 * Cinder removed the `multiattach` flag: a volume is shareable when its type says so (extra spec multiattach,
 * which Cinder shows every user). The contract's flag picks such a type, or checks the one given.
 */
async function multiattachType(rest: Rest, wanted: string | undefined): Promise<string> {
  const types = await volumeTypes(rest);
  if (wanted) {
    const t = types.find((x) => x.name === wanted || x.id === wanted);
    if (!t) throw invalid('volume_type', `no volume type "${wanted}" on this cloud`);
    if (!shareable(t)) throw invalid('multiattach', `volume type ${t.name} does not allow multiattach`);
    return t.name;
  }
  const t = types.find(shareable);
  if (!t) return osUnsupported.refuse('POST /volumes#multiattach');
  return t.name;
}

const shareable = (t: CinderType) => /^<is>\s*true$/i.test(t.extra_specs?.multiattach ?? '');
const volumeTypes = async (rest: Rest) =>
  (await rest.call<{ volume_types: CinderType[] }>('volumev3', 'GET', 'types')).body.volume_types;

/** Whether a `multiattach` volume can be made here: what capabilities() declares, from the types multiattachType reads. */
export async function hasShareableType(rest: Rest): Promise<boolean> {
  return (await volumeTypes(rest)).some(shareable);
}

/** Cinder checks the gigabytes quota before the volume count: the contract names the count first, as it is the simpler limit. */
async function checkVolumeCount(rest: Rest): Promise<void> {
  const r = await rest.call<{ limits: { absolute: Record<string, number> } }>('volumev3', 'GET', 'limits');
  const a = r.body.limits.absolute;
  const max = a.maxTotalVolumes ?? -1;
  const used = a.totalVolumesUsed ?? 0;
  if (max >= 0 && used + 1 > max) throw quotaExceeded(`volumes quota exceeded: ${used} of ${max} used, 1 requested`);
}

export function osVolumes(d: OsDeps): CloudProvider['volumes'] {
  return {
    async create(ctx, input) {
      const rest = d.rest(ctx);
      await checkVolumeCount(rest);
      if (input.source && 'snapshot_id' in input.source)
        await usableSnapshot(rest, input.source.snapshot_id, {
          idField: 'source.snapshot_id',
          sizeField: 'size_gb',
          sizeGb: input.size_gb,
        });
      // `standard` is the contract's default, meaning the cloud's own default type: for multiattach, any shareable one.
      const named = input.volume_type === 'standard' ? undefined : input.volume_type;
      const type = input.multiattach ? await multiattachType(rest, named) : input.volume_type;
      const v = await rest
        .create<CinderVolume>(os.volumes, {
          size: input.size_gb,
          name: input.name,
          description: input.description,
          // "standard" is the contract's default word: on OpenStack that is the cloud's default type.
          ...(type && type !== 'standard' ? { volume_type: type } : {}),
          ...(input.datacenter_id ? { availability_zone: input.datacenter_id } : {}),
          ...(input.source && 'image_id' in input.source ? { imageRef: input.source.image_id } : {}),
          ...(input.source && 'snapshot_id' in input.source ? { snapshot_id: input.source.snapshot_id } : {}),
        })
        .catch((e: unknown) => {
          throw translateError(cinderVolumeCreateRules, e, input);
        });
      return toVolume(v, ctx.projectId);
    },
    async remove(ctx, id) {
      const rest = d.rest(ctx);
      const v = await getCinder(rest, id);
      if (v.attachments.length)
        throw conflict(`volume ${v.name || id} is attached to server ${v.attachments[0]!.server_id}; detach it first`);
      await stateful(rest.remove(os.volumes, id), `delete volume ${id}`);
      return { pending: true };
    },
    async get(ctx, id) {
      return toVolume(await getCinder(d.rest(ctx), id), ctx.projectId);
    },
    async list(ctx, q) {
      const sort = cinderSort(q.sort);
      const filter = {
        sort,
        status: q.status ? cinderStatus[q.status] : undefined,
        availability_zone: q.datacenter_id,
        all_tenants: ctx.allProjects ? 1 : undefined,
        // Cinder filters by project only for an admin listing all tenants; a tenant's list is its project's already.
        project_id: ctx.allProjects ? ctx.onlyProjectId : undefined,
      };
      const rest = d.rest(ctx);
      if (q.name) {
        // A substring match ("name~") depends on the cloud's resource_filters: match here instead, over the filtered set.
        const all = await rest.listAll<CinderVolume>(os.volumes, filter);
        const needle = q.name.toLowerCase();
        const hits = all.filter((v) => (v.name ?? '').toLowerCase().includes(needle));
        return {
          total: hits.length,
          items: hits.slice(q.offset, q.offset + q.limit).map((v) => toVolume(v, ctx.projectId)),
        };
      }
      // Cinder pages by offset and counts (microversion 3.45).
      const r = await rest.call<{ volumes: CinderVolume[]; count?: number }>('volumev3', 'GET', 'volumes/detail', {
        query: { ...filter, limit: q.limit, offset: q.offset, with_count: 'true' },
      });
      return {
        total: r.body.count ?? r.body.volumes.length,
        items: r.body.volumes.map((v) => toVolume(v, ctx.projectId)),
      };
    },
    async attach(ctx, id, input) {
      // What this cloud cannot do is refused before anything is looked up: the answer is the same for any volume.
      osUnsupported.refuseIf(input.mode === 'ro', 'POST /volumes/{id}/attach#mode=ro');
      const rest = d.rest(ctx);
      const v = await getCinder(rest, id);
      const server = await serverFor(rest, v, input.server_id);
      if (v.attachments.some((a) => a.server_id === input.server_id))
        throw conflict(`volume ${id} is already attached to server ${server.name}`);
      if (v.attachments.length && !v.multiattach)
        throw conflict(
          `volume ${v.name || id} is in use by server ${v.attachments[0]!.server_id} and is not multiattach`,
        );
      // Nova refuses these late or not at all (a building server queues the attachment): the contract refuses now.
      const zone = server['OS-EXT-AZ:availability_zone'];
      if (zone && v.availability_zone !== zone)
        throw conflict(
          `volume ${v.name || id} is in datacenter ${v.availability_zone}, server ${server.name} in datacenter ${zone}`,
        );
      const status = serverStatus(server.status, server['OS-EXT-STS:task_state']);
      if (!serverRules.allowed('attach-volume', status))
        throw conflict(serverRules.conflictMessage('attach-volume', `server ${server.name}`, status));
      if (input.device) {
        // Hypervisors name disks by their bus (vdX, sdX, xvdX): a drive letter already used is the same device.
        const letter = (dev: string) => dev.replace(/^\/dev\/(x?v|s|h)d/, '');
        const taken = (
          await rest.call<{ volumeAttachments: { device: string }[] }>(
            'compute',
            'GET',
            `servers/${encodeURIComponent(input.server_id)}/os-volume_attachments`,
          )
        ).body.volumeAttachments.find((a) => letter(a.device) === letter(input.device!));
        if (taken) throw conflict(`device ${input.device} is already used on server ${server.name} (${taken.device})`);
      }
      await stateful(
        rest.call('compute', 'POST', `servers/${encodeURIComponent(input.server_id)}/os-volume_attachments`, {
          body: { volumeAttachment: { volumeId: id, ...(input.device ? { device: input.device } : {}) } },
        }),
        `attach volume ${id} to server ${input.server_id}`,
      );
      return toVolume(await getCinder(rest, id), ctx.projectId);
    },
    async detach(ctx, id, serverId) {
      const rest = d.rest(ctx);
      const v = await getCinder(rest, id);
      if (!v.attachments.some((a) => a.server_id === serverId))
        throw conflict(`volume ${id} is not attached to server ${serverId}`);
      try {
        await stateful(
          rest.call(
            'compute',
            'DELETE',
            `servers/${encodeURIComponent(serverId)}/os-volume_attachments/${encodeURIComponent(id)}`,
          ),
          `detach volume ${id}`,
        );
      } catch (e) {
        if (e instanceof CloudError && e.kind === 'not_found') throw notFound('server', serverId);
        throw e;
      }
      return toVolume(await getCinder(rest, id), ctx.projectId);
    },
    async listTypes(ctx) {
      const rest = d.rest(ctx);
      const [types, fallback] = await Promise.all([
        volumeTypes(rest),
        // The type Cinder gives a volume that names none (GET /types/default, 3.62; older clouds: none marked).
        rest
          .call<{ volume_type: CinderType }>('volumev3', 'GET', 'types/default')
          .then((r) => r.body.volume_type.id)
          .catch(() => undefined),
      ]);
      return types.map((t) => ({
        id: t.id,
        name: t.name,
        description: t.description ?? '',
        is_default: t.id === fallback,
        multiattach: shareable(t),
      }));
    },
    async retype(ctx, id, input) {
      const rest = d.rest(ctx);
      const v = await getCinder(rest, id);
      const types = await volumeTypes(rest);
      const to = types.find((t) => t.name === input.volume_type || t.id === input.volume_type);
      if (!to)
        throw invalid(
          'volume_type',
          `names no volume type of this cloud: "${input.volume_type}" (types: ${types.map((t) => t.name).join(', ')})`,
        );
      if (to.name === v.volume_type)
        throw invalid('volume_type', `volume ${v.name || id} is already of type ${to.name}: name another type`);
      const status = volumeStatus(v.status);
      if (!volumeRules.allowed('retype', status))
        throw conflict(volumeRules.conflictMessage('retype', `volume ${v.name || id}`, status));
      await stateful(
        rest.action(os.volumes, id, { 'os-retype': { new_type: to.name, migration_policy: input.migration_policy } }),
        `change the type of volume ${v.name || id}`,
      );
      // Cinder answers before the volume manager starts: the contract's answer shows the change under way.
      const after = toVolume(await getCinder(rest, id), ctx.projectId);
      return after.status === 'available' || after.status === 'in-use' ? { ...after, status: 'retyping' } : after;
    },
    async extend(ctx, id, newSizeGb) {
      const rest = d.rest(ctx);
      const v = await getCinder(rest, id);
      if (newSizeGb <= v.size) throw invalid('new_size_gb', `must be greater than the current size (${v.size} GiB)`);
      await stateful(rest.action(os.volumes, id, { 'os-extend': { new_size: newSizeGb } }), `extend volume ${id}`);
      // Cinder shows the old size until the backend has grown the volume; the contract's answer shows the size it is becoming.
      const after = toVolume(await getCinder(rest, id), ctx.projectId);
      return after.status === 'extending' ? { ...after, size_gb: newSizeGb } : after;
    },
  };
}
