import 'server-only';
import type { z } from 'zod';
import { ErrorBody } from '@/lib/contract/common';
import {
  operationKey,
  type AuthOf,
  type BodyOf,
  type Operation,
  type PathParams,
  type QueryOf,
  type SuccessOf,
} from '@/lib/contract/operations';
import { log } from '../log';
import { metrics } from '../metrics';
import { CloudError, forbidden } from '../providers/errors';
import type { Principal } from '../providers/types';
import { recordAudit } from '../services/audit';
import type { RequestContext } from '../services/context';
import { claimIdempotencyKey, holdIdempotencyKey, settleIdempotencyKey } from '../services/idempotency';
import { consumeRateLimit } from '../services/rate-limit';
import { toErrorReply, type ErrorReply } from './errors';
import type { OutsideContract } from './outside-contract';
import { inRequestScope } from './request-scope';

/*
 * The transport-agnostic half of every call: (operation, who is calling, raw input) → parsed input → the handler
 * (one service call) → idempotency, audit → the reply or the contract's error body, returned, never thrown.
 * define-route.ts is its HTTP adapter; a server-action wrapper is meant to be another one, passing the session
 * cookie as its principal source and handing the returned error body to the form.
 */

/** What a handler answers: a JSON reply, or a ready Response (streams, files; HTTP only). */
export interface Reply<B = unknown> {
  status: number;
  body?: B;
  headers?: Record<string, string>;
}

/** A route handler under app/api/v1 that is one of the contract's operations, or one declared outside it. */
export type Routed = Operation | OutsideContract;

type Who<O extends Routed> =
  AuthOf<O> extends 'public' ? { requestId: string } : { ctx: RequestContext; requestId: string };
/** What a handler gets: the caller (none for a public operation) and the input parsed with the operation's schemas. */
export type OperationArgs<O extends Routed> = Who<O> & {
  body: BodyOf<O>;
  query: QueryOf<O>;
  params: O extends { path: infer P extends string } ? PathParams<P> : Record<string, string>;
};

export interface AuditSpec {
  /** e.g. `server.reboot` */
  action: string;
  resourceType: string;
  /** The record's resource when it is not the path's `id` nor the id in the reply's body. */
  resourceId?: (params: Record<string, string>, reply: Reply) => string | undefined;
}

export interface OperationSpec<O extends Routed, X> {
  /** Record changes in the audit log under this action. */
  audit?: AuditSpec;
  /** Honour Idempotency-Key (creating POSTs). */
  idempotent?: boolean;
  /** One service call; its answer is checked against the operation's success schema. */
  handler: (a: OperationArgs<O> & X) => Promise<Reply<SuccessOf<O>> | Response>;
}

/**
 * What both transports know of the caller besides the principal, for the few handlers that end or renew the
 * session itself (own password change, project switch, sign-out everywhere).
 */
export interface Caller {
  /** The token the call was authenticated with: X-Auth-Token's, or the session cookie's. */
  token: string | null;
  /** The token came in the session cookie (a browser): a renewed one goes back as a cookie too. */
  viaCookie: boolean;
  /** For per-client limits and audit messages (client-address.ts). */
  clientAddress: string;
  /** The console was addressed over https: the session cookie gets the Secure flag. */
  secure: boolean;
  /** The console's origin as the caller addressed it (YUNTU_PUBLIC_ORIGIN when set): for links it hands out. */
  origin: string;
}

/** What every transport passes a handler of server/operations besides the parsed input. */
export interface OperationExtra {
  caller: Caller;
}

/**
 * An operation with its one spec, declared in server/operations/<resource>.ts so that both adapters run the same
 * thing: the route handler (`defineRoute(op('…'), serverOperations.reboot)`) and the server action
 * (`runAction(serverOperations.reboot, …)`). Its handler gets the `Caller`, not the Request: what only HTTP has
 * (a request stream, the query of sign-in) stays in a route-local spec. A reply's Set-Cookie header is a header
 * over HTTP and a cookie the server action sets.
 */
export type DefinedOperation<O extends Operation> = OperationSpec<O, OperationExtra> & { readonly operation: O };

export function defineOperation<O extends Operation>(
  operation: O,
  spec: OperationSpec<O, OperationExtra>,
): DefinedOperation<O> {
  return { ...spec, operation };
}

/** Who is calling, as the transport knows it. */
export interface PrincipalSource {
  /** The signed-in principal, or a thrown CloudError (401; the HTTP adapter also refuses a foreign Origin here). */
  authenticate(): Promise<Principal>;
  /** The transport's own check of a call to a public operation (the HTTP adapter's Origin check). */
  admitPublic?(): void;
}

export interface RawInput {
  requestId: string;
  /** e.g. `POST`: with `path`, what an Idempotency-Key is bound to besides the body. */
  method: string;
  /** e.g. `/api/v1/servers/s-1/reboot`: for the idempotency fingerprint and the log. */
  path: string;
  params: Record<string, string>;
  query: Record<string, string>;
  /** Called only when the operation has a body schema, so a stream a handler reads itself stays unread. */
  readBody: () => Promise<unknown>;
  idempotencyKey?: string | null;
  signal?: AbortSignal;
}

/** The outcome of a call: the handler's reply, or the contract's error body with its status and headers. */
export type Outcome =
  { ok: true; reply: Reply | Response } | { ok: false; failure: Pick<ErrorReply, 'status' | 'body' | 'headers'> };

/**
 * No string of the contract may hold a NUL: PostgreSQL cannot store one in text, and no name or id needs one.
 * Checked once here for path params, query values and every string (and key) of a JSON body, naming the field.
 */
function refuseNul(value: unknown, path: string, depth = 0): void {
  if (typeof value === 'string') {
    if (value.includes('\u0000'))
      throw new CloudError('invalid', `${path}: must not contain a NUL character`, [
        { path, message: 'must not contain a NUL character' },
      ]);
    // A lone surrogate (JSON `"\ud800"`) is no text: PostgreSQL refuses it in json columns (a 500 in the fuzz stage).
    if (!value.isWellFormed())
      throw new CloudError('invalid', `${path}: must be well-formed Unicode (no lone surrogate)`, [
        { path, message: 'must be well-formed Unicode' },
      ]);
    return;
  }
  if (!value || typeof value !== 'object') return;
  // JSON.parse takes any depth, this walk would overflow the stack (a 500): no contract body nests this deep.
  if (depth > 32)
    throw new CloudError('invalid', `${path || 'body'}: nested too deeply (at most 32 levels)`, [
      { path: path || 'body', message: 'is nested too deeply' },
    ]);
  if (Array.isArray(value)) {
    value.forEach((v, i) => refuseNul(v, path ? `${path}.${i}` : String(i), depth + 1));
  } else {
    for (const [k, v] of Object.entries(value)) {
      refuseNul(k, path || 'body', depth + 1);
      refuseNul(v, path ? `${path}.${k}` : k, depth + 1);
    }
  }
}

function parseWith(schema: z.ZodType, value: unknown, where: string): unknown {
  const r = schema.safeParse(value);
  if (!r.success) {
    const e = toErrorReply(r.error, '', where);
    throw new CloudError('invalid', e.body.error.message, e.body.error.details);
  }
  return r.data;
}

/**
 * What the read-only demo visitor may still do besides reading: end its own session and switch project (neither
 * changes the cloud). Everything else that is not a read is refused here, the one place every call passes.
 */
const readOnlyAllowed = new Set(['DELETE /auth/tokens', 'POST /auth/projects']);
const reads = new Set(['GET', 'HEAD', 'OPTIONS']);

export function refuseReadOnly(operation: Routed, method: string): void {
  const key = 'outsideContract' in operation ? `${method.toUpperCase()} outside` : operationKey(operation);
  const m = 'outsideContract' in operation ? method.toUpperCase() : operation.method.toUpperCase();
  if (reads.has(m) || readOnlyAllowed.has(key)) return;
  throw forbidden(
    `read-only demo: the visitor account may look everywhere but change nothing (${'outsideContract' in operation ? 'this call' : key} was refused)`,
  );
}

const schemasOf = (o: Routed): { body?: z.ZodType; query?: z.ZodType } => ('outsideContract' in o ? {} : o);

/**
 * Runs one call of an operation. The order is the contract's: authentication and rate limit, NUL refusal, the query
 * and the body parsed with the operation's schemas, the Idempotency-Key claimed, an admin operation refused (403)
 * to everyone else, the handler; then the key settled and the audit record written, whatever the outcome.
 */
export async function runOperation<O extends Routed, X extends object>(
  operation: O,
  spec: OperationSpec<O, X>,
  source: PrincipalSource,
  raw: RawInput,
  extra: X,
): Promise<Outcome> {
  const started = performance.now();
  // Backend clients and log lines below read the request id from the scope (OpenStack gets it as a header).
  const outcome = await inRequestScope({ requestId: raw.requestId }, () => answer(operation, spec, source, raw, extra));
  const status = String(
    outcome.ok
      ? outcome.reply instanceof Response
        ? outcome.reply.status
        : outcome.reply.status
      : outcome.failure.status,
  );
  // Paths outside the contract share one label: any path a client invents must not become a time series.
  const labels = { operation: 'outsideContract' in operation ? 'outside contract' : operationKey(operation), status };
  const m = metrics();
  m.requests.inc(labels);
  m.requestSeconds.observe(labels, (performance.now() - started) / 1000);
  if (status === '429') m.rateLimited.inc({ limit: labels.operation === 'POST /auth/tokens' ? 'sign_in' : 'api' });
  return outcome;
}

async function answer<O extends Routed, X extends object>(
  operation: O,
  spec: OperationSpec<O, X>,
  source: PrincipalSource,
  raw: RawInput,
  extra: X,
): Promise<Outcome> {
  const { requestId } = raw;
  const schemas = schemasOf(operation);
  let ctx: RequestContext | undefined;
  let idempotency: { principal: string; key: string; release: () => void } | undefined;
  let reply: Reply | Response | undefined;
  let failure: ErrorReply | undefined;
  try {
    if (operation.auth !== 'public') {
      const principal = await source.authenticate();
      ctx = { principal, requestId, signal: raw.signal };
      await consumeRateLimit(principal.userId);
      if (principal.readOnly) refuseReadOnly(operation, raw.method);
    } else source.admitPublic?.();
    for (const [k, v] of Object.entries(raw.params)) refuseNul(v, k);
    refuseNul(raw.query, '');
    const query = schemas.query ? parseWith(schemas.query, raw.query, 'body') : undefined;
    let rawBody: unknown;
    if (schemas.body) {
      rawBody = await raw.readBody();
      refuseNul(rawBody, '');
    }
    const body = schemas.body ? parseWith(schemas.body, rawBody, 'body') : undefined;

    if (spec.idempotent && raw.idempotencyKey && ctx) {
      const previous = await claimIdempotencyKey(
        ctx.principal.userId,
        raw.idempotencyKey,
        `${raw.method} ${raw.path} ${JSON.stringify(rawBody ?? null)}`,
      );
      if (previous) {
        const headers = { 'Idempotent-Replayed': 'true' };
        const stored = ErrorBody.safeParse(previous.body);
        if (previous.status >= 400 && stored.success)
          return { ok: false, failure: { status: previous.status, body: stored.data, headers } };
        return { ok: true, reply: { status: previous.status, body: previous.body ?? undefined, headers } };
      }
      idempotency = {
        principal: ctx.principal.userId,
        key: raw.idempotencyKey,
        release: holdIdempotencyKey(ctx.principal.userId, raw.idempotencyKey),
      };
    }
    // After the claim, so a refusal is settled under the key like any other answer (the services check too).
    if (operation.auth === 'admin' && ctx && !ctx.principal.roles.includes('admin'))
      throw forbidden(
        `${'outsideContract' in operation ? 'this call' : operationKey(operation)} is for administrators only`,
      );
    // The pipeline parsed `query` and `body` with the operation's own schemas and `params` are the path's: the
    // arguments are what OperationArgs<O> names, which TypeScript cannot follow through the generic `O`.
    const args = { ctx, requestId, body, query, params: raw.params, ...extra } as unknown as OperationArgs<O> & X;
    reply = await spec.handler(args);
  } catch (e) {
    failure = toErrorReply(e, requestId);
    if (failure.cause) log.error({ err: failure.cause, requestId, path: raw.path }, 'unexpected error');
  }

  const status = failure ? failure.status : reply instanceof Response ? reply.status : reply!.status;
  if (idempotency) {
    idempotency.release();
    await settleIdempotencyKey(
      idempotency.principal,
      idempotency.key,
      failure
        ? { status: failure.status, body: failure.body }
        : reply instanceof Response
          ? null
          : { status, body: reply!.body },
    );
  }
  if (spec.audit && ctx && !(failure && failure.status === 401)) {
    const r: Reply = reply && !(reply instanceof Response) ? reply : { status };
    const answer = r.body;
    const idFromBody =
      answer && typeof answer === 'object'
        ? Object.values(answer).find((v): v is { id: unknown } => !!v && typeof v === 'object' && 'id' in v)?.id
        : undefined;
    await recordAudit({
      user_id: ctx.principal.userId,
      user_name: ctx.principal.userName,
      project_id: ctx.principal.projectId,
      action: spec.audit.action,
      resource_type: spec.audit.resourceType,
      resource_id:
        spec.audit.resourceId?.(raw.params, r) ?? raw.params.id ?? (typeof idFromBody === 'string' ? idFromBody : null),
      result: failure ? 'failure' : 'success',
      status_code: status,
      message: failure ? failure.body.error.message : null,
      request_id: requestId,
    });
  }
  if (failure) return { ok: false, failure };
  return { ok: true, reply: reply! };
}

export const ok = <B>(body: B, headers?: Record<string, string>): Reply<B> => ({ status: 200, body, headers });
export const created = <B>(body: B, headers?: Record<string, string>): Reply<B> => ({ status: 201, body, headers });
export function accepted(): Reply<undefined>;
export function accepted<B>(body: B): Reply<B>;
export function accepted(body?: unknown): Reply {
  return { status: 202, body };
}
export const noContent = (): Reply<undefined> => ({ status: 204 });
export const listReply = <K extends string, T>(key: K, r: { items: T[]; total: number }) =>
  ({ status: 200, body: { ...({ [key]: r.items } as Record<K, T[]>), total_count: r.total } }) satisfies Reply;
