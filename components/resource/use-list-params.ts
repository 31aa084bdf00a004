'use client';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useMemo } from 'react';
import type { ListParams } from '@/lib/api/list';

export const pageSizes = [20, 50, 100] as const;
/** The API clamps `limit` to 100 (lib/contract/common.ts ListQuery): a page never holds more, whatever the URL says. */
export const maxPageSize = 100;

/**
 * The page size a list actually uses for a URL's `limit`: a whole number from 1 to the API's maximum (a larger
 * one is what the API would answer anyway, and the pager must count pages of the size the rows come in).
 */
export function pageSizeOf(raw: string | null, fallback = 20): number {
  const n = Math.trunc(Number(raw));
  if (!Number.isFinite(n) || n < 1) return Math.min(fallback, maxPageSize);
  return Math.min(n, maxPageSize);
}

/**
 * List filters, sort and page live in the URL (shareable, survive reload and Back). `filters` names the
 * extra query keys a page understands, e.g. ['status', 'datacenter_id'].
 */
export function useListParams(filters: readonly string[] = [], defaults: { sort?: string; limit?: number } = {}) {
  const search = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const key = search.toString();

  const params = useMemo<ListParams>(() => {
    const sp = new URLSearchParams(key);
    const limit = pageSizeOf(sp.get('limit'), defaults.limit);
    const page = Math.max(1, Math.trunc(Number(sp.get('page'))) || 1);
    const p: ListParams = { limit, offset: (page - 1) * limit };
    const sort = sp.get('sort') ?? defaults.sort;
    if (sort) p.sort = sort;
    const name = sp.get('name');
    if (name) p.name = name;
    for (const f of filters) {
      const v = sp.get(f);
      if (v) p[f] = v;
    }
    return p;
    // filters are a constant per page
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, defaults.limit, defaults.sort]);

  /** Changes some params; any change other than the page goes back to page 1. */
  const setParams = useCallback(
    (patch: Record<string, string | number | undefined>) => {
      const sp = new URLSearchParams(key);
      for (const [k, v] of Object.entries(patch)) {
        if (v === undefined || v === '') sp.delete(k);
        else sp.set(k, String(v));
      }
      if (!('page' in patch)) sp.delete('page');
      const q = sp.toString();
      router.replace(q ? `${pathname}?${q}` : pathname, { scroll: false });
    },
    [key, pathname, router],
  );

  const pageSize = params.limit ?? 20;
  const page = Math.floor((params.offset ?? 0) / pageSize) + 1;
  return { params, setParams, page, pageSize, search };
}
