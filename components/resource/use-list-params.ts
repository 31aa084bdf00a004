'use client';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useMemo } from 'react';
import type { ListParams } from '@/lib/api/list';

export const pageSizes = [20, 50, 100] as const;

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
    const limit = Number(sp.get('limit')) || defaults.limit || 20;
    const page = Math.max(1, Number(sp.get('page')) || 1);
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

  const page = Math.floor((params.offset ?? 0) / (params.limit ?? 20)) + 1;
  return { params, setParams, page, search };
}
