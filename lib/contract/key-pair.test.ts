import { describe, expect, it } from 'vitest';
import { KeyPairCreateInput, KeyPairName, parseSshPublicKey } from './key-pair';

// An ed25519 public key as ssh-keygen writes it (the blob: string "ssh-ed25519", string of 32 key bytes).
const ed25519 = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGb0C6hQ6Hh3m8Cw1jXr3y3y8Q0JtTz5d1Jr7m3bq1bM test@host';

describe('key pair contract', () => {
  it('reads an OpenSSH public key line and its blob type', () => {
    const r = parseSshPublicKey(ed25519);
    expect(r.ok).toBe(true);
    if (r.ok) expect([r.type, r.blob.length]).toEqual(['ssh-ed25519', 51]);
  });

  it('refuses a prefix that differs from the blob, bad base64, an unknown type and a truncated blob', () => {
    const blob = ed25519.split(' ')[1]!;
    for (const [line, why] of [
      [`ssh-rsa ${blob}`, /blob is of type "ssh-ed25519"/],
      ['ssh-ed25519 AAAA$$$$', /base64/],
      [`ssh-dss ${blob}`, /key type "ssh-dss"/],
      [`ssh-ed25519 ${blob.slice(0, 24)}`, /wire format|fields/],
      ['ssh-ed25519', /OpenSSH public key/],
    ] as const) {
      const r = parseSshPublicKey(line);
      expect(r.ok, line).toBe(false);
      if (!r.ok) expect(r.message, line).toMatch(why);
    }
  });

  it("takes names by Nova's rule", () => {
    for (const ok of ['web', 'my key.v2', 'a_b-c']) expect(KeyPairName.safeParse(ok).success, ok).toBe(true);
    for (const bad of ['', ' lead', 'trail ', 'a/b', 'a@b', 'x'.repeat(256)])
      expect(KeyPairName.safeParse(bad).success, bad).toBe(false);
    const r = KeyPairCreateInput.safeParse({ name: 'k', public_key: 'nope' });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['public_key']);
  });
});
