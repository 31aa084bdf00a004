import { describe, expect, it } from 'vitest';
import { huaweiError, parseHuaweiError } from './errors';

describe('Huawei error bodies', () => {
  it('reads every documented shape', () => {
    expect(parseHuaweiError({ error: { code: 'Ecs.0114', message: 'Invalid flavor' } })).toEqual({
      code: 'Ecs.0114',
      message: 'Invalid flavor',
    });
    expect(parseHuaweiError({ error_code: 'APIG.2012', error_msg: 'Invalid parameter value' })).toEqual({
      code: 'APIG.2012',
      message: 'Invalid parameter value',
    });
    expect(parseHuaweiError({ error: { error_code: 'KMS.0101', error_msg: 'bad key' } })).toEqual({
      code: 'KMS.0101',
      message: 'bad key',
    });
    expect(parseHuaweiError({ itemNotFound: { message: 'Volume x could not be found', code: 404 } })).toEqual({
      code: '404',
      message: 'Volume x could not be found',
    });
    expect(parseHuaweiError({ code: 'VPC.0514', message: 'Update port fail.' })).toEqual({
      code: 'VPC.0514',
      message: 'Update port fail.',
    });
    expect(parseHuaweiError({ errCode: 'RDS.0016', externalMessage: 'x' })).toEqual({ code: 'RDS.0016', message: 'x' });
  });

  it('maps statuses and messages to kinds, never echoing an auth failure detail', () => {
    expect(huaweiError('ecs', 404, { itemNotFound: { message: 'gone', code: 404 } }).kind).toBe('not_found');
    expect(huaweiError('vpc', 409, { code: 'VPC.0608', message: 'rule exists' }).kind).toBe('conflict');
    expect(huaweiError('ecs', 400, { error: { code: 'Ecs.0605', message: 'quota exceeded' } }).kind).toBe(
      'quota_exceeded',
    );
    expect(
      huaweiError('evs', 400, { error: { code: 'EVS.2024', message: 'volume status is not available' } }).kind,
    ).toBe('conflict');
    const auth = huaweiError('ecs', 401, {
      error_code: 'APIGW.0301',
      error_msg: 'Incorrect IAM authentication information: verify aksk signature fail',
    });
    expect(auth.kind).toBe('unauthorized');
    expect(auth.message).not.toContain('aksk');
    expect(huaweiError('elb', 503, 'Service Unavailable').kind).toBe('unavailable');
  });
});
