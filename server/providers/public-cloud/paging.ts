import 'server-only';
import type { ListResult } from '@/lib/contract/common';
import { invalid } from '../errors';

type Key = string | number | null;

/**
 * Filters, sorts and slices a set in memory: the public clouds page in their own styles (page numbers, markers,
 * offsets capped at 100) and none sorts by the contract's fields, so drivers read the set and page it here.
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

/** The first usable host of an IPv4 CIDR (the gateway the clouds expect when none is given). */
export function firstHost(cidr: string): string {
  const [ip = '', bits = '32'] = cidr.split('/');
  const n = ip.split('.').reduce((a, o) => (a << 8) + Number(o), 0) >>> 0;
  const mask = Number(bits) === 0 ? 0 : (~0 << (32 - Number(bits))) >>> 0;
  const h = ((n & mask) + 1) >>> 0;
  return [24, 16, 8, 0].map((s) => (h >>> s) & 255).join('.');
}

/** Whether two IPv4 CIDRs share an address. */
export function cidrsOverlap(a: string, b: string): boolean {
  const parse = (c: string) => {
    const [ip = '', bits = '32'] = c.split('/');
    const n = ip.split('.').reduce((x, o) => (x << 8) + Number(o), 0) >>> 0;
    const size = 2 ** (32 - Number(bits));
    const start = n - (n % size);
    return [start, start + size - 1] as const;
  };
  const [s1, e1] = parse(a);
  const [s2, e2] = parse(b);
  return s1 <= e2 && s2 <= e1;
}
