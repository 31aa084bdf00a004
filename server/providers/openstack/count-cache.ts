import 'server-only';
import type { ServerStatus } from '@/lib/contract/server';

/**
 * The overview's server counts by status, per scope, for a few seconds (issue 15). Nova cannot count or group, so a
 * count is a detail listing of every server in the scope (≈ 1 s at 200 servers on the loopback cloud), asked again
 * by every overview that opens. Kept per scope key (the project, or the admin's all-projects view of one or every
 * project), so one project's counts never answer another's. Any write this process sends to Nova clears it all
 * (rest.ts), so the console's own changes show at once; what changes otherwise — a server finishing its build, a
 * change made elsewhere or through another replica — shows within TTL_MS. Concurrent askers share one listing.
 */
export const TTL_MS = 10_000;

type Counts = Record<ServerStatus, number>;
const entries = new Map<string, { at: number; value: Promise<Counts> }>();

export async function cachedCounts(key: string, count: () => Promise<Counts>): Promise<Counts> {
  const hit = entries.get(key);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.value;
  const value = count();
  const entry = { at: Date.now(), value };
  entries.set(key, entry);
  // A failed count is not kept: the next asker tries again.
  value.catch(() => {
    if (entries.get(key) === entry) entries.delete(key);
  });
  if (entries.size > 10_000) for (const [k, v] of entries) if (Date.now() - v.at >= TTL_MS) entries.delete(k);
  return value;
}

/** A write to Nova (create, delete, an action): every scope's counts are listed again at the next ask. */
export function forgetCounts(): void {
  entries.clear();
}
