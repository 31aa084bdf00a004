import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  isVolumeTransitional,
  type Volume,
  type VolumeAttachInput,
  type VolumeCreateInput,
  type VolumeRetypeInput,
} from '@/lib/contract/volume';
import { useTasksStore } from '@/lib/stores/tasks-store';
import {
  attachVolume,
  createVolume,
  deleteVolume,
  detachVolume,
  extendVolume,
  retypeVolume,
} from '@/server/actions/volumes';
import { callAction } from './action';
import { refreshAfterChange } from './refresh';
import { get } from './client';
import type { ListParams, Page } from './list';

/** Volumes: the list and detail pages, the server wizard's picker and the server detail all share these keys. */
export const volumeKeys = {
  all: ['volumes'] as const,
  lists: (projectId: string) => [...volumeKeys.all, projectId, 'list'] as const,
  list: (projectId: string, params: ListParams) => [...volumeKeys.lists(projectId), params] as const,
  detail: (projectId: string, id: string) => [...volumeKeys.all, projectId, 'detail', id] as const,
  types: ['volume-types'] as const,
};

/** The backend's volume types (the same for every project): the wizard's and the retype dialog's picker. */
export function useVolumeTypesQuery(enabled = true) {
  return useQuery({
    queryKey: volumeKeys.types,
    queryFn: () => get('GET /volume-types').then((r) => r.volume_types),
    enabled,
    staleTime: 5 * 60_000,
  });
}

// The events stream invalidates on each change; polling is the fallback while a volume is still moving.
const pollWhileMoving = (vols: Volume[] | undefined) =>
  vols?.some((v) => isVolumeTransitional(v.status)) ? 2000 : false;

export const fetchVolumes = async (params: ListParams): Promise<Page<Volume>> => {
  const r = await get('GET /volumes', { query: params });
  return { items: r.volumes, total: r.total_count };
};

export function useVolumesQuery(projectId: string, params: ListParams = { limit: 100 }, enabled = true) {
  return useQuery({
    queryKey: volumeKeys.list(projectId, params),
    queryFn: () => fetchVolumes(params),
    enabled,
    placeholderData: (prev) => prev,
    refetchInterval: (q) => pollWhileMoving(q.state.data?.items),
  });
}

export function useVolumeQuery(projectId: string, id: string) {
  return useQuery({
    queryKey: volumeKeys.detail(projectId, id),
    queryFn: () => get('GET /volumes/{id}', { params: { id } }).then((r) => r.volume),
    refetchInterval: (q) => pollWhileMoving(q.state.data ? [q.state.data] : undefined),
  });
}

export type VolumeAction =
  | { kind: 'attach'; input: VolumeAttachInput }
  | { kind: 'detach'; serverId: string }
  | { kind: 'extend'; newSizeGb: number }
  | { kind: 'retype'; input: VolumeRetypeInput }
  | { kind: 'delete' };

/** One change to one volume, through its server action (server/actions/volumes.ts); throws the ApiError of a failure. */
export function runVolumeAction(id: string, action: VolumeAction): Promise<unknown> {
  switch (action.kind) {
    case 'attach':
      return callAction(() => attachVolume(id, action.input));
    case 'detach':
      return callAction(() => detachVolume(id, { server_id: action.serverId }));
    case 'extend':
      return callAction(() => extendVolume(id, { new_size_gb: action.newSizeGb }));
    case 'retype':
      return callAction(() => retypeVolume(id, action.input));
    case 'delete':
      return callAction(() => deleteVolume(id));
  }
}

/** One action on a volume, tracked in the task tray until the volume settles; throws the API's error. */
export function useVolumeActionMutation() {
  const qc = useQueryClient();
  const tasks = useTasksStore();
  return useMutation({
    mutationFn: async ({
      volume,
      action,
      label,
    }: {
      volume: Pick<Volume, 'id' | 'name'>;
      action: VolumeAction;
      label: string;
    }) => {
      const task = tasks.start(`${volume.name || volume.id}: ${label}`, { type: 'volume', id: volume.id });
      try {
        return await runVolumeAction(volume.id, action);
      } catch (e) {
        tasks.finish(task, 'failed', e instanceof Error ? e.message : String(e));
        throw e;
      }
    },
    onSettled: () => refreshAfterChange(qc, volumeKeys.all, ['servers'], ['quotas']),
  });
}

export function useCreateVolumeMutation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ input, idempotencyKey }: { input: VolumeCreateInput; idempotencyKey: string }) =>
      callAction(() => createVolume(input, idempotencyKey)).then((r) => r.volume),
    onSettled: () => refreshAfterChange(qc, volumeKeys.all, ['quotas']),
  });
}
