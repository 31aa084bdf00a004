import 'server-only';
import { currentRequestId } from '../../http/request-scope';
import { timedBackendCall } from '../../metrics';
import fs from 'node:fs';
import { Agent } from 'undici';
import { config } from '../../config';
import { CloudError } from '../errors';
import { errorFrom, serviceLabel, type ServiceType } from './errors';

/** How to reach the cloud: everything but Keystone's URL comes from the token's service catalog. */
export interface OpenStackSettings {
  authUrl: string;
  region: string;
  interface: 'public' | 'internal' | 'admin';
  userDomain: string;
  projectDomain: string;
  caFile?: string;
  insecure: boolean;
  timeoutMs: number;
  /** Lifetime of the console's own token: the application credential that renews Keystone tokens lives as long. */
  sessionTtlSeconds: number;
}

export function settingsFromConfig(): OpenStackSettings {
  const c = config();
  return {
    authUrl: (c.OPENSTACK_AUTH_URL ?? '').replace(/\/+$/, ''),
    region: c.OPENSTACK_REGION,
    interface: c.OPENSTACK_INTERFACE,
    userDomain: c.OPENSTACK_USER_DOMAIN,
    projectDomain: c.OPENSTACK_PROJECT_DOMAIN,
    caFile: c.OPENSTACK_CA_FILE,
    insecure: c.OPENSTACK_INSECURE === '1',
    timeoutMs: c.OPENSTACK_TIMEOUT_MS,
    sessionTtlSeconds: c.TOKEN_TTL_SECONDS,
  };
}

let dispatcher: Agent | undefined;
/** A TLS agent only when the settings ask for a private CA or (explicitly) no verification; else Node's default. */
function dispatcherFor(s: OpenStackSettings): Agent | undefined {
  if (!s.caFile && !s.insecure) return undefined;
  dispatcher ??= new Agent({
    connect: { ca: s.caFile ? fs.readFileSync(s.caFile) : undefined, rejectUnauthorized: !s.insecure },
  });
  return dispatcher;
}

export interface OsRequest {
  method?: string;
  token?: string;
  body?: unknown;
  /** A raw body (a stream for image uploads): sent as is, with `contentType`. */
  raw?: BodyInit;
  contentType?: string;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  service: ServiceType;
  /** Hand back the raw Response (an image file to stream) instead of parsing it. */
  stream?: boolean;
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface OsResponse<T> {
  status: number;
  headers: Headers;
  body: T;
}

/** One call to an OpenStack API; a network failure or time-out is `unavailable`, naming the service. */
export async function osFetch<T = unknown>(s: OpenStackSettings, url: string, req: OsRequest): Promise<OsResponse<T>> {
  const headers: Record<string, string> = { Accept: 'application/json', ...req.headers };
  if (req.token) headers['X-Auth-Token'] = req.token;
  // The console's request id reaches OpenStack's logs as the global request id: oslo accepts `req-<uuid>` only.
  const requestId = currentRequestId();
  if (requestId && uuid.test(requestId)) headers['X-Openstack-Request-Id'] = `req-${requestId}`;
  let body: BodyInit | undefined;
  if (req.raw !== undefined) {
    body = req.raw;
    headers['Content-Type'] = req.contentType ?? 'application/octet-stream';
  } else if (req.body !== undefined) {
    body = JSON.stringify(req.body);
    headers['Content-Type'] = req.contentType ?? 'application/json';
  }
  const timeout = AbortSignal.timeout(req.raw !== undefined ? s.timeoutMs * 100 : s.timeoutMs);
  const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;
  let r: Response;
  try {
    const init: RequestInit & { dispatcher?: Agent; duplex?: 'half' } = {
      method: req.method ?? 'GET',
      headers,
      body,
      signal,
    };
    const d = dispatcherFor(s);
    if (d) init.dispatcher = d;
    // A streamed request body needs half duplex (fetch's rule for ReadableStream bodies).
    if (body instanceof ReadableStream) init.duplex = 'half';
    r = await timedBackendCall('openstack', req.service, () => fetch(url, init));
  } catch (e) {
    if (req.signal?.aborted)
      throw new CloudError(
        'unavailable',
        `the request to the ${serviceLabel[req.service]} was cancelled`,
        undefined,
        e,
      );
    const timedOut = timeout.aborted;
    throw new CloudError(
      'unavailable',
      `the ${serviceLabel[req.service]} is ${timedOut ? 'not answering (timed out)' : 'unreachable'}`,
      undefined,
      e,
    );
  }
  if (!r.ok) {
    const text = await r.text().catch(() => '');
    throw errorFrom(r.status, text, req.service);
  }
  if (req.stream) return { status: r.status, headers: r.headers, body: r as unknown as T };
  const text = await r.text();
  const type = r.headers.get('content-type') ?? '';
  // Actions answer 202 with an empty or HTML body: only JSON is parsed.
  const parsed = text && type.includes('json') ? (JSON.parse(text) as T) : (undefined as T);
  return { status: r.status, headers: r.headers, body: parsed };
}
