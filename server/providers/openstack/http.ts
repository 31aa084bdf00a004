import 'server-only';
import fs from 'node:fs';
import { Agent } from 'undici';
import { config } from '../../config';
import { CloudError } from '../errors';
import type { ErrorKind } from '@/lib/contract/common';

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

/** The catalog's service types, and the words a caller reads in an error. */
export type ServiceType = 'identity' | 'compute' | 'image' | 'network' | 'volumev3' | 'load-balancer';
export const serviceLabel: Record<ServiceType, string> = {
  identity: 'identity service (Keystone)',
  compute: 'compute service (Nova)',
  image: 'image service (Glance)',
  network: 'network service (Neutron)',
  volumev3: 'block storage service (Cinder)',
  'load-balancer': 'load balancer service (Octavia)',
};

let dispatcher: Agent | undefined;
/** A TLS agent only when the settings ask for a private CA or (explicitly) no verification; else Node's default. */
function dispatcherFor(s: OpenStackSettings): Agent | undefined {
  if (!s.caFile && !s.insecure) return undefined;
  dispatcher ??= new Agent({ connect: { ca: s.caFile ? fs.readFileSync(s.caFile) : undefined, rejectUnauthorized: !s.insecure } });
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

export interface OsResponse<T> {
  status: number;
  headers: Headers;
  body: T;
}

/** Status → kind, before a call site refines it (e.g. Glance's 403 on a protected image is a conflict). */
function kindOf(status: number, text: string): ErrorKind {
  if (/quota|over ?limit|exceed/i.test(text) && (status === 403 || status === 409 || status === 413)) return 'quota_exceeded';
  switch (status) {
    case 400:
    case 422:
      return 'invalid';
    case 401:
      return 'unauthorized';
    case 403:
      return 'forbidden';
    case 404:
      return 'not_found';
    case 409:
      return 'conflict';
    case 413:
      return 'quota_exceeded';
    case 429:
      return 'rate_limited';
    case 501:
      return 'not_supported';
    case 502:
    case 503:
    case 504:
      return 'unavailable';
    default:
      return 'internal';
  }
}

/**
 * Each service words its errors differently: Nova and Cinder `{"itemNotFound": {"message"}}`, Neutron
 * `{"NeutronError": {"message"}}`, Octavia `{"faultstring"}`, Keystone `{"error": {"message"}}`, Glance plain
 * text or HTML. This finds the sentence in any of them.
 */
export function backendMessage(text: string): string {
  try {
    const j = JSON.parse(text) as Record<string, unknown>;
    if (typeof j.faultstring === 'string') return j.faultstring;
    if (typeof j.message === 'string') return j.message;
    for (const v of Object.values(j)) {
      if (v && typeof v === 'object') {
        const inner = v as Record<string, unknown>;
        if (typeof inner.message === 'string') return inner.message;
      }
      if (typeof v === 'string') return v;
    }
  } catch {
    // Glance answers text/plain or HTML: strip tags and collapse whitespace.
  }
  const plain = text.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
  // Glance repeats the status line ("404 Not Found The resource could not be found."): keep the sentence.
  return plain.replace(/^\d{3} [A-Za-z ]+?(?=[A-Z][a-z]+ )/, '').slice(0, 300) || 'no details';
}

/** An error from a backend answer: the safe sentence for the caller, the raw answer as the cause for the log. */
export function errorFrom(status: number, text: string, service: ServiceType, what?: string): CloudError {
  const message = backendMessage(text);
  const kind = kindOf(status, message);
  const safe = kind === 'internal' || kind === 'unavailable' ? `the ${serviceLabel[service]} failed (HTTP ${status})` : message;
  return new CloudError(kind, what ? `${what}: ${safe}` : safe, undefined, { status, body: text.slice(0, 2000) });
}

/** One call to an OpenStack API; a network failure or time-out is `unavailable`, naming the service. */
export async function osFetch<T = unknown>(s: OpenStackSettings, url: string, req: OsRequest): Promise<OsResponse<T>> {
  const headers: Record<string, string> = { Accept: 'application/json', ...req.headers };
  if (req.token) headers['X-Auth-Token'] = req.token;
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
    const init: RequestInit & { dispatcher?: Agent; duplex?: 'half' } = { method: req.method ?? 'GET', headers, body, signal };
    const d = dispatcherFor(s);
    if (d) init.dispatcher = d;
    // A streamed request body needs half duplex (fetch's rule for ReadableStream bodies).
    if (body instanceof ReadableStream) init.duplex = 'half';
    r = await fetch(url, init);
  } catch (e) {
    if (req.signal?.aborted) throw new CloudError('unavailable', `the request to the ${serviceLabel[req.service]} was cancelled`, undefined, e);
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
