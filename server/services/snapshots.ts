import 'server-only';
import type { ListResult } from '@/lib/contract/common';
import type { Snapshot, SnapshotCreateInput, SnapshotListQuery, SnapshotUpdateInput } from '@/lib/contract/snapshot';
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
  // Of a volume of the caller's own project (an admin's too, as a volume is created there): the provider, scoped to
  // it, answers another project's volume as the 400 naming volume_id that a missing one is.
  return provider().snapshots.create(scope(ctx, { allProjects: false }), input);
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
