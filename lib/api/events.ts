import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { ResourceEvent } from '@/lib/contract/audit';
import { isTransitionalStatus } from '@/lib/contract/lifecycles';
import { useTasksStore } from '@/lib/stores/tasks-store';

/** Query-key roots by the event's resource_type; every key factory starts with its collection name. */
const keyRoot = (type: string) => (type.endsWith('s') ? type : `${type.replace(/_/g, '-')}s`);

/**
 * Listens to the SSE stream and invalidates the affected resource's queries. Invalidations are batched, so
 * a burst of thousands of status changes costs one refetch per collection, not one per event.
 */
export function useResourceEvents(enabled = true) {
  const qc = useQueryClient();
  const settle = useTasksStore((s) => s.settleResource);
  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') return;
    const pending = new Set<string>();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const flush = () => {
      timer = undefined;
      for (const root of pending) void qc.invalidateQueries({ queryKey: [root] });
      void qc.invalidateQueries({ queryKey: ['quotas'] });
      void qc.invalidateQueries({ queryKey: ['audit'] });
      pending.clear();
    };
    const source = new EventSource('/api/v1/events');
    source.addEventListener('status', (msg) => {
      const parsed = ResourceEvent.safeParse(JSON.parse((msg as MessageEvent<string>).data));
      if (!parsed.success) return;
      const e = parsed.data;
      settle(e.resource_type, e.resource_id, e.status, !isTransitionalStatus(e.resource_type, e.status));
      pending.add(keyRoot(e.resource_type));
      timer ??= setTimeout(flush, 250);
    });
    return () => {
      source.close();
      if (timer) clearTimeout(timer);
    };
  }, [enabled, qc, settle]);
}
