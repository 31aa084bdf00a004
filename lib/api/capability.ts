import { ApiError } from './client';
import type { ListParams, Page } from './list';

/** A backend that lacks a feature answers `not_supported` (501): the UI shows it as unavailable, not as an error. */
export const isNotSupported = (e: unknown): boolean => e instanceof ApiError && e.type === 'not_supported';

/** React Query `retry`: asking again will not make a missing feature appear. */
export const retryUnlessUnsupported = (failures: number, e: unknown) => !isNotSupported(e) && failures < 2;

/**
 * Every item of a collection, 100 (the API's max) per request, for views that need the whole set (topology,
 * pickers). `max` bounds the work on very large estates. The first page tells the total; the rest are then asked
 * side by side (at most `parallel` at a time), not one after another: a 1,000-server estate costs two round trips.
 */
export async function fetchAllPages<T>(fetchPage: (params: ListParams) => Promise<Page<T>>, params: ListParams = {}, max = 5000, parallel = 6): Promise<Page<T>> {
  const first = await fetchPage({ ...params, limit: 100, offset: 0 });
  if (first.items.length < 100 || first.items.length >= first.total) return { items: first.items, total: first.total };
  const offsets: number[] = [];
  for (let offset = 100; offset < Math.min(first.total, max); offset += 100) offsets.push(offset);
  const pages: Array<Page<T>> = new Array(offsets.length);
  let next = 0;
  const worker = async () => {
    while (next < offsets.length) {
      const i = next++;
      pages[i] = await fetchPage({ ...params, limit: 100, offset: offsets[i]! });
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, offsets.length) }, worker));
  return { items: [first, ...pages].flatMap((p) => p.items), total: first.total };
}
