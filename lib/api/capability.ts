import { ApiError } from './client';
import type { ListParams, Page } from './list';

/** A backend that lacks a feature answers `not_supported` (501): the UI shows it as unavailable, not as an error. */
export const isNotSupported = (e: unknown): boolean => e instanceof ApiError && e.type === 'not_supported';

/** React Query `retry`: asking again will not make a missing feature appear. */
export const retryUnlessUnsupported = (failures: number, e: unknown) => !isNotSupported(e) && failures < 2;

/**
 * Every item of a collection, 100 (the API's max) per request, for views that need the whole set (topology,
 * pickers). `max` bounds the work on very large estates.
 */
export async function fetchAllPages<T>(fetchPage: (params: ListParams) => Promise<Page<T>>, params: ListParams = {}, max = 5000): Promise<Page<T>> {
  const items: T[] = [];
  let total = 0;
  for (let offset = 0; offset < max; offset += 100) {
    const page = await fetchPage({ ...params, limit: 100, offset });
    items.push(...page.items);
    total = page.total;
    if (page.items.length < 100 || items.length >= total) break;
  }
  return { items, total };
}
