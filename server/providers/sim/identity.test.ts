import { randomBytes, scrypt as scryptCb } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/client';
import type { CloudProvider, ProviderContext } from '../types';

process.env.YUNTU_DATA_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), 'yuntu-sim-identity-'));
const { openDb } = await import('../../db/client');
const { simIdentity } = await import('./identity');
const { needsRehash, verifyPassword } = await import('../../auth/password');

const scrypt = promisify(scryptCb) as (pw: string, salt: Buffer, len: number, opts: object) => Promise<Buffer>;
async function oldCostHash(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, 32, { N: 32768, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });
  return `scrypt$32768$8$1$${salt.toString('base64')}$${key.toString('base64')}`;
}

let db: Db;
let identity: CloudProvider['identity'];
const hashOf = async (id: string) =>
  (await db.query<{ password_hash: string }>('SELECT password_hash FROM sim_users WHERE id = $1', [id]))[0]!
    .password_hash;

beforeAll(async () => {
  db = await openDb({ dir: fs.mkdtempSync(path.join(os.tmpdir(), 'yuntu-sim-identity-pg-')) });
  identity = simIdentity({ db: async () => db });
  await db.query(`INSERT INTO sim_projects (id, name, description, quotas) VALUES ('p1', 'proj-1', '', '{}')`);
  for (const [id, name] of [
    ['u-old', 'olduser'],
    ['u-off', 'offuser'],
  ])
    await db.query('INSERT INTO sim_users (id, name, password_hash, default_project_id) VALUES ($1, $2, $3, $4)', [
      id,
      name,
      await oldCostHash('old-cost-pass'),
      'p1',
    ]);
  await db.query(
    `INSERT INTO sim_memberships (user_id, project_id, role) VALUES ('u-old', 'p1', 'member'), ('u-off', 'p1', 'member')`,
  );
}, 60_000);

afterAll(async () => {
  await db?.close();
});

describe('simulator identity', () => {
  it('re-hashes an old-cost hash at the next successful sign-in, and only then', async () => {
    const before = await hashOf('u-old');
    expect(needsRehash(before)).toBe(true);
    // A wrong password changes nothing.
    await expect(identity.authenticate({ username: 'olduser', password: 'wrong-pass' })).rejects.toMatchObject({
      kind: 'unauthorized',
    });
    expect(await hashOf('u-old')).toBe(before);

    const p = await identity.authenticate({ username: 'olduser', password: 'old-cost-pass' });
    expect(p).toMatchObject({ userId: 'u-old', projectId: 'p1', roles: ['member'] });
    const after = await hashOf('u-old');
    expect(after).not.toBe(before);
    expect(after.startsWith('scrypt$131072$8$1$')).toBe(true);
    expect(needsRehash(after)).toBe(false);
    expect(await verifyPassword('old-cost-pass', after)).toBe(true);

    // Already at today's cost: the next sign-in leaves it alone.
    await identity.authenticate({ username: 'olduser', password: 'old-cost-pass' });
    expect(await hashOf('u-old')).toBe(after);
  }, 60_000);

  it('refuses a disabled user with the reason, after the password is checked', async () => {
    await identity.setEnabled(ctxOf('admin'), 'u-off', false);
    await expect(identity.authenticate({ username: 'offuser', password: 'old-cost-pass' })).rejects.toMatchObject({
      kind: 'unauthorized',
      message: expect.stringContaining('disabled'),
    });
    // A wrong password gets the same answer as anyone's: being disabled is said only to who knows the password.
    await expect(identity.authenticate({ username: 'offuser', password: 'nope-nope' })).rejects.toMatchObject({
      kind: 'unauthorized',
      message: expect.not.stringContaining('disabled'),
    });
    await identity.setEnabled(ctxOf('admin'), 'u-off', true);
    await expect(identity.authenticate({ username: 'offuser', password: 'old-cost-pass' })).resolves.toMatchObject({
      userId: 'u-off',
    });
  }, 60_000);

  it('changes an own password only with the right current one, naming current_password otherwise', async () => {
    const ctx = ctxOf('u-old');
    await expect(identity.changeOwnPassword(ctx, 'not-it', 'brand-new-pass')).rejects.toMatchObject({
      kind: 'invalid',
      details: [{ path: 'current_password' }],
    });
    await identity.changeOwnPassword(ctx, 'old-cost-pass', 'brand-new-pass');
    await expect(identity.authenticate({ username: 'olduser', password: 'old-cost-pass' })).rejects.toMatchObject({
      kind: 'unauthorized',
    });
    await expect(identity.authenticate({ username: 'olduser', password: 'brand-new-pass' })).resolves.toMatchObject({
      userId: 'u-old',
    });
  }, 60_000);

  it('removes a membership, moving the default project off it, and says when there is none', async () => {
    await db.query(`INSERT INTO sim_projects (id, name, description, quotas) VALUES ('p2', 'proj-2', '', '{}')`);
    const u = await identity.setMembership(ctxOf('admin'), 'u-off', 'p2', 'reader');
    expect(u.projects.map((p) => [p.id, p.role])).toEqual([
      ['p1', 'member'],
      ['p2', 'reader'],
    ]);
    await identity.removeMembership(ctxOf('admin'), 'u-off', 'p1');
    expect(
      (
        await db.query<{ default_project_id: string }>(`SELECT default_project_id FROM sim_users WHERE id = 'u-off'`)
      )[0]!.default_project_id,
    ).toBe('p2');
    await expect(identity.removeMembership(ctxOf('admin'), 'u-off', 'p1')).rejects.toMatchObject({
      kind: 'not_found',
      message: expect.stringContaining('p1'),
    });
    await expect(identity.removeMembership(ctxOf('admin'), 'nobody', 'p1')).rejects.toMatchObject({
      kind: 'not_found',
      message: expect.stringContaining('nobody'),
    });
  }, 60_000);
});

function ctxOf(userId: string): ProviderContext {
  return {
    principal: {
      userId,
      userName: userId === 'u-old' ? 'olduser' : userId,
      projectId: 'p1',
      projectName: 'proj-1',
      roles: [userId === 'admin' ? 'admin' : 'member'],
    },
    projectId: 'p1',
    allProjects: userId === 'admin',
    requestId: 'test',
  };
}
