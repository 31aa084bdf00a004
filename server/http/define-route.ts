import 'server-only';
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { findSession, tokenOf } from '../auth/tokens';
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

async function readJson(request: Request, contentTypes: string[]): Promise<unknown> {
  const text = await request.text();
  if (!text.trim()) return {};
  const type = (request.headers.get('content-type') ?? 'application/json').split(';')[0]!.trim().toLowerCase();
  if (!contentTypes.includes(type)) throw new CloudError('invalid', `Content-Type must be ${contentTypes.join(' or ')}`, [{ path: 'Content-Type', message: `must be ${contentTypes.join(' or ')}` }]);
  try {
    return JSON.parse(text);
  } catch {
    throw new CloudError('invalid', 'body is not valid JSON', [{ path: 'body', message: 'is not valid JSON' }]);
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

async function resolveParams(p: Promise<RouteParams> | RouteParams | undefined): Promise<Record<string, string>> {
  const raw = (await p) ?? {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) if (typeof v === 'string') out[k] = decodeURIComponent(v);
  return out;
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
        const session = token ? await findSession(token) : null;
        if (!session) throw new CloudError('unauthorized', token ? 'the token is invalid or has expired; sign in again' : 'authentication required: send X-Auth-Token');
        ctx = { principal: session.principal, requestId, signal: request.signal };
        await consumeRateLimit(session.principal.userId);
      }
      const url = new URL(request.url);
      const query = opts.query ? parseWith(opts.query, Object.fromEntries(url.searchParams), 'body') : undefined;
      let rawBody: unknown;
      if (opts.body) rawBody = await readJson(request, opts.bodyContentTypes ?? ['application/json']);
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
