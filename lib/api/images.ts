import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  isImageTransitional,
  type Image,
  type ImageFromServerInput,
  type ImageMetadataCreateInput,
  type ImagePatchInput,
} from '@/lib/contract/image';
import { useTasksStore } from '@/lib/stores/tasks-store';
import { createImage, deleteImage, importImage, patchImage } from '@/server/actions/images';
import { callAction } from './action';
import { refreshAfterChange } from './refresh';
import { get } from './client';
import type { ListParams, Page } from './list';

export const imageKeys = {
  all: ['images'] as const,
  lists: (projectId: string) => [...imageKeys.all, projectId, 'list'] as const,
  list: (projectId: string, params: ListParams) => [...imageKeys.lists(projectId), params] as const,
  detail: (projectId: string, id: string) => [...imageKeys.all, projectId, 'detail', id] as const,
};

export function useImagesQuery(projectId: string, params: ListParams = { limit: 100 }) {
  return useQuery({
    queryKey: imageKeys.list(projectId, params),
    queryFn: async (): Promise<Page<Image>> => {
      const r = await get('GET /images', { query: params });
      return { items: r.images, total: r.total_count };
    },
    placeholderData: (prev) => prev,
    refetchInterval: (q) => (q.state.data?.items.some((i) => isImageTransitional(i.status)) ? 3000 : false),
  });
}

export function useImageQuery(projectId: string, id: string) {
  return useQuery({
    queryKey: imageKeys.detail(projectId, id),
    queryFn: () => get('GET /images/{id}', { params: { id } }).then((r) => r.image),
    refetchInterval: (q) => (q.state.data && isImageTransitional(q.state.data.status) ? 3000 : false),
  });
}

/** Creates an image record: metadata only (then upload its file) or from a server (async). */
export function useCreateImageMutation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: (Partial<ImageMetadataCreateInput> & { name: string }) | ImageFromServerInput) =>
      callAction(() => createImage(input)).then((r) => r.image),
    onSettled: () => refreshAfterChange(qc, imageKeys.all),
  });
}

/** B.30 from a URL: the server fetches it (202); `watchImageImport` follows it to its end. */
export function useImportImageMutation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, source_url }: { id: string; source_url: string }) =>
      callAction(() => importImage(id, { source_url })).then((r) => r.image),
    onSettled: () => refreshAfterChange(qc, imageKeys.all),
  });
}

/**
 * Follows an import in the task tray: polls GET /images/{id} (the events stream says when the status changes, not
 * how many bytes have come) until the image is active or killed, the task then ending with the import's reason.
 * It lives outside any component, so leaving the page does not stop it.
 */
export function watchImageImport(taskId: string, id: string, everyMs = 1000): () => void {
  const tasks = useTasksStore.getState();
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const poll = async () => {
    try {
      const { image } = await get('GET /images/{id}', { params: { id } });
      if (stopped) return;
      if (image.import) tasks.progress(taskId, { bytes: image.import.bytes, total: image.import.total });
      if (image.status === 'active') return tasks.finish(taskId, 'done');
      if (image.status !== 'importing' && image.status !== 'queued')
        return tasks.finish(taskId, 'failed', image.import?.error ?? image.status);
    } catch (e) {
      // The image is gone (deleted meanwhile) or the session ended: the task ends with what the API said.
      return tasks.finish(taskId, 'failed', e instanceof Error ? e.message : String(e));
    }
    timer = setTimeout(() => void poll(), everyMs);
  };
  void poll();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

/** B.34-B.36: JSON-patch (over HTTP with its own media type; the action passes the operations as they are). */
export function usePatchImageMutation(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (ops: ImagePatchInput) => callAction(() => patchImage(id, ops)).then((r) => r.image),
    onSettled: () => refreshAfterChange(qc, imageKeys.all),
  });
}

export function useDeleteImageMutation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => callAction(() => deleteImage(id)),
    onSettled: () => refreshAfterChange(qc, imageKeys.all),
  });
}
