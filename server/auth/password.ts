import 'server-only';
import { randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const scrypt = promisify(scryptCb) as (pw: string, salt: Buffer, len: number, opts: object) => Promise<Buffer>;

/**
 * N=2^17, r=8, p=1: OWASP's minimum for scrypt (2^15 was under it). One hash needs 128·N·r bytes = 128 MiB of
 * memory, so `maxmem` leaves a margin above that; Node refuses the call otherwise.
 */
export const scryptParams = { N: 131072, r: 8, p: 1 } as const;
const maxmem = 128 * scryptParams.N * scryptParams.r + 32 * 1024 * 1024;
/** The most a stored hash may ask for: a hash from a tampered row must not make a sign-in allocate gigabytes. */
const maxN = scryptParams.N;

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, 32, { ...scryptParams, maxmem });
  return `scrypt$${scryptParams.N}$${scryptParams.r}$${scryptParams.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

function parse(stored: string): { N: number; r: number; p: number; salt: Buffer; key: Buffer } | null {
  const [alg, n, r, p, salt, key] = stored.split('$');
  if (alg !== 'scrypt' || !n || !r || !p || !salt || !key) return null;
  const N = Number(n);
  const R = Number(r);
  const P = Number(p);
  if (
    !Number.isInteger(N) ||
    !Number.isInteger(R) ||
    !Number.isInteger(P) ||
    N < 2 ||
    N > maxN ||
    R < 1 ||
    R > 16 ||
    P < 1 ||
    P > 4
  )
    return null;
  return { N, r: R, p: P, salt: Buffer.from(salt, 'base64'), key: Buffer.from(key, 'base64') };
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const h = parse(stored);
  if (!h || h.key.length === 0) return false;
  const actual = await scrypt(password, h.salt, h.key.length, { N: h.N, r: h.r, p: h.p, maxmem });
  return timingSafeEqual(h.key, actual);
}

/**
 * Whether a stored hash was made with other (older, cheaper) parameters than today's: the simulator re-hashes it
 * at the next successful sign-in, the only moment the password is known.
 */
export function needsRehash(stored: string): boolean {
  const h = parse(stored);
  return !h || h.N !== scryptParams.N || h.r !== scryptParams.r || h.p !== scryptParams.p || h.key.length !== 32;
}

/**
 * A hash of a password nobody has, at today's cost: verified against when the user is unknown, so the time a
 * refusal takes says nothing about whether the user exists.
 */
export const decoyHash = `scrypt$${scryptParams.N}$${scryptParams.r}$${scryptParams.p}$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=`;
