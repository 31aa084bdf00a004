import { useSyncExternalStore } from 'react';

const noSubscription = () => () => {};

/**
 * False while React hydrates the server's HTML, true from the first client render after it. Pages sit in Suspense
 * boundaries that may hydrate after the shell: by then the shell's effects can already have filled the query cache
 * with a table both use (datacenters, capabilities, the user's projects), and a page that rendered that cached data in
 * its first client render would not match the server's HTML (React error 418, seen on /volumes under load).
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}

/**
 * A query result as the server rendered it until hydration is over: no data yet. For the queries the shell and the
 * pages share; React re-renders with the cached data right after hydrating.
 */
export function useAfterHydration<R extends { data: unknown }>(
  result: R,
): Omit<R, 'data'> & { data: R['data'] | undefined } {
  const hydrated = useHydrated();
  return hydrated ? result : { ...result, data: undefined };
}
