import { useMutation, useQuery } from '@tanstack/react-query';
import type { CapabilitiesResponse, OperationSupport } from '@/lib/contract/capabilities';
import type { CapabilityKey } from '@/lib/contract/options';
import { runSelfTest } from '@/server/actions/capabilities';
import { callAction } from './action';
import { ApiError, get } from './client';
import { useAfterHydration } from './hydration';

/** The configured backend's conformance table; it changes only with the deployment, so it is cached long. */
export const capabilityKeys = { all: ['capabilities'] as const };

/** Shared by the shell's navigation and the pages' gates (see useAfterHydration). */
export function useCapabilitiesQuery() {
  return useAfterHydration(
    useQuery({
      queryKey: capabilityKeys.all,
      queryFn: () => get('GET /capabilities'),
      staleTime: 10 * 60_000,
      gcTime: Infinity,
    }),
  );
}

/** A backend that lacks a feature answers `not_supported` (501): the UI shows it as unavailable, not as an error. */
export const isNotSupported = (e: unknown): boolean => e instanceof ApiError && e.type === 'not_supported';

/** React Query `retry`: asking again will not make a missing feature appear. */
export const retryUnlessUnsupported = (failures: number, e: unknown) => !isNotSupported(e) && failures < 2;

export type HttpMethod = OperationSupport['method'];
/**
 * An operation as the backends' tables name it: `POST /flavors`, `PUT /images/{id}/file`, or an option of an
 * operation after `#` (`POST /images#metadata`, `POST /volumes/{id}/attach#mode=ro`; lib/contract/options.ts).
 * Typed from the operation table and the options catalog, so a gate cannot name what does not exist.
 */
export type OperationKey = CapabilityKey;

export interface Support {
  supported: boolean;
  /** Why not, as the backend words it (the same sentence a call would get with 501); null when supported. */
  reason: string | null;
}

const supported: Support = { supported: true, reason: null };

/**
 * Looks operations up in the table; the first one the backend lacks decides. An unknown table (still loading,
 * or unreadable) counts as supported: the simulator supports everything, so nothing flickers disabled there,
 * and a call the backend refuses still answers 501, which the pages show as unavailable.
 */
export function supportIn(table: CapabilitiesResponse | undefined, keys: readonly OperationKey[]): Support {
  if (!table) return supported;
  for (const key of keys) {
    const [methodAndPath = '', part] = key.split('#');
    const space = methodAndPath.indexOf(' ');
    const method = methodAndPath.slice(0, space);
    const path = methodAndPath.slice(space + 1);
    const op = table.operations.find((o) => o.method === method && o.path === path);
    if (!op) continue;
    if (!op.supported) return { supported: false, reason: op.reason };
    const partReason = part ? op.parts[part] : undefined;
    if (partReason) return { supported: false, reason: partReason };
  }
  return supported;
}

/** Whether the configured backend performs these operations (all of them), from the cached table. */
export function useSupport(keys: OperationKey | readonly OperationKey[]): Support {
  const table = useCapabilitiesQuery().data;
  return supportIn(table, typeof keys === 'string' ? [keys] : keys);
}

/** `useOperationSupport('POST', '/servers/{id}/live-migrate')`: one operation (or `path#option`) of the table. */
export function useOperationSupport(method: HttpMethod, path: `/${string}`): Support {
  return useSupport(`${method} ${path}` as CapabilityKey);
}

/** The conformance self-test (admins): the driver contract against the live backend, in a scratch project. */
export function useSelfTestMutation() {
  return useMutation({ mutationFn: () => callAction(() => runSelfTest()) });
}
