import 'server-only';
import { snapshotRules } from '@/lib/contract/snapshot';
import { CloudError, conflict, invalid } from '../errors';
import { toSnapshot } from './mappers/snapshot';
import type { CinderSnapshot } from './mappers/wire';
import { os, type Rest } from './rest';

/** The contract's sortable fields of volumes and snapshots, in Cinder's words (both list the same way). */
const cinderSortKeys: Record<string, string> = {
  name: 'name',
  status: 'status',
  size_gb: 'size',
  created_at: 'created_at',
};

/** The contract's `sort` (`name`, `-created_at`) as Cinder's `sort` (`name:asc`); an unknown field is a 400 naming it. */
export function cinderSort(sort: string | undefined): string | undefined {
  if (!sort) return undefined;
  const desc = sort.startsWith('-');
  const field = desc ? sort.slice(1) : sort;
  if (!cinderSortKeys[field])
    throw invalid('sort', `cannot sort by "${field}"; sortable fields: ${Object.keys(cinderSortKeys).join(', ')}`);
  return `${cinderSortKeys[field]}:${desc ? 'desc' : 'asc'}`;
}

/** Cinder and Nova refuse wrong states with 400 or 409; the contract calls every one of them a conflict. */
export async function stateful<T>(p: Promise<T>, what: string): Promise<T> {
  try {
    return await p;
  } catch (e) {
    if (e instanceof CloudError && (e.kind === 'conflict' || e.kind === 'invalid'))
      throw conflict(`cannot ${what}: ${e.message}`);
    throw e;
  }
}

/**
 * The snapshot a new volume or a server's disk is made from: it exists (else a 400 naming `idField`), is available
 * (else a 409 naming its status) and is no larger than the disk (else a 400 naming `sizeField`). Cinder's own 404
 * and Nova's late build failure name no field of the request; the simulator checks the same (sim/snapshots.ts).
 */
export async function usableSnapshot(
  rest: Rest,
  id: string,
  check: { idField: string; sizeField: string; sizeGb: number | undefined },
): Promise<void> {
  const snap = await rest.get<CinderSnapshot>(os.snapshots, id).catch((e: unknown) => {
    throw e instanceof CloudError && e.kind === 'not_found'
      ? invalid(check.idField, `names snapshot "${id}", which does not exist`)
      : e;
  });
  const s = toSnapshot(snap, '');
  if (!snapshotRules.allowed('create-volume', s.status))
    throw conflict(snapshotRules.conflictMessage('create-volume', `snapshot ${s.name || s.id}`, s.status));
  if (check.sizeGb !== undefined && check.sizeGb < s.size_gb)
    throw invalid(check.sizeField, `must be at least ${s.size_gb} GiB, the size of snapshot ${s.name || s.id}`);
}
