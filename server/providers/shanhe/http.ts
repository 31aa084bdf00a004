import 'server-only';
import { timedBackendCall } from '../../metrics';
import { CloudError } from '../errors';
import type { AccessKey } from '../public-cloud/credentials';
import { shanheError } from './errors';
import type { ShanheSettings } from './settings';
import { shanheTimestamp, signedQuery } from './signer';

export type Params = Record<string, string | number | boolean | undefined>;

/**
 * One signed GET on the Shanhe API. Adds the common parameters (access_key_id, action, zone, time_stamp, signature
 * method and versions), signs, and answers the JSON body; `ret_code` ≠ 0 becomes the normalised CloudError.
 */
export async function shanheCall<T>(
  s: ShanheSettings,
  key: AccessKey,
  action: string,
  params: Params = {},
  signal?: AbortSignal,
): Promise<T & { ret_code: number; total_count?: number }> {
  const all: Record<string, string> = {
    access_key_id: key.accessKey,
    action,
    zone: s.zone,
    time_stamp: shanheTimestamp(new Date()),
    signature_method: 'HmacSHA256',
    signature_version: '1',
    version: '1',
  };
  for (const [k, v] of Object.entries(params))
    if (v !== undefined) all[k] = typeof v === 'boolean' ? (v ? '1' : '0') : String(v);
  const url = new URL(s.endpoint);
  const timeout = AbortSignal.timeout(s.timeoutMs);
  let res: Response;
  try {
    res = await timedBackendCall('shanhe', action, () =>
      fetch(`${url.origin}${url.pathname}?${signedQuery(key.secretKey, all, url.pathname)}`, {
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      }),
    );
  } catch (e) {
    throw new CloudError('unavailable', 'the Shanhe API is unreachable', undefined, e);
  }
  if (!res.ok)
    throw new CloudError(
      res.status === 429 ? 'rate_limited' : 'unavailable',
      `the Shanhe API answered HTTP ${res.status}`,
      undefined,
      await res.text().catch(() => ''),
    );
  const body = (await res.json().catch(() => null)) as (T & { ret_code: number; message?: string }) | null;
  if (!body || typeof body.ret_code !== 'number')
    throw new CloudError('unavailable', `the Shanhe API answered ${action} without a ret_code`);
  if (body.ret_code !== 0) throw shanheError(action, body);
  return body;
}
