import 'server-only';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The process's Prometheus metrics (GET /api/v1/metrics, behind YUNTU_METRICS_TOKEN). One registry on globalThis:
 * every route bundle loads this module, and a metric registered twice would throw.
 */
export interface Metrics {
  registry: Registry;
  requests: Counter<'operation' | 'status'>;
  requestSeconds: Histogram<'operation' | 'status'>;
  backendSeconds: Histogram<'backend' | 'service' | 'outcome'>;
  rateLimited: Counter<'limit'>;
}

/** Sources read when scraped (open streams, statements sent), set by the modules that own them. */
export const gauges: { openStreams?: () => number; dbQueries?: () => number } = {};

function create(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'yuntu_' });
  const m: Metrics = {
    registry,
    requests: new Counter({
      name: 'yuntu_http_requests_total',
      help: 'API calls answered, per operation and status.',
      labelNames: ['operation', 'status'],
      registers: [registry],
    }),
    requestSeconds: new Histogram({
      name: 'yuntu_http_request_duration_seconds',
      help: 'Time to answer an API call (for a stream: to its first byte), per operation and status.',
      labelNames: ['operation', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    }),
    backendSeconds: new Histogram({
      name: 'yuntu_backend_call_duration_seconds',
      help: 'Time of one call to the cloud backend, per backend and service (nova, cinder, ecs, …).',
      labelNames: ['backend', 'service', 'outcome'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    }),
    rateLimited: new Counter({
      name: 'yuntu_rate_limit_refusals_total',
      help: 'Calls refused by a rate limit (api: per-user budget; sign_in: failed sign-in budget).',
      labelNames: ['limit'],
      registers: [registry],
    }),
  };
  new Gauge({
    name: 'yuntu_event_streams_open',
    help: 'Server-Sent Events streams open on this replica.',
    registers: [registry],
    collect() {
      this.set(gauges.openStreams?.() ?? 0);
    },
  });
  new Counter({
    name: 'yuntu_db_queries_total',
    help: 'Statements this replica sent to the database.',
    registers: [registry],
    collect() {
      const n = gauges.dbQueries?.() ?? 0;
      // A counter only goes up: add what was sent since the last scrape.
      const seen = (this as unknown as { seen?: number }).seen ?? 0;
      if (n > seen) this.inc(n - seen);
      (this as unknown as { seen?: number }).seen = n;
    },
  });
  return m;
}

const globalForMetrics = globalThis as unknown as { yuntuMetrics?: Metrics };

export function metrics(): Metrics {
  return (globalForMetrics.yuntuMetrics ??= create());
}

/** Times one backend call: `await timed('openstack', 'nova', () => fetch(…))`. */
export async function timedBackendCall<T>(backend: string, service: string, fn: () => Promise<T>): Promise<T> {
  const end = metrics().backendSeconds.startTimer({ backend, service });
  try {
    const r = await fn();
    end({ outcome: 'ok' });
    return r;
  } catch (e) {
    end({ outcome: 'error' });
    throw e;
  }
}
