import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { DemoEstate, DemoFaultsInput } from '@/lib/contract/demo';
import { resetDemoCloud, setDemoFaultSwitches } from '@/server/actions/demo';
import { callAction } from './action';
import { get } from './client';
import { refreshAfterChange } from './refresh';

export const demoKeys = { all: ['demo'] as const };

/**
 * The demo state, polled: a switch made on the presenter's screen reaches every other browser within a few seconds
 * (the banner), without an events channel of its own. Only asked on the simulator (other backends answer 501).
 */
export function useDemoQuery(enabled: boolean) {
  return useQuery({
    queryKey: demoKeys.all,
    queryFn: () => get('GET /demo'),
    enabled,
    refetchInterval: 3000,
    retry: false,
  });
}

export function useDemoResetMutation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (estate: DemoEstate) => callAction(() => resetDemoCloud({ estate })),
    // The whole cloud changed: every cached read is stale.
    onSettled: () => refreshAfterChange(qc, []),
  });
}

export function useDemoFaultsMutation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (change: DemoFaultsInput) => callAction(() => setDemoFaultSwitches(change)),
    // A fault changes hosts, servers, datacenters and quotas: refetch all of them, not only the banner.
    onSettled: () => refreshAfterChange(qc, []),
  });
}
