import 'server-only';
import { createHash, generateKeyPair, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import type { ListResult } from '@/lib/contract/common';
import {
  parseSshPublicKey,
  type KeyPair,
  type KeyPairCreated,
  type KeyPairCreateInput,
  type KeyPairListQuery,
} from '@/lib/contract/key-pair';
import { invalid } from '../providers/errors';
import { provider } from '../providers/registry';
import { requireWriter, scope, type RequestContext } from './context';

/*
 * Key pairs belong to the signed-in user, as in Nova: every call is scoped by the principal's user, so another
 * user (of any project, administrators too) finds none of them. The console generates pairs itself, uniformly on
 * every backend (Nova 2.92 dropped generation); the private key is in the create's answer only, never stored.
 */

/** Nova's fingerprint of an SSH key: MD5 of the decoded blob, as colon-separated lowercase hex. */
export function sshFingerprint(blob: Uint8Array): string {
  return createHash('md5').update(blob).digest('hex').match(/../g)?.join(':') ?? '';
}

/** An SSH wire-format string: uint32 length, then the bytes (RFC 4251 §5). */
function wireString(bytes: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(bytes.length);
  return Buffer.concat([len, bytes]);
}

/** An SSH mpint from a JWK's unsigned big-endian base64url value: a leading zero byte when the top bit is set. */
function mpint(base64url: string): Buffer {
  let b = Buffer.from(base64url, 'base64url');
  let i = 0;
  while (i < b.length - 1 && b[i] === 0) i++;
  b = b.subarray(i);
  return wireString(b[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), b]) : b);
}

/** The OpenSSH public key line of an RSA public key: `ssh-rsa <base64 of string "ssh-rsa", mpint e, mpint n>`. */
export function opensshRsaPublicKey(publicKey: KeyObject, comment: string): string {
  const jwk = publicKey.export({ format: 'jwk' });
  if (!jwk.n || !jwk.e) throw new Error('not an RSA public key');
  const blob = Buffer.concat([wireString(Buffer.from('ssh-rsa')), mpint(jwk.e), mpint(jwk.n)]);
  return `ssh-rsa ${blob.toString('base64')} ${comment}`;
}

const generate = promisify(generateKeyPair);

/** A new RSA 3072 pair: the OpenSSH public key line and the PEM PKCS#1 private key OpenSSH reads. */
export async function generateRsaKeyPair(comment: string): Promise<{ publicKey: string; privateKey: string }> {
  const pair = await generate('rsa', { modulusLength: 3072, publicExponent: 0x10001 });
  return {
    publicKey: opensshRsaPublicKey(pair.publicKey, comment),
    privateKey: pair.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
  };
}

export async function listKeyPairs(ctx: RequestContext, q: KeyPairListQuery): Promise<ListResult<KeyPair>> {
  return provider().keyPairs.list(scope(ctx, { allProjects: false }), q);
}

export async function getKeyPair(ctx: RequestContext, name: string): Promise<KeyPair> {
  return provider().keyPairs.get(scope(ctx, { allProjects: false }), name);
}

export async function createKeyPair(ctx: RequestContext, input: KeyPairCreateInput): Promise<KeyPairCreated> {
  requireWriter(ctx, 'create key pairs');
  const generated = input.public_key === undefined ? await generateRsaKeyPair(`${input.name}@yuntu`) : undefined;
  const publicKey = (generated?.publicKey ?? input.public_key!).trim();
  const parsed = parseSshPublicKey(publicKey);
  // The contract checked an imported line already; this only guards the console's own encoding.
  if (!parsed.ok) throw invalid('public_key', parsed.message);
  const pair = await provider().keyPairs.create(scope(ctx, { allProjects: false }), {
    name: input.name,
    public_key: publicKey,
    fingerprint: sshFingerprint(parsed.blob),
  });
  return generated ? { ...pair, private_key: generated.privateKey } : pair;
}

export async function deleteKeyPair(ctx: RequestContext, name: string): Promise<void> {
  requireWriter(ctx, 'delete key pairs');
  await provider().keyPairs.remove(scope(ctx, { allProjects: false }), name);
}
