import { describe, expect, it } from 'vitest';
import { shanheError } from './errors';

describe('Shanhe ret_code errors', () => {
  it('maps each code family to a kind', () => {
    expect(
      shanheError('RunInstances', { ret_code: 1100, message: 'MessageFormatError, lack param [image_id]' }).kind,
    ).toBe('invalid');
    expect(shanheError('DescribeZones', { ret_code: 1200, message: 'AuthFailure, invalid signature' }).kind).toBe(
      'unauthorized',
    );
    expect(
      shanheError('StartInstances', {
        ret_code: 1400,
        message: 'PermissionDenied, instance [i-1] status is [running], can not start',
      }).kind,
    ).toBe('conflict');
    expect(
      shanheError('DeleteImages', { ret_code: 1400, message: 'PermissionDenied, you do not own [img-1]' }).kind,
    ).toBe('forbidden');
    expect(shanheError('DescribeInstances', { ret_code: 2100, message: 'ResourceNotFound, [i-x]' }).kind).toBe(
      'not_found',
    );
    expect(shanheError('RunInstances', { ret_code: 2500, message: 'QuotaExceeded, instance' }).kind).toBe(
      'quota_exceeded',
    );
    expect(shanheError('RunInstances', { ret_code: 5100, message: 'ServerBusy' }).kind).toBe('unavailable');
  });

  it('names the action and code, not the signature detail', () => {
    const e = shanheError('DescribeZones', {
      ret_code: 1200,
      message: 'AuthFailure, signature mismatch for key QYACCESSKEY',
    });
    expect(e.message).toBe('Shanhe DescribeZones: the access key or its signature was refused (ret_code 1200)');
  });
});
