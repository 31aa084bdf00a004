import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// The simulator runs fast and keeps its files in a throwaway folder for this suite.
process.env.SIM_SPEED = '50';
process.env.YUNTU_DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'yuntu-contract-'));

const { openDb } = await import('../../db/client');
const { seedDemo } = await import('../../seed/demo');
const { createSimProvider } = await import('./index');
const { driverContract } = await import('../contract/suite');

driverContract('sim (embedded PGlite)', async () => {
  const db = await openDb({ dir: path.join(process.env.YUNTU_DATA_DIR!, 'pg') });
  await seedDemo(db);
  return {
    provider: createSimProvider({ db: async () => db }),
    member: { username: 'alice', password: 'tenant-pass-2026' },
    bootable: { imageName: 'cirros', flavorId: 's1.small' },
  };
});
