import 'server-only';
import { config } from './config';
import { getDb } from './db/client';
import { log } from './log';
import { seedDemo } from './seed/demo';

/** Server start: configuration checked, migrations applied, demo data seeded on an empty simulator. */
export async function boot(): Promise<void> {
  const c = config();
  const db = await getDb();
  if (c.YUNTU_BACKEND === 'sim' && c.YUNTU_SEED_DEMO === '1') {
    const seeded = await seedDemo(db);
    if (seeded) log.info('demo cloud seeded');
  }
  log.info({ backend: c.YUNTU_BACKEND, database: db.dialect }, 'yuntu ready');
}
