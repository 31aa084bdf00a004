import 'server-only';
import type { ListResult } from '@/lib/contract/common';
import type {
  Volume,
  VolumeAttachInput,
  VolumeCreateInput,
  VolumeListQuery,
  VolumeRetypeInput,
  VolumeType,
} from '@/lib/contract/volume';
import { invalid, isCloudError } from '../providers/errors';
import { provider } from '../providers/registry';
import { ensureVisible, redactHost, requireWriter, listScope, scope, type RequestContext } from './context';

/** Reads the volume through the caller's scope: another project's volume is a 404. */
async function visibleVolume(ctx: RequestContext, id: string): Promise<Volume> {
  return ensureVisible(ctx, await provider().volumes.get(scope(ctx), id), 'volume', id);
}

export async function listVolumes(ctx: RequestContext, q: VolumeListQuery): Promise<ListResult<Volume>> {
  const r = await provider().volumes.list(listScope(ctx, q), q);
  return { total: r.total, items: r.items.map((v) => redactHost(ctx, v)) };
}

export async function getVolume(ctx: RequestContext, id: string): Promise<Volume> {
  return redactHost(ctx, await visibleVolume(ctx, id));
}

export async function createVolume(ctx: RequestContext, input: VolumeCreateInput): Promise<Volume> {
  requireWriter(ctx, 'create volumes');
  return redactHost(ctx, await provider().volumes.create(scope(ctx, { allProjects: false }), input));
}

export async function deleteVolume(ctx: RequestContext, id: string): Promise<{ pending: boolean }> {
  requireWriter(ctx, 'delete volumes');
  await visibleVolume(ctx, id);
  return provider().volumes.remove(scope(ctx), id);
}

export async function attachVolume(ctx: RequestContext, id: string, input: VolumeAttachInput): Promise<Volume> {
  requireWriter(ctx, 'attach volumes');
  await visibleVolume(ctx, id);
  // B.80 takes the server's name beside its id: a name that is not the server's is a caller's mistake, refused
  // rather than ignored (the id alone decides which server, so a wrong name could hide a wrong id).
  if (input.server_name !== undefined) {
    // An unknown server is the same 400 naming server_id that the attach itself gives.
    const server = await provider()
      .servers.get(scope(ctx), input.server_id)
      .then((s) => ensureVisible(ctx, s, 'server', input.server_id))
      .catch((e: unknown) => {
        throw isCloudError(e) && e.kind === 'not_found'
          ? invalid('server_id', `names no server of this project: ${input.server_id}`)
          : e;
      });
    if (server.name !== input.server_name)
      throw invalid(
        'server_name',
        `does not match server ${input.server_id}, whose name is ${JSON.stringify(server.name)}`,
      );
  }
  return redactHost(ctx, await provider().volumes.attach(scope(ctx), id, input));
}

export async function detachVolume(ctx: RequestContext, id: string, serverId: string): Promise<Volume> {
  requireWriter(ctx, 'detach volumes');
  await visibleVolume(ctx, id);
  return redactHost(ctx, await provider().volumes.detach(scope(ctx), id, serverId));
}

export async function extendVolume(ctx: RequestContext, id: string, newSizeGb: number): Promise<Volume> {
  requireWriter(ctx, 'extend volumes');
  await visibleVolume(ctx, id);
  return redactHost(ctx, await provider().volumes.extend(scope(ctx), id, newSizeGb));
}

export async function retypeVolume(ctx: RequestContext, id: string, input: VolumeRetypeInput): Promise<Volume> {
  requireWriter(ctx, 'change the type of volumes');
  await visibleVolume(ctx, id);
  return redactHost(ctx, await provider().volumes.retype(scope(ctx), id, input));
}

/** The backend's volume types: anyone signed in may read them (the volume wizard's picker). */
export async function listVolumeTypes(ctx: RequestContext): Promise<VolumeType[]> {
  return provider().volumes.listTypes(scope(ctx, { allProjects: false }));
}
