import 'server-only';
import { getDb } from '../db/client';
import { provider } from '../providers/registry';

const draining = Symbol.for('yuntu.draining');

/** Set by scripts/serve.mjs on SIGTERM: readiness answers 503 so a load balancer stops sending calls here. */
export function isDraining(): boolean {
  return (globalThis as Record<symbol, unknown>)[draining] === true;
}

export function setDraining(on: boolean): void {
  (globalThis as Record<symbol, unknown>)[draining] = on;
}

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e)).slice(0, 200);

/** Readiness: the database answers a statement, the backend its health call, and the process is not draining. */
export async function readiness() {
  const p = provider();
  const [database, backend] = await Promise.all([
    (async () => {
      try {
        const db = await getDb();
        await db.query('SELECT 1');
        return { ok: true, message: `${db.dialect} answers` };
      } catch (e) {
        return { ok: false, message: `the database is unreachable: ${messageOf(e)}` };
      }
    })(),
    p.health().catch((e: unknown) => ({ ok: false, message: messageOf(e) })),
  ]);
  const down = [
    ...(database.ok ? [] : (['database'] as const)),
    ...(backend.ok ? [] : (['backend'] as const)),
    ...(isDraining() ? (['shutting_down'] as const) : []),
  ];
  return {
    status: down.length ? ('unavailable' as const) : ('ready' as const),
    down,
    database,
    backend: { kind: p.kind, ok: backend.ok, message: backend.message },
  };
}
