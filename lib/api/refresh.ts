import type { QueryClient, QueryKey } from '@tanstack/react-query';

/**
 * What a mutation's `onSettled` does with the lists it changed: cancel what is in flight, then refetch. Invalidating
 * alone reuses a first load still in flight (a query with no data yet is not refetched but joined), and its answer,
 * read before the change, would stand: on a slow cloud a user created while the Users page was still listing went
 * missing from it. Cancelling first makes the refetch read after the change.
 */
export async function refreshAfterChange(qc: QueryClient, ...keys: QueryKey[]): Promise<void> {
  await Promise.all(keys.map((queryKey) => qc.cancelQueries({ queryKey })));
  await Promise.all(keys.map((queryKey) => qc.invalidateQueries({ queryKey })));
}
