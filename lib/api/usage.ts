import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { UsageQuery } from '@/lib/contract/usage';
import { apiBase, get } from './client';

export type UsageFilter = Pick<UsageQuery, 'project_id' | 'datacenter_id' | 'from' | 'to'>;

export const usageKeys = { all: ['usage'] as const, series: (f: UsageFilter) => [...usageKeys.all, f] as const };

/** The usage series of `GET /usage` for a fixed range (the page fixes `from`/`to`, so the CSV matches the chart). */
export function useUsageQuery(f: UsageFilter, enabled = true) {
  return useQuery({
    queryKey: usageKeys.series(f),
    queryFn: () => get('GET /usage', { query: f }).then((r) => r.usage),
    enabled,
    placeholderData: keepPreviousData,
  });
}

/** The same series as a file (`format=csv`), for a download link: the API's own CSV, not one made in the browser. */
export function usageCsvHref(f: UsageFilter): string {
  const q = new URLSearchParams({ format: 'csv' });
  for (const [k, v] of Object.entries(f)) if (v) q.set(k, v);
  return `${apiBase}/usage?${q.toString()}`;
}
