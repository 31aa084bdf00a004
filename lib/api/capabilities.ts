import { useQuery } from '@tanstack/react-query';
import type { CapabilitiesResponse } from '@/lib/contract/capabilities';
import { api } from './client';

/** The configured backend's conformance table; it changes only with the deployment, so it is cached long. */
export const capabilityKeys = { all: ['capabilities'] as const };

export function useCapabilitiesQuery() {
  return useQuery({ queryKey: capabilityKeys.all, queryFn: () => api<CapabilitiesResponse>('/capabilities'), staleTime: 10 * 60_000 });
}
