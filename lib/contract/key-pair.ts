import { z } from 'zod';
import { ListQuery, Timestamp } from './common';

/** The public key algorithms a key pair may hold, as their OpenSSH names. */
export const sshKeyTypes = [
  'ssh-rsa',
  'ssh-ed25519',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
] as const;
export type SshKeyType = (typeof sshKeyTypes)[number];

/**
 * Nova's rule for a key pair name (before microversion 2.92 added `@`): letters, digits, spaces, `_`, `-` and `.`,
 * neither starting nor ending with a space.
 */
export const KeyPairName = z
  .string()
  .min(1, 'must not be empty')
  .max(255, 'must be at most 255 characters')
  .regex(/^[A-Za-z0-9_.\- ]+$/, 'may hold only letters, digits, spaces and _ - .')
  .refine((v) => v.trim() === v, 'must not start or end with a space');

function decodeBase64(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text) || text.length % 4 !== 0) return null;
  try {
    const bin = atob(text);
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  } catch {
    return null;
  }
}

/** The length-prefixed strings of an SSH wire-format blob (RFC 4251 §5), or null when it is not one. */
function wireStrings(blob: Uint8Array): Uint8Array[] | null {
  const parts: Uint8Array[] = [];
  let at = 0;
  while (at < blob.length) {
    if (at + 4 > blob.length) return null;
    const len = ((blob[at]! << 24) | (blob[at + 1]! << 16) | (blob[at + 2]! << 8) | blob[at + 3]!) >>> 0;
    at += 4;
    if (at + len > blob.length) return null;
    parts.push(blob.subarray(at, at + len));
    at += len;
  }
  return parts;
}

const text = (b: Uint8Array | undefined) => (b ? String.fromCharCode(...b) : '');

/**
 * Reads an OpenSSH public key line (`<type> <base64> [comment]`): the blob must decode and carry the same type as
 * the line's prefix, with the fields that type has. Returns the type and the decoded blob, or why it is not one.
 */
export function parseSshPublicKey(
  line: string,
): { ok: true; type: SshKeyType; blob: Uint8Array } | { ok: false; message: string } {
  const fields = line.trim().split(/\s+/);
  const [prefix, data] = fields;
  if (!prefix || !data) return { ok: false, message: 'must be an OpenSSH public key: "<type> <base64 key> [comment]"' };
  if (!(sshKeyTypes as readonly string[]).includes(prefix))
    return { ok: false, message: `has key type "${prefix.slice(0, 40)}"; accepted: ${sshKeyTypes.join(', ')}` };
  const blob = decodeBase64(data);
  if (!blob) return { ok: false, message: 'has a key that is not valid base64' };
  const parts = wireStrings(blob);
  if (!parts) return { ok: false, message: 'has a key blob that is not in SSH wire format' };
  const inner = text(parts[0]);
  if (inner !== prefix)
    return { ok: false, message: `says ${prefix} but its key blob is of type "${inner.slice(0, 40)}"` };
  const type = prefix as SshKeyType;
  const shapeOk =
    type === 'ssh-rsa'
      ? parts.length === 3 && parts[2]!.length >= 128
      : type === 'ssh-ed25519'
        ? parts.length === 2 && parts[1]!.length === 32
        : parts.length === 3 && text(parts[1]) === type.slice('ecdsa-sha2-'.length) && parts[2]!.length > 0;
  if (!shapeOk) return { ok: false, message: `has a ${type} key blob whose fields are not those of a ${type} key` };
  return { ok: true, type, blob };
}

/** An imported public key: checked here so that the API and the import form refuse the same lines. */
export const SshPublicKey = z
  .string()
  .max(16384, 'must be at most 16 KiB')
  .superRefine((v, ctx) => {
    const r = parseSshPublicKey(v);
    if (!r.ok) ctx.addIssue({ code: 'custom', message: r.message });
  })
  .meta({ description: 'an OpenSSH public key line: ssh-rsa, ssh-ed25519 or ecdsa-sha2-nistp256/384/521' });

/** An SSH key pair of the signed-in user (as Nova keeps them: per user, not per project). */
export const KeyPair = z
  .object({
    name: z.string(),
    type: z.literal('ssh'),
    fingerprint: z.string().meta({ description: 'MD5 of the decoded key blob, colon-separated hex (as Nova)' }),
    public_key: z.string(),
    user_id: z.string(),
    created_at: Timestamp,
  })
  .meta({ id: 'KeyPair' });
export type KeyPair = z.infer<typeof KeyPair>;

/** The answer to a create: the key pair, and the private key once when the console generated it. */
export const KeyPairCreated = KeyPair.extend({
  private_key: z.string().optional().meta({
    description:
      'PEM private key of a generated pair (RSA 3072, PKCS#1), in this answer only: the console never stores it',
  }),
}).meta({ id: 'KeyPairCreated' });
export type KeyPairCreated = z.infer<typeof KeyPairCreated>;

/** Create a key pair: import `public_key`, or without it let the console generate one. */
export const KeyPairCreateInput = z
  .object({
    name: KeyPairName,
    public_key: SshPublicKey.optional(),
  })
  .meta({ id: 'KeyPairCreateInput' });
export type KeyPairCreateInput = z.infer<typeof KeyPairCreateInput>;

/** A key pair list: the caller's own pairs only, so no project or all-projects scope. */
export const KeyPairListQuery = ListQuery.omit({ all_projects: true });
export type KeyPairListQuery = z.infer<typeof KeyPairListQuery>;
export const keyPairSortFields = ['name', 'created_at'] as const;
