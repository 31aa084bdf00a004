import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  isSnapshotTransitional,
  type Snapshot,
  type SnapshotCreateInput,
  type SnapshotUpdateInput,
} from '@/lib/contract/snapshot';
import { useTasksStore } from '@/lib/stores/tasks-store';
import { createSnapshot, deleteSnapshot, updateSnapshot } from '@/server/actions/snapshots';
import { callAction } from './action';
import { get } from './client';
import type { ListParams, Page } from './list';
import { refreshAfterChange } from './refresh';
import { volumeKeys } from './volumes';

/** Volume snapshots: the snapshots page, a volume's detail and the volume wizard's picker share these keys. */
export const snapshotKeys = {
  all: ['snapshots'] as const,
  lists: (projectId: string) => [...snapshotKeys.all, projectId, 'list'] as const,
  list: (projectId: string, params: ListParams) => [...snapshotKeys.lists(projectId), params] as const,
};

// The events stream invalidates on each change; polling is the fallback while a snapshot is still being made.
const pollWhileMoving = (snaps: Snapshot[] | undefined) =>
  snaps?.some((s) => isSnapshotTransitional(s.status)) ? 2000 : false;

export const fetchSnapshots = async (params: ListParams): Promise<Page<Snapshot>> => {
  const r = await get('GET /snapshots', { query: params });
  return { items: r.snapshots, total: r.total_count };
};

export function useSnapshotsQuery(projectId: string, params: ListParams = { limit: 100 }, enabled = true) {
  return useQuery({
    queryKey: snapshotKeys.list(projectId, params),
    queryFn: () => fetchSnapshots(params),
    enabled,
    placeholderData: (prev) => prev,
    refetchInterval: (q) => pollWhileMoving(q.state.data?.items),
  });
}

/** Take a snapshot, tracked in the task tray until it is available; throws the API's error. */
export function useCreateSnapshotMutation() {
  const qc = useQueryClient();
  const tasks = useTasksStore();
  return useMutation({
    mutationFn: async ({
      input,
      idempotencyKey,
      label,
    }: {
      input: SnapshotCreateInput;
      idempotencyKey: string;
      label: string;
    }) => {
      const r = await callAction(() => createSnapshot(input, idempotencyKey));
      tasks.start(label, { type: 'snapshot', id: r.snapshot.id });
      return r.snapshot;
    },
    onSettled: () => refreshAfterChange(qc, snapshotKeys.all, ['quotas']),
  });
}

export function useUpdateSnapshotMutation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: SnapshotUpdateInput }) =>
      callAction(() => updateSnapshot(id, input)).then((r) => r.snapshot),
    onSettled: () => refreshAfterChange(qc, snapshotKeys.all),
  });
}

export function useDeleteSnapshotMutation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => callAction(() => deleteSnapshot(id)),
    // A volume's delete button depends on its snapshots being gone.
    onSettled: () => refreshAfterChange(qc, snapshotKeys.all, volumeKeys.all, ['quotas']),
  });
}
