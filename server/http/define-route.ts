import 'server-only';
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { findSession, tokenOf } from '../auth/tokens';
import { config } from '../config';
import { log } from '../log';
import { CloudError } from '../providers/errors';
import { recordAudit } from '../services/audit';
import type { RequestContext } from '../services/context';
import { claimIdempotencyKey, settleIdempotencyKey } from '../services/idempotency';
import { consumeRateLimit } from '../services/rate-limit';
import { toErrorReply } from './errors';

/** What a handler answers: a JSON reply, or a ready Response (streams, files). */
export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

type RouteParams = Record<string, string | string[] | undefined>;

interface HandlerArgs<B, Q> {
  ctx: RequestContext;
  body: B;
  query: Q;
  params: Record<string, string>;
  request: Request;
}
interface PublicHandlerArgs<B, Q> extends Omit<HandlerArgs<B, Q>, 'ctx'> {
  requestId: string;
}

interface Common<BS extends z.ZodType | undefined, QS extends z.ZodType | undefined> {
  body?: BS;
  query?: QS;
  /** Parse the body even when the content type is not JSON (JSON-patch). */
  bodyContentTypes?: string[];
  /** Record changes in the audit log under this action, e.g. `server.reboot`. */
  audit?: { action: string; resourceType: string; resourceId?: (params: Record<string, string>, reply: Reply) => string | undefined };
  /** Honour Idempotency-Key (creating POSTs). */
  idempotent?: boolean;
}
type Inferred<S> = S extends z.ZodType ? z.infer<S> : undefined;

const safeRequestId = /^[\w.:-]{1,64}$/;

function withHeaders(res: Response, headers: Record<string, string>): Response {
  for (const [k, v] of Object.entries(headers)) res.headers.set(k, v);
  return res;
}

function json(reply: Reply, requestId: string): Response {
  const headers = new Headers({ 'X-Request-Id': requestId, 'Cache-Control': 'no-store', ...reply.headers });
  if (reply.body === undefined || reply.status === 204) return new Response(null, { status: reply.status, headers });
  headers.set('Content-Type', 'application/json; charset=utf-8');
  return new Response(JSON.stringify(reply.body), { status: reply.status, headers });
}

/** JSON request bodies larger than this are refused before parsing (image files go through their own streams). */
const maxJsonBytes = 1024 * 1024;

/** Reads at most `limit` bytes of the body; more is a 413 before the rest is even read. */
async function readCapped(request: Request, limit: number): Promise<Uint8Array> {
  const declared = Number(request.headers.get('content-length') ?? NaN);
  const tooLarge = () => new CloudError('payload_too_large', `body: larger than ${limit} bytes`, [{ path: 'body', message: `must be at most ${limit} bytes` }]);
  if (declared > limit) throw tooLarge();
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * A JSON body: UTF-8 only (a GBK body would otherwise be stored mangled), declared with one of `contentTypes`
 * (a body with no Content-Type is refused, so a cross-site form or no-cors fetch cannot send one unnoticed).
 */
async function readJson(request: Request, contentTypes: string[]): Promise<unknown> {
  const bytes = await readCapped(request, maxJsonBytes);
  if (bytes.byteLength === 0) return {};
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
  } catch {
    throw new CloudError('invalid', 'body: is not valid UTF-8', [{ path: 'body', message: 'is not valid UTF-8' }]);
  }
  if (!text.trim()) return {};
  const header = request.headers.get('content-type');
  const [type, ...params] = (header ?? '').split(';').map((p) => p.trim().toLowerCase());
  const expected = contentTypes.join(' or ');
  if (!header || !contentTypes.includes(type!))
    throw new CloudError('unsupported_media_type', `Content-Type must be ${expected}`, [{ path: 'Content-Type', message: `must be ${expected}` }]);
  const charset = params.find((p) => p.startsWith('charset='))?.slice(8).replace(/"/g, '');
  if (charset && charset !== 'utf-8' && charset !== 'utf8')
    throw new CloudError('unsupported_media_type', `Content-Type charset must be utf-8, not ${charset.slice(0, 40)}`, [{ path: 'Content-Type', message: 'charset must be utf-8' }]);
  try {
    return JSON.parse(text);
  } catch {
    throw new CloudError('invalid', 'body is not valid JSON', [{ path: 'body', message: 'is not valid JSON' }]);
  }
}

/**
 * No string of the contract may hold a NUL: PostgreSQL cannot store one in text, and no name or id needs one.
 * Checked once here for path params, query values and every string (and key) of a JSON body, naming the field.
 */
function refuseNul(value: unknown, path: string, depth = 0): void {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) throw new CloudError('invalid', `${path}: must not contain a NUL character`, [{ path, message: 'must not contain a NUL character' }]);
    // A lone surrogate (JSON `"\ud800"`) is no text: PostgreSQL refuses it in json columns (a 500 in the fuzz stage).
    if (!value.isWellFormed()) throw new CloudError('invalid', `${path}: must be well-formed Unicode (no lone surrogate)`, [{ path, message: 'must be well-formed Unicode' }]);
    return;
  }
  if (!value || typeof value !== 'object') return;
  // JSON.parse takes any depth, this walk would overflow the stack (a 500): no contract body nests this deep.
  if (depth > 32) throw new CloudError('invalid', `${path || 'body'}: nested too deeply (at most 32 levels)`, [{ path: path || 'body', message: 'is nested too deeply' }]);
  if (Array.isArray(value)) {
    value.forEach((v, i) => refuseNul(v, path ? `${path}.${i}` : String(i), depth + 1));
  } else {
    for (const [k, v] of Object.entries(value)) {
      refuseNul(k, path || 'body', depth + 1);
      refuseNul(v, path ? `${path}.${k}` : k, depth + 1);
    }
  }
}

function parseWith<S extends z.ZodType>(schema: S, value: unknown, where: string): z.infer<S> {
  const r = schema.safeParse(value);
  if (!r.success) {
    const e = toErrorReply(r.error, '', where);
    throw new CloudError('invalid', e.body.error.message, e.body.error.details);
  }
  return r.data;
}

/** Next.js has already decoded each path param once; decoding again would read `/servers/%2541` as `A`. */
async function resolveParams(p: Promise<RouteParams> | RouteParams | undefined): Promise<Record<string, string>> {
  const raw = (await p) ?? {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) if (typeof v === 'string') out[k] = v;
  return out;
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF: a browser sends the session cookie with a cross-site form or fetch too, so a change made with the cookie
 * must come from the console's own pages: the same Origin, or (a browser that sent none) `Sec-Fetch-Site:
 * same-origin`. A foreign Origin is refused on any unsafe call, cookie or not (no cross-site sign-in either).
 * X-Auth-Token callers (GIS systems, curl) send neither header and are unaffected: a browser cannot set that
 * header cross-site without a CORS preflight, which this API never grants.
 */
function checkOrigin(request: Request, viaCookie: boolean): void {
  if (safeMethods.has(request.method)) return;
  const origin = request.headers.get('origin');
  const refuse = (why: string) => new CloudError('forbidden', `cross-site request refused: ${why}`, [{ path: 'Origin', message: why }]);
  if (origin !== null) {
    if (!isOwnOrigin(request, origin)) throw refuse(`Origin ${origin.slice(0, 100)} is not this console's`);
    return;
  }
  if (viaCookie && request.headers.get('sec-fetch-site') !== 'same-origin')
    throw refuse('a change made with the session cookie must carry the console\'s Origin');
}

function isOwnOrigin(request: Request, origin: string): boolean {
  const configured = config().YUNTU_PUBLIC_ORIGIN;
  if (configured) return origin === configured;
  // Without configuration the console's origin is the one the browser addressed: the Host header it sent.
  const host = request.headers.get('host');
  return !!host && (origin === `http://${host}` || origin === `https://${host}`);
}

type NextHandler = (request: Request, context: { params: Promise<RouteParams> }) => Promise<Response>;

/**
 * The one wrapper every /api/v1 route handler goes through: request id, authentication, rate limit,
 * input parsing with the contract's schemas, idempotency, error mapping and the audit record.
 */
export function defineRoute<BS extends z.ZodType | undefined = undefined, QS extends z.ZodType | undefined = undefined>(
  opts: Common<BS, QS> & { auth?: 'user'; handler: (a: HandlerArgs<Inferred<BS>, Inferred<QS>>) => Promise<Reply | Response> },
): NextHandler;
export function defineRoute<BS extends z.ZodType | undefined = undefined, QS extends z.ZodType | undefined = undefined>(
  opts: Common<BS, QS> & { auth: 'public'; handler: (a: PublicHandlerArgs<Inferred<BS>, Inferred<QS>>) => Promise<Reply | Response> },
): NextHandler;
export function defineRoute(
  opts: Common<z.ZodType | undefined, z.ZodType | undefined> & {
    auth?: 'user' | 'public';
    handler: (a: HandlerArgs<unknown, unknown> & PublicHandlerArgs<unknown, unknown>) => Promise<Reply | Response>;
  },
): NextHandler {
  return async (request, context) => {
    const given = request.headers.get('x-request-id');
    const requestId = given && safeRequestId.test(given) ? given : randomUUID();
    const params = await resolveParams(context?.params);
    let ctx: RequestContext | undefined;
    let idempotency: { principal: string; key: string } | undefined;
    let reply: Reply | Response | undefined;
    let failure: ReturnType<typeof toErrorReply> | undefined;
    try {
      if (opts.auth !== 'public') {
        const token = tokenOf(request);
        checkOrigin(request, token !== null && !request.headers.has('x-auth-token'));
        const session = token ? await findSession(token) : null;
        if (!session) throw new CloudError('unauthorized', token ? 'the token is invalid or has expired; sign in again' : 'authentication required: send X-Auth-Token');
        ctx = { principal: session.principal, requestId, signal: request.signal };
        await consumeRateLimit(session.principal.userId);
      } else checkOrigin(request, false);
      for (const [k, v] of Object.entries(params)) refuseNul(v, k);
      const url = new URL(request.url);
      const rawQuery = Object.fromEntries(url.searchParams);
      refuseNul(rawQuery, '');
      const query = opts.query ? parseWith(opts.query, rawQuery, 'body') : undefined;
      let rawBody: unknown;
      if (opts.body) {
        rawBody = await readJson(request, opts.bodyContentTypes ?? ['application/json']);
        refuseNul(rawBody, '');
      }
      const body = opts.body ? parseWith(opts.body, rawBody, 'body') : undefined;

      const key = request.headers.get('idempotency-key');
      if (opts.idempotent && key && ctx) {
        const previous = await claimIdempotencyKey(ctx.principal.userId, key, `${request.method} ${url.pathname} ${JSON.stringify(rawBody ?? null)}`);
        if (previous) {
          return json({ status: previous.status, body: previous.body ?? undefined, headers: { 'Idempotent-Replayed': 'true' } }, requestId);
        }
        idempotency = { principal: ctx.principal.userId, key };
      }
      reply = await opts.handler({ ctx: ctx!, requestId, body, query, params, request });
    } catch (e) {
      failure = toErrorReply(e, requestId);
      if (failure.cause) log.error({ err: failure.cause, requestId, path: new URL(request.url).pathname }, 'unexpected error');
    }

    const status = failure ? failure.status : reply instanceof Response ? reply.status : reply!.status;
    if (idempotency) {
      await settleIdempotencyKey(idempotency.principal, idempotency.key, failure ? { status: failure.status, body: failure.body } : reply instanceof Response ? null : { status, body: reply!.body });
    }
    if (opts.audit && ctx && !(failure && failure.status === 401)) {
      const r = reply && !(reply instanceof Response) ? reply : { status };
      const body = (r as Reply).body as Record<string, { id?: string } | undefined> | undefined;
      const idFromBody = body && typeof body === 'object' ? Object.values(body).find((v) => v && typeof v === 'object' && 'id' in v)?.id : undefined;
      await recordAudit({
        user_id: ctx.principal.userId,
        user_name: ctx.principal.userName,
        project_id: ctx.principal.projectId,
        action: opts.audit.action,
        resource_type: opts.audit.resourceType,
        resource_id: opts.audit.resourceId?.(params, r as Reply) ?? params.id ?? (typeof idFromBody === 'string' ? idFromBody : null),
        result: failure ? 'failure' : 'success',
        status_code: status,
        message: failure ? failure.body.error.message : null,
        request_id: requestId,
      });
    }
    if (failure) return json({ status: failure.status, body: failure.body, headers: failure.headers }, requestId);
    if (reply instanceof Response) return withHeaders(reply, { 'X-Request-Id': requestId });
    return json(reply!, requestId);
  };
}

export const ok = (body: unknown, headers?: Record<string, string>): Reply => ({ status: 200, body, headers });
export const created = (body: unknown, headers?: Record<string, string>): Reply => ({ status: 201, body, headers });
export const accepted = (body?: unknown): Reply => ({ status: 202, body });
export const noContent = (): Reply => ({ status: 204 });
export const listReply = <T>(key: string, r: { items: T[]; total: number }): Reply => ({ status: 200, body: { [key]: r.items, total_count: r.total } });
