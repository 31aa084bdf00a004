import { op } from '@/lib/contract/operations';
import { defineRoute } from '@/server/http/define-route';
import { provider } from '@/server/providers/registry';

/** Liveness and the configured backend's reachability (public). */
export const GET = defineRoute(op('GET /health'), {
  handler: async () => {
    const p = provider();
    const backend = await p.health();
    return {
      status: backend.ok ? 200 : 503,
      body: { status: backend.ok ? 'ok' : 'degraded', backend: { kind: p.kind, ...backend } },
    };
  },
});
