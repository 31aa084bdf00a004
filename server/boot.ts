import 'server-only';
import { config } from './config';
import { DataDirInUseError, getDb } from './db/client';
import { log } from './log';
import { seedDemo } from './seed/demo';
import { eventHub, shutdownRetryMs } from './services/events';
import { setDraining } from './services/health';

/**
 * What scripts/serve.mjs calls on SIGTERM, on globalThis (it runs outside Next's bundles): `drain` when it stops
 * listening (readiness answers 503, event streams end with a retry hint), `close` when the last call has ended.
 */
const hooks = globalThis as unknown as Record<symbol, (() => Promise<void>) | undefined>;

/** Server start: configuration checked, migrations applied, demo data seeded on an empty simulator. */
export async function boot(): Promise<void> {
  const c = config();
  let db;
  try {
    db = await getDb();
  } catch (e) {
    // Another process holds the embedded database: refuse to start, saying why (not a stack trace per request).
    if (e instanceof DataDirInUseError) {
      console.error(e.message);
      process.exit(1);
    }
    throw e;
  }
  if (c.YUNTU_BACKEND === 'sim' && c.YUNTU_SEED_DEMO === '1') {
    const seeded = await seedDemo(db);
    if (seeded) log.info('demo cloud seeded');
  }
  hooks[Symbol.for('yuntu.drain')] = async () => {
    setDraining(true);
    eventHub().closeAll(shutdownRetryMs);
  };
  hooks[Symbol.for('yuntu.close')] = async () => {
    await eventHub().stop();
    await db.close();
  };
  log.info({ backend: c.YUNTU_BACKEND, database: db.dialect }, 'yuntu ready');
}
