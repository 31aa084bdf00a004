import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalRequest, signRequest, signature } from './signer';

// SIGNING-VECTORS.md, Huawei Cloud APIG SDK-HMAC-SHA256.
const url = new URL('https://service.region.example.com/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs?limit=2&marker=13551d6b-755d-4757-b956-536f674975c0');
const AK = 'QTWAOYTTINDUT2QVKYUC';
const SK = 'MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc';

describe('Huawei SDK-HMAC-SHA256 signer', () => {
  it('reproduces the published vector: canonical request hash and signature', () => {
    const { canonical, signedHeaders } = canonicalRequest({
      method: 'GET',
      url,
      headers: { 'Content-Type': 'application/json', Host: 'service.region.example.com', 'X-Sdk-Date': '20191115T033655Z' },
      body: '',
    });
    expect(signedHeaders).toBe('content-type;host;x-sdk-date');
    expect(createHash('sha256').update(canonical).digest('hex')).toBe('b25362e603ee30f4f25e7858e8a7160fd36e803bb2dfe206278659d71a9bcd7a');
    expect(signature(SK, '20191115T033655Z', canonical)).toBe('7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe');
  });

  it('builds the Authorization header the gateway expects', () => {
    const h = signRequest({ method: 'GET', url, body: '', contentType: 'application/json' }, { accessKey: AK, secretKey: SK }, new Date('2019-11-15T03:36:55Z'));
    expect(h['X-Sdk-Date']).toBe('20191115T033655Z');
    expect(h.Authorization).toBe(
      'SDK-HMAC-SHA256 Access=QTWAOYTTINDUT2QVKYUC, SignedHeaders=content-type;host;x-sdk-date, Signature=7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe',
    );
  });

  it('changes the signature with the content type (the negative checks of the digest)', () => {
    const h = signRequest({ method: 'GET', url, body: '', contentType: 'application/json;charset=utf8' }, { accessKey: AK, secretKey: SK }, new Date('2019-11-15T03:36:55Z'));
    expect(h.Authorization).toContain('Signature=4d65933d');
    const none = signRequest({ method: 'GET', url, body: '' }, { accessKey: AK, secretKey: SK }, new Date('2019-11-15T03:36:55Z'));
    expect(none.Authorization).toContain('Signature=faafba09');
  });
});
