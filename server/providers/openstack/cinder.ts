import 'server-only';
import { CloudError, conflict, invalid } from '../errors';

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
