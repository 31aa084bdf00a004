import { randomBytes, scrypt as scryptCb } from 'node:crypto';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { decoyHash, hashPassword, needsRehash, scryptParams, verifyPassword } from './password';

const scrypt = promisify(scryptCb) as (pw: string, salt: Buffer, len: number, opts: object) => Promise<Buffer>;

/** A hash as the console made them before the cost was raised (N=2^15). */
async function oldCostHash(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, 32, { N: 32768, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });
  return `scrypt$32768$8$1$${salt.toString('base64')}$${key.toString('base64')}`;
}

describe('password hashing', () => {
  it('hashes at N=2^17, r=8, p=1 and verifies only the right password', async () => {
    expect(scryptParams).toEqual({ N: 131072, r: 8, p: 1 });
    const h = await hashPassword('correct horse');
    expect(h.startsWith('scrypt$131072$8$1$')).toBe(true);
    expect(await verifyPassword('correct horse', h)).toBe(true);
    expect(await verifyPassword('correct horsf', h)).toBe(false);
    expect(needsRehash(h)).toBe(false);
  }, 30_000);

  it('still verifies an old-cost hash, and says it needs re-hashing', async () => {
    const old = await oldCostHash('tenant-pass-2026');
    expect(await verifyPassword('tenant-pass-2026', old)).toBe(true);
    expect(await verifyPassword('wrong', old)).toBe(false);
    expect(needsRehash(old)).toBe(true);
  }, 30_000);

  it('keeps the decoy at the current cost, so an unknown user costs as long as a known one', async () => {
    expect(needsRehash(decoyHash)).toBe(false);
    expect(await verifyPassword('anything', decoyHash)).toBe(false);
    const h = await hashPassword('x-password');
    const time = async (stored: string) => {
      const t = performance.now();
      await verifyPassword('x-password-wrong', stored);
      return performance.now() - t;
    };
    await time(h); // warm up
    const known = Math.min(await time(h), await time(h));
    const unknown = Math.min(await time(decoyHash), await time(decoyHash));
    // Same parameters, same work: within a factor of two of each other even on a busy machine.
    expect(unknown / known).toBeGreaterThan(0.5);
    expect(unknown / known).toBeLessThan(2);
  }, 60_000);

  it('refuses malformed or over-costly stored hashes without running scrypt on them', async () => {
    for (const bad of [
      '',
      'plain',
      'bcrypt$1$2$3$4$5',
      'scrypt$x$8$1$AA==$AA==',
      `scrypt$${2 ** 20}$8$1$AAAA$AAAA`,
      'scrypt$131072$8$1$AAAA$',
    ]) {
      expect(await verifyPassword('x', bad), bad).toBe(false);
      expect(needsRehash(bad), bad).toBe(true);
    }
  });
});
