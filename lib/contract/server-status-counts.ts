import { z } from 'zod';
import { ListQuery } from './common';
import { ServerStatus } from './server';

/**
 * The overview's server status card: how many servers are in each status, from one backend listing instead of
 * one filtered list call per status. Each count equals the `total_count` of `GET /servers?status=<that status>`
 * at the same moment, and the counts add up to `total_count`.
 */
export const ServerStatusCountsQuery = ListQuery.pick({ all_projects: true });
export type ServerStatusCountsQuery = z.infer<typeof ServerStatusCountsQuery>;

const Count = z.number().int().min(0);
export const ServerStatusCounts = z
  .object({
    // Every status is present (0 when none), so a caller need not know the vocabulary to read a count.
    counts: z.object(
      Object.fromEntries(ServerStatus.options.map((s) => [s, Count])) as Record<ServerStatus, typeof Count>,
    ),
    total_count: Count,
  })
  .meta({ id: 'ServerStatusCounts' });
export type ServerStatusCounts = z.infer<typeof ServerStatusCounts>;

/** Zero for every status, to count into. */
export const emptyStatusCounts = (): Record<ServerStatus, number> =>
  Object.fromEntries(ServerStatus.options.map((s) => [s, 0])) as Record<ServerStatus, number>;

/** Counts contract servers (already mapped to the contract's statuses) by status. */
export function countStatuses(statuses: Iterable<ServerStatus>): Record<ServerStatus, number> {
  const counts = emptyStatusCounts();
  for (const s of statuses) counts[s] += 1;
  return counts;
}
