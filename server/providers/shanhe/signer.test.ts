import { describe, expect, it } from 'vitest';
import { shanheSignature, signedQuery } from './signer';

// SIGNING-VECTORS.md, Shanhe / QingCloud-style API.
const params = {
  access_key_id: 'QYACCESSKEYIDEXAMPLE',
  action: 'RunInstances',
  count: '1',
  image_id: 'centos64x86a',
  instance_name: 'demo',
  instance_type: 'small_b',
  login_mode: 'passwd',
  login_passwd: 'QingCloud20130712',
  signature_method: 'HmacSHA256',
  signature_version: '1',
  time_stamp: '2013-08-27T14:30:10Z',
  version: '1',
  'vxnets.1': 'vxnet-0',
  zone: 'pek1',
};

describe('Shanhe signature v1 (HmacSHA256)', () => {
  it('reproduces the published vector', () => {
    expect(shanheSignature('SECRETACCESSKEY', params)).toBe('32bseYy39DOlatuewpeuW5vpmW51sD1A/JdGynqSpP8=');
  });

  it('appends the URL-encoded signature last, after the sorted parameters', () => {
    const q = signedQuery('SECRETACCESSKEY', { ...params });
    expect(q.startsWith('access_key_id=QYACCESSKEYIDEXAMPLE&action=RunInstances&count=1')).toBe(true);
    expect(q).toContain('time_stamp=2013-08-27T14%3A30%3A10Z');
    expect(q.endsWith('&signature=32bseYy39DOlatuewpeuW5vpmW51sD1A%2FJdGynqSpP8%3D')).toBe(true);
  });
});
