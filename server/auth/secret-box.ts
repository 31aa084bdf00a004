import 'server-only';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { config } from '../config';

let cachedKey: Buffer | undefined;

/**
 * The key that encrypts backend credentials at rest (Keystone tokens, application credential secrets): from
 * YUNTU_SECRET_KEY, else a random key generated once into the data directory (mode 0600), so a copy of the
 * database alone reveals no backend credential.
 */
function key(): Buffer {
  if (cachedKey) return cachedKey;
  const c = config();
  let raw = c.YUNTU_SECRET_KEY;
  if (!raw) {
    const file = path.join(c.dataDir, 'secret.key');
    try {
      raw = fs.readFileSync(file, 'utf8').trim();
    } catch {
      fs.mkdirSync(c.dataDir, { recursive: true });
      const fresh = randomBytes(32).toString('hex');
      try {
        // 'wx': two processes starting at once must not overwrite each other's key.
        fs.writeFileSync(file, fresh + '\n', { mode: 0o600, flag: 'wx' });
        raw = fresh;
      } catch {
        raw = fs.readFileSync(file, 'utf8').trim();
      }
    }
  }
  const k = /^[0-9a-f]{64}$/i.test(raw) ? Buffer.from(raw, 'hex') : Buffer.from(raw, 'base64');
  if (k.length !== 32) throw new Error('YUNTU_SECRET_KEY must be 32 bytes, as 64 hex digits or base64');
  cachedKey = k;
  return k;
}

/** AES-256-GCM: "v1." + base64url(iv | tag | ciphertext). */
export function seal(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key(), iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return 'v1.' + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
}

/** The inverse of `seal`; null when the value was sealed with another key or tampered with. */
export function open(sealed: string): string | null {
  if (!sealed.startsWith('v1.')) return null;
  const raw = Buffer.from(sealed.slice(3), 'base64url');
  if (raw.length < 28) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key(), raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
