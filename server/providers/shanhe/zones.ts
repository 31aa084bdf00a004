import 'server-only';
import { CloudError } from '../errors';
import type { ProviderContext } from '../types';
import type { ShDeps } from './context';

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
