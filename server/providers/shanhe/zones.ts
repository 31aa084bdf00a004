import 'server-only';
import { CloudError } from '../errors';
import type { ProviderContext } from '../types';
import { describeAll, describePage, type ShDeps } from './context';
import type { Params } from './http';

/**
 * Every Shanhe call names one zone and finds only what lives there, and no call answers a resource's zone from its
 * id. A resource made in another zone (a create's `datacenter_id`) is found by asking the zones in turn: the one it
 * was last seen in, the configured one, then the others DescribeZones lists. The memory is a shortcut only: after a
 * restart the same search finds it again.
 */
const seen = new Map<string, string>();

export function rememberZone(resourceId: string, zone: string): void {
  if (seen.size > 5000) seen.clear();
  seen.set(resourceId, zone);
}

/** A zone the account may not use answers a refusal there; the resource is then not in it. */
const notInZone = (e: unknown) =>
  e instanceof CloudError && (e.kind === 'forbidden' || e.kind === 'invalid' || e.kind === 'not_found');

/**
 * The zone holding `resourceId` and what `read` answered there (`read` answers undefined where it is absent), or
 * undefined when no zone has it.
 */
export async function locate<T>(
  d: ShDeps,
  ctx: ProviderContext,
  resourceId: string,
  read: (zone: string) => Promise<T | undefined>,
): Promise<{ row: T; zone: string } | undefined> {
  const tried = new Set<string>();
  const attempt = async (zone: string) => {
    if (tried.has(zone)) return undefined;
    tried.add(zone);
    try {
      return await read(zone);
    } catch (e) {
      if (zone !== d.s.zone && notInZone(e)) return undefined;
      throw e;
    }
  };
  const first = seen.get(resourceId) ?? d.s.zone;
  for (const zone of [first, d.s.zone]) {
    const row = await attempt(zone);
    if (row !== undefined) return found(resourceId, row, zone);
  }
  const r = await d.call<{ zone_set: { zone_id: string; status: string }[] }>(ctx, 'DescribeZones');
  for (const z of r.zone_set) {
    if (z.status !== 'active') continue;
    const row = await attempt(z.zone_id);
    if (row !== undefined) return found(resourceId, row, z.zone_id);
  }
  seen.delete(resourceId);
  return undefined;
}

function found<T>(resourceId: string, row: T, zone: string) {
  rememberZone(resourceId, zone);
  return { row, zone };
}

/** Whether Shanhe has a zone of that id (a list filtered by an unknown zone is empty, not a refusal). */
export async function zoneExists(d: ShDeps, ctx: ProviderContext, zone: string): Promise<boolean> {
  if (zone === d.s.zone) return true;
  const r = await d.call<{ zone_set: { zone_id: string }[] }>(ctx, 'DescribeZones');
  return r.zone_set.some((z) => z.zone_id === zone);
}

/**
 * The zones a list reads: only `only` when a datacenter filter names one (none when Shanhe has no such zone), else
 * every active zone DescribeZones lists, the configured one first. This order, then the API's own within each zone,
 * is the merged list's order, so pages taken one after the other neither repeat nor skip a row.
 */
export async function listZones(d: ShDeps, ctx: ProviderContext, only?: string): Promise<string[]> {
  if (only) return (await zoneExists(d, ctx, only)) ? [only] : [];
  const r = await d.call<{ zone_set: { zone_id: string; status: string }[] }>(ctx, 'DescribeZones');
  const others = r.zone_set.filter((z) => z.status === 'active' && z.zone_id !== d.s.zone).map((z) => z.zone_id);
  return [d.s.zone, ...others];
}

/** One zone's read of a list; a zone the account may not use (refused there) holds nothing of it, as in `locate`. */
async function inZone<T>(d: ShDeps, zone: string, read: () => Promise<T>, nothing: T): Promise<T> {
  try {
    return await read();
  } catch (e) {
    if (zone !== d.s.zone && notInZone(e)) return nothing;
    throw e;
  }
}

/** Every row of a Describe call in each of `zones`, each with the zone it was read in. */
export async function describeAllZones<T>(
  d: ShDeps,
  ctx: ProviderContext,
  zones: string[],
  action: string,
  setKey: string,
  params: Params = {},
): Promise<{ row: T; zone: string }[]> {
  const perZone = await Promise.all(
    zones.map((zone) =>
      inZone(
        d,
        zone,
        async () => (await describeAll<T>(d, ctx, action, setKey, { ...params, zone })).map((row) => ({ row, zone })),
        [],
      ),
    ),
  );
  return perZone.flat();
}

/**
 * One page of the zones' rows taken together (zone order, then the API's), with the total over all of them: each
 * zone is asked with the API's own offset/limit for the part of the page it holds, or only for its count.
 */
export async function describePageAcrossZones<T>(
  d: ShDeps,
  ctx: ProviderContext,
  zones: string[],
  action: string,
  setKey: string,
  q: { limit: number; offset: number },
  params: Params = {},
): Promise<{ items: { row: T; zone: string }[]; total: number }> {
  const items: { row: T; zone: string }[] = [];
  let skip = q.offset;
  let total = 0;
  for (const zone of zones) {
    const want = Math.min(q.limit, 100) - items.length;
    // A zone past the page is still asked (for one row) for its count: total_count covers every zone.
    const page = await inZone(
      d,
      zone,
      () =>
        describePage<T>(
          d,
          ctx,
          action,
          setKey,
          { offset: want > 0 ? skip : 0, limit: Math.max(want, 1) },
          { ...params, zone },
        ),
      { items: [], total: 0 },
    );
    if (want > 0) items.push(...page.items.slice(0, want).map((row) => ({ row, zone })));
    total += page.total;
    skip = Math.max(0, skip - page.total);
  }
  return { items, total };
}

/**
 * The driver's dependencies with every call naming `zone` (a call naming one itself keeps it): what a resource found
 * in a zone is then worked on with, so its follow-up calls, jobs and the servers joined to it are that zone's.
 */
export function boundTo(d: ShDeps, zone: string): ShDeps {
  if (zone === d.s.zone) return d;
  return {
    s: { ...d.s, zone },
    call: (ctx, action, params = {}) => d.call(ctx, action, { ...params, zone: params.zone ?? zone }),
  };
}

/** `locate` answering the dependencies bound to the zone the resource was found in. */
export async function locateIn<T>(
  d: ShDeps,
  ctx: ProviderContext,
  resourceId: string,
  read: (dz: ShDeps) => Promise<T | undefined>,
): Promise<{ row: T; dz: ShDeps } | undefined> {
  const found = await locate(d, ctx, resourceId, (zone) => read(boundTo(d, zone)));
  return found && { row: found.row, dz: boundTo(d, found.zone) };
}
