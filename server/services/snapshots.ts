import 'server-only';
import type { ListResult } from '@/lib/contract/common';
import type { Snapshot, SnapshotCreateInput, SnapshotListQuery, SnapshotUpdateInput } from '@/lib/contract/snapshot';
import { invalid, isCloudError } from '../providers/errors';
import { provider } from '../providers/registry';
import { ensureVisible, listScope, requireWriter, scope, type RequestContext } from './context';

/** Reads the snapshot through the caller's scope: another project's snapshot is a 404. */
async function visibleSnapshot(ctx: RequestContext, id: string): Promise<Snapshot> {
  return ensureVisible(ctx, await provider().snapshots.get(scope(ctx), id), 'snapshot', id);
}

export async function listSnapshots(ctx: RequestContext, q: SnapshotListQuery): Promise<ListResult<Snapshot>> {
  return provider().snapshots.list(listScope(ctx, q), q);
}

export async function getSnapshot(ctx: RequestContext, id: string): Promise<Snapshot> {
  return visibleSnapshot(ctx, id);
}

export async function createSnapshot(ctx: RequestContext, input: SnapshotCreateInput): Promise<Snapshot> {
  requireWriter(ctx, 'create snapshots');
  // The volume is the caller's project's (an admin snapshots into their own project, as a volume is created there):
  // another project's volume is the same 400 as one that does not exist, naming the field.
  const own = scope(ctx, { allProjects: false });
  const volume = await provider()
    .volumes.get(own, input.volume_id)
    .catch((e: unknown) => {
      if (isCloudError(e) && e.kind === 'not_found') return null;
      throw e;
    });
  if (!volume || volume.project_id !== ctx.principal.projectId)
    throw invalid('volume_id', `names no volume of this project: ${input.volume_id}`);
  return provider().snapshots.create(own, input);
}

export async function updateSnapshot(ctx: RequestContext, id: string, input: SnapshotUpdateInput): Promise<Snapshot> {
  requireWriter(ctx, 'change snapshots');
  await visibleSnapshot(ctx, id);
  return provider().snapshots.update(scope(ctx), id, input);
}

export async function deleteSnapshot(ctx: RequestContext, id: string): Promise<{ pending: boolean }> {
  requireWriter(ctx, 'delete snapshots');
  await visibleSnapshot(ctx, id);
  return provider().snapshots.remove(scope(ctx), id);
}
