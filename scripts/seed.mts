/**
 * Seeds a large simulated estate: `npm run seed -- --servers 10000 [--project scale-test] [--datacenter dc-bj1]`.
 * Uses the configured database (YUNTU_DATA_DIR or DATABASE_URL). With the embedded database, stop the console
 * first: the data directory belongs to one process at a time.
 */
import { parseArgs } from 'node:util';
import { openDb } from '../server/db/client';
import { seedDemo } from '../server/seed/demo';
import { seedEstate } from '../server/seed/estate';

const { values } = parseArgs({
  options: {
    servers: { type: 'string', default: '1000' },
    project: { type: 'string' },
    datacenter: { type: 'string' },
  },
});
const servers = Number(values.servers);
if (!Number.isInteger(servers) || servers < 1 || servers > 200_000) {
  console.error('--servers must be a whole number from 1 to 200000');
  process.exit(2);
}
const db = await openDb();
await seedDemo(db);
const started = Date.now();
const r = await seedEstate(db, { servers, project: values.project, datacenterId: values.datacenter });
await db.close();
console.log(
  `seeded ${r.servers} servers on ${r.hosts} new hosts in project ${values.project ?? 'scale-test'} (${Date.now() - started} ms)`,
);
