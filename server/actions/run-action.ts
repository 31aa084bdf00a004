import 'server-only';
import { randomUUID } from 'node:crypto';
import { cookies, headers } from 'next/headers';
import type { z } from 'zod';
import type { ActionResult } from '@/lib/api/action';
import type { Operation, PathParams, SuccessOf } from '@/lib/contract/operations';
import { findSession, sessionCookie } from '../auth/tokens';
import { clientAddress } from '../http/client-address';
import { checkOrigin, consoleOrigin } from '../http/define-route';
import { toErrorReply } from '../http/errors';
import { log } from '../log';
import { runOperation, type Caller, type DefinedOperation, type PrincipalSource } from '../http/pipeline';
import { CloudError } from '../providers/errors';

export type { ActionResult } from '@/lib/api/action';

type BodyInputOf<O> = O extends { body: infer S extends z.ZodType } ? z.input<S> : undefined;
type QueryInputOf<O> = O extends { query: infer S extends z.ZodType } ? z.input<S> : undefined;
type ParamsOf<O> = O extends { path: infer P extends string } ? PathParams<P> : never;

/** The body an action of `D` (an entry of server/operations) takes: its operation's body schema's input. */
export type ActionBody<D> = D extends { operation: infer O } ? BodyInputOf<O> : never;

/** What an action passes for its operation: the path's parameters, the body, the query, the Idempotency-Key. */
export type ActionInput<O extends Operation> = ([keyof ParamsOf<O>] extends [never]
  ? { params?: undefined }
  : { params: ParamsOf<O> }) &
  (BodyInputOf<O> extends undefined ? { body?: undefined } : { body: BodyInputOf<O> }) & {
    query?: QueryInputOf<O>;
    idempotencyKey?: string;
  };

/**
 * The session cookie as the HTTP adapter reads it, with the same CSRF Origin check (an action is a POST the browser
 * sends with the cookie; Next.js checks Origin against Host too, but knows nothing of YUNTU_PUBLIC_ORIGIN).
 */
function sessionPrincipal(requestHeaders: Pick<Headers, 'get'>, token: string | null): PrincipalSource {
  return {
    authenticate: async () => {
      checkOrigin('POST', requestHeaders, token !== null);
      const session = token ? await findSession(token) : null;
      if (!session)
        throw new CloudError(
          'unauthorized',
          token ? 'the token is invalid or has expired; sign in again' : 'authentication required: sign in',
        );
      return session.principal;
    },
    admitPublic: () => checkOrigin('POST', requestHeaders, false),
  };
}

/** An action's arguments arrive from the wire: a path parameter or key that is no string is refused, naming it. */
function refuseNonStrings(values: Record<string, unknown>): Record<string, string> {
  for (const [k, v] of Object.entries(values))
    if (typeof v !== 'string')
      throw new CloudError('invalid', `${k}: must be a string`, [{ path: k, message: 'must be a string' }]);
  return values as Record<string, string>;
}

type CookieJar = Awaited<ReturnType<typeof cookies>>;

/**
 * A reply's `Set-Cookie` (the session cookie a project switch renews, or sign-out everywhere clears) is a header over
 * HTTP; an action's reply has no headers of its own, so the same cookie is set through next/headers.
 */
function applySetCookie(jar: CookieJar, header: string): void {
  const [pair = '', ...attributes] = header.split(';').map((p) => p.trim());
  const at = pair.indexOf('=');
  const name = pair.slice(0, at);
  let value = pair.slice(at + 1);
  try {
    value = decodeURIComponent(value);
  } catch {
    // not encoded by us: set as it is
  }
  const options: Parameters<CookieJar['set']>[2] = {};
  for (const attribute of attributes) {
    const [key = '', v = ''] = attribute.split('=');
    switch (key.toLowerCase()) {
      case 'path':
        options.path = v;
        break;
      case 'httponly':
        options.httpOnly = true;
        break;
      case 'secure':
        options.secure = true;
        break;
      case 'samesite':
        options.sameSite = v.toLowerCase() as 'lax' | 'strict' | 'none';
        break;
      case 'expires':
        options.expires = new Date(v);
        break;
      case 'max-age':
        options.maxAge = Number(v);
        break;
    }
  }
  jar.set(name, value, options);
}

/**
 * A form field the operation does not know, refused by a form action itself (e.g. a password's confirmation), in the
 * contract's error body like any other 400 naming its field.
 */
export function refusedField(field: string, message: string): ActionResult<never> {
  const failure = toErrorReply(
    new CloudError('invalid', `${field}: ${message}`, [{ path: field, message }]),
    randomUUID(),
  );
  return { ok: false, status: failure.status, error: failure.body.error };
}

/** `/servers/{id}/reboot` with `{ id }` → `/api/v1/servers/s-1/reboot`, the path the same call has over HTTP. */
const httpPathOf = (template: string, params: Record<string, string>) =>
  `/api/v1${template.replace(/\{(\w+)\}/g, (_, n: string) => encodeURIComponent(params[n] ?? ''))}`;

/**
 * The server-action adapter of pipeline.ts, as define-route.ts is the HTTP one: the same operation and spec
 * (server/operations/*.ts), so authentication, parsing, authorization, idempotency, rate limit, audit and the
 * error body are the route's. The Idempotency-Key is bound to the operation's HTTP method and path, so a key means
 * the same over both. Answers plain data; never throws for a failure of the call.
 */
export async function runAction<O extends Operation>(
  defined: DefinedOperation<O>,
  input: ActionInput<O>,
): Promise<ActionResult<SuccessOf<O>>> {
  const requestId = randomUUID();
  const { operation } = defined;
  let params: Record<string, string>;
  let query: Record<string, string>;
  let idempotencyKey: string | null;
  try {
    params = refuseNonStrings(input?.params ?? {});
    // Over HTTP a query value is a string; the action's values are stringified the same way before parsing.
    query = Object.fromEntries(
      Object.entries(input?.query ?? {}).flatMap(([k, v]) => (v === undefined || v === null ? [] : [[k, String(v)]])),
    );
    idempotencyKey =
      input?.idempotencyKey === undefined
        ? null
        : refuseNonStrings({ idempotencyKey: input.idempotencyKey }).idempotencyKey!;
  } catch (e) {
    const failure = toErrorReply(e, requestId);
    return { ok: false, status: failure.status, error: failure.body.error };
  }
  const [requestHeaders, jar] = await Promise.all([headers(), cookies()]);
  const token = jar.get(sessionCookie)?.value ?? null;
  // An action is always the browser's, with the cookie; Next.js has checked that Origin is the Host it addressed.
  const caller: Caller = {
    token,
    viaCookie: token !== null,
    clientAddress: clientAddress({ headers: requestHeaders }),
    secure: requestHeaders.get('origin')?.startsWith('https:') ?? false,
    origin: consoleOrigin(requestHeaders, requestHeaders.get('origin')?.startsWith('https:') ? 'https:' : 'http:'),
  };
  const outcome = await runOperation(
    operation,
    defined,
    sessionPrincipal(requestHeaders, token),
    {
      requestId,
      method: operation.method.toUpperCase(),
      path: httpPathOf(operation.path, params),
      params,
      query,
      // An empty HTTP body reads as `{}`; so does an action called without one.
      readBody: async () => input?.body ?? {},
      idempotencyKey,
    },
    { caller },
  );
  if (!outcome.ok) return { ok: false, status: outcome.failure.status, error: outcome.failure.body.error };
  if (outcome.reply instanceof Response) {
    // No operation declared in server/operations answers a stream; one that did could not travel as action data.
    const failure = toErrorReply(
      new Error(`${operation.method} ${operation.path} answered a stream to a server action`),
      requestId,
    );
    log.error({ err: failure.cause, requestId }, 'unexpected error');
    return { ok: false, status: failure.status, error: failure.body.error };
  }
  const setCookie = outcome.reply.headers?.['Set-Cookie'];
  if (setCookie) applySetCookie(jar, setCookie);
  return { ok: true, status: outcome.reply.status, body: outcome.reply.body as SuccessOf<O> };
}
