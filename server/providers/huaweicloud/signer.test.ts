import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalRequest, queryPairs, rfc3986Query, signRequest, signature } from './signer';

// SIGNING-VECTORS.md, Huawei Cloud APIG SDK-HMAC-SHA256.
const url = new URL(
  'https://service.region.example.com/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs?limit=2&marker=13551d6b-755d-4757-b956-536f674975c0',
);
const AK = 'QTWAOYTTINDUT2QVKYUC';
const SK = 'MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc';

describe('Huawei SDK-HMAC-SHA256 signer', () => {
  it('reproduces the published vector: canonical request hash and signature', () => {
    const { canonical, signedHeaders } = canonicalRequest({
      method: 'GET',
      url,
      headers: {
        'Content-Type': 'application/json',
        Host: 'service.region.example.com',
        'X-Sdk-Date': '20191115T033655Z',
      },
      body: '',
    });
    expect(signedHeaders).toBe('content-type;host;x-sdk-date');
    expect(createHash('sha256').update(canonical).digest('hex')).toBe(
      'b25362e603ee30f4f25e7858e8a7160fd36e803bb2dfe206278659d71a9bcd7a',
    );
    expect(signature(SK, '20191115T033655Z', canonical)).toBe(
      '7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe',
    );
  });

  it('builds the Authorization header the gateway expects', () => {
    const h = signRequest(
      { method: 'GET', url, body: '', contentType: 'application/json' },
      { accessKey: AK, secretKey: SK },
      new Date('2019-11-15T03:36:55Z'),
    );
    expect(h['X-Sdk-Date']).toBe('20191115T033655Z');
    expect(h.Authorization).toBe(
      'SDK-HMAC-SHA256 Access=QTWAOYTTINDUT2QVKYUC, SignedHeaders=content-type;host;x-sdk-date, Signature=7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe',
    );
  });

  it('changes the signature with the content type (the negative checks of the digest)', () => {
    const h = signRequest(
      { method: 'GET', url, body: '', contentType: 'application/json;charset=utf8' },
      { accessKey: AK, secretKey: SK },
      new Date('2019-11-15T03:36:55Z'),
    );
    expect(h.Authorization).toContain('Signature=4d65933d');
    const none = signRequest(
      { method: 'GET', url, body: '' },
      { accessKey: AK, secretKey: SK },
      new Date('2019-11-15T03:36:55Z'),
    );
    expect(none.Authorization).toContain('Signature=faafba09');
  });

  it('encodes a query as RFC 3986 (space %20, + %2B, ~ kept, * %2A, UTF-8 escapes) and reads it back with + as a plus', () => {
    const pairs: [string, string][] = [
      ['name', 'my server+/~*ü'],
      ['limit', '2'],
    ];
    const sent = rfc3986Query(pairs);
    expect(sent).toBe('name=my%20server%2B%2F~%2A%C3%BC&limit=2');
    expect(queryPairs(`?${sent}`)).toEqual(pairs);
    expect(queryPairs('?name=my+server')).toEqual([['name', 'my+server']]);
    expect(queryPairs('?flag&a=')).toEqual([
      ['flag', ''],
      ['a', ''],
    ]);
  });

  it('signs the canonical query of the bytes sent: sorted, a space as %20, and a + sent for a space is another signature', () => {
    const headers = { Host: 'service.region.example.com', 'X-Sdk-Date': '20191115T033655Z' };
    const sent = new URL(
      `https://service.region.example.com/v1/servers?${rfc3986Query([
        ['name', 'my server+/~*ü'],
        ['limit', '2'],
      ])}`,
    );
    const { canonical } = canonicalRequest({ method: 'GET', url: sent, headers, body: '' });
    expect(canonical.split('\n')[2]).toBe('limit=2&name=my%20server%2B%2F~%2A%C3%BC');
    const formEncoded = new URL('https://service.region.example.com/v1/servers');
    formEncoded.searchParams.set('name', 'my server');
    expect(formEncoded.search).toBe('?name=my+server');
    expect(canonicalRequest({ method: 'GET', url: formEncoded, headers, body: '' }).canonical.split('\n')[2]).toBe(
      'name=my%2Bserver',
    );
    // Recomputed independently (Python hashlib/hmac, urllib quote with safe "-_.~").
    expect(createHash('sha256').update(canonical).digest('hex')).toBe(
      'f1572550a712b0e187ecd2afa445e678fe89b7ed0f7e1f7d36e846a1ac0fb924',
    );
    expect(signature(SK, '20191115T033655Z', canonical)).toBe(
      '2c9f34bb24dcb8f8c5a68e7a9df8362d805cf23b8a7a03ab1dd1f124f45bd1b8',
    );
  });
});
