import 'server-only';
import type { ListResult } from '@/lib/contract/common';
import { invalid } from './errors';

type Key = string | number | null;

/**
 * Filters, sorts and slices a whole set in memory with the contract's paging, sort and name filter: for backends
 * that can neither count nor match by substring nor sort by the contract's fields (OpenStack for flavors, images,
 * networks, …; the public clouds, which page in their own styles), on sets a project keeps small.
 */
export function pageOf<T extends { id: string }>(
  items: T[],
  q: { limit: number; offset: number; sort?: string; name?: string },
  sortable: Record<string, (x: T) => Key>,
  nameOf?: (x: T) => string,
): ListResult<T> {
  let rows = items;
  if (q.name && nameOf) {
    const needle = q.name.toLowerCase();
    rows = rows.filter((x) => nameOf(x).toLowerCase().includes(needle));
  }
  if (q.sort) {
    const desc = q.sort.startsWith('-');
    const field = desc ? q.sort.slice(1) : q.sort;
    const key = sortable[field];
    if (!key) throw invalid('sort', `cannot sort by "${field}"; sortable fields: ${Object.keys(sortable).join(', ')}`);
    rows = [...rows].sort((a, b) => {
      const x = key(a);
      const y = key(b);
      const c = x === y ? 0 : x === null ? 1 : y === null ? -1 : x < y ? -1 : 1;
      return (desc ? -c : c) || a.id.localeCompare(b.id);
    });
  }
  return { total: rows.length, items: rows.slice(q.offset, q.offset + q.limit) };
}
