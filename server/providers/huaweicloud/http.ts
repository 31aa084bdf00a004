import 'server-only';
import { timedBackendCall } from '../../metrics';
import { CloudError } from '../errors';
import type { AccessKey } from '../public-cloud/credentials';
import { huaweiError } from './errors';
import { endpointOf, type HuaweiSettings, type HwService } from './settings';
import { queryPairs, rfc3986Query, signRequest } from './signer';

export interface HwCall {
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  signal?: AbortSignal;
}

/**
 * One signed call to a Huawei service. `path` may hold `{project_id}`. Answers the parsed JSON body (undefined for
 * 204), or throws the normalised CloudError; a network failure or timeout is `unavailable`.
 */
export async function hwFetch<T>(
  s: HuaweiSettings,
  key: AccessKey,
  service: HwService,
  method: string,
  path: string,
  call: HwCall = {},
): Promise<T> {
  const url = new URL(endpointOf(s, service) + path.replaceAll('{project_id}', s.projectId));
  // Written by hand, not by url.searchParams (form encoding, a space as `+`): the URL sent and the one signed are the same bytes.
  const pairs = new Map(queryPairs(url.search));
  for (const [k, v] of Object.entries(call.query ?? {})) if (v !== undefined && v !== '') pairs.set(k, String(v));
  url.search = rfc3986Query([...pairs]);
  const body = call.body === undefined ? '' : JSON.stringify(call.body);
  const headers = signRequest({ method, url, body, contentType: 'application/json' }, key);
  // Host is signed but fetch sets it itself (undici refuses it as a header); the value is the same.
  delete headers.Host;
  const signal = call.signal
    ? AbortSignal.any([call.signal, AbortSignal.timeout(s.timeoutMs)])
    : AbortSignal.timeout(s.timeoutMs);
  let res: Response;
  try {
    res = await timedBackendCall('huaweicloud', service, () =>
      fetch(url, { method, headers, body: body || undefined, signal }),
    );
  } catch (e) {
    throw new CloudError('unavailable', `Huawei Cloud ${service.toUpperCase()} is unreachable`, undefined, e);
  }
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // A gateway error page is not JSON: kept as text for the error mapping.
  }
  if (!res.ok) throw huaweiError(service, res.status, parsed);
  return parsed as T;
}
