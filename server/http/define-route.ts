import 'server-only';
import { randomUUID } from 'node:crypto';
import { operationKey, type Operation } from '@/lib/contract/operations';
import { findSession, tokenOf } from '../auth/tokens';
import { config } from '../config';
import { CloudError } from '../providers/errors';
import { toErrorReply } from './errors';
import { accepts } from './negotiation';
import type { OutsideContract } from './outside-contract';
import { clientAddress } from './client-address';
import { runOperation, type Caller, type OperationSpec, type PrincipalSource, type Reply } from './pipeline';

export { accepted, created, listReply, noContent, ok, type Reply } from './pipeline';

type RouteParams = Record<string, string | string[] | undefined>;

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
  const tooLarge = () =>
    new CloudError('payload_too_large', `body: larger than ${limit} bytes`, [
      { path: 'body', message: `must be at most ${limit} bytes` },
    ]);
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
    throw new CloudError('unsupported_media_type', `Content-Type must be ${expected}`, [
      { path: 'Content-Type', message: `must be ${expected}` },
    ]);
  const charset = params
    .find((p) => p.startsWith('charset='))
    ?.slice(8)
    .replace(/"/g, '');
  if (charset && charset !== 'utf-8' && charset !== 'utf8')
    throw new CloudError('unsupported_media_type', `Content-Type charset must be utf-8, not ${charset.slice(0, 40)}`, [
      { path: 'Content-Type', message: 'charset must be utf-8' },
    ]);
  try {
    return JSON.parse(text);
  } catch {
    throw new CloudError('invalid', 'body is not valid JSON', [{ path: 'body', message: 'is not valid JSON' }]);
  }
}

/** Next.js has already decoded each path param once; decoding again would read `/servers/%2541` as `A`. */
async function resolveParams(p: Promise<RouteParams> | RouteParams | undefined): Promise<Record<string, string>> {
  const raw = (await p) ?? {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) if (typeof v === 'string') out[k] = v;
  return out;
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/** A request's headers, or a server action's (`headers()` of next/headers). */
type HeaderReader = Pick<Headers, 'get'>;

/**
 * CSRF: a browser sends the session cookie with a cross-site form or fetch too, so a change made with the cookie
 * must come from the console's own pages: the same Origin, or (a browser that sent none) `Sec-Fetch-Site:
 * same-origin`. A foreign Origin is refused on any unsafe call, cookie or not (no cross-site sign-in either).
 * X-Auth-Token callers (GIS systems, curl) send neither header and are unaffected: a browser cannot set that
 * header cross-site without a CORS preflight, which this API never grants. Server actions (server/actions/run-action.ts)
 * run the same check on their POST: Next.js compares Origin with Host too, but not with YUNTU_PUBLIC_ORIGIN.
 */
export function checkOrigin(method: string, headers: HeaderReader, viaCookie: boolean): void {
  if (safeMethods.has(method)) return;
  const origin = headers.get('origin');
  const refuse = (why: string) =>
    new CloudError('forbidden', `cross-site request refused: ${why}`, [{ path: 'Origin', message: why }]);
  if (origin !== null) {
    if (!isOwnOrigin(headers, origin)) throw refuse(`Origin ${origin.slice(0, 100)} is not this console's`);
    return;
  }
  if (viaCookie && headers.get('sec-fetch-site') !== 'same-origin')
    throw refuse("a change made with the session cookie must carry the console's Origin");
}

/** The console's own origin: YUNTU_PUBLIC_ORIGIN, else the Host the caller addressed (as isOwnOrigin trusts it). */
export function consoleOrigin(headers: HeaderReader, protocol: string): string {
  const configured = config().YUNTU_PUBLIC_ORIGIN;
  if (configured) return configured;
  return `${protocol === 'https:' ? 'https:' : 'http:'}//${headers.get('host') ?? 'localhost'}`;
}

function isOwnOrigin(headers: HeaderReader, origin: string): boolean {
  const configured = config().YUNTU_PUBLIC_ORIGIN;
  if (configured) return origin === configured;
  // Without configuration the console's origin is the one the browser addressed: the Host header it sent.
  const host = headers.get('host');
  return !!host && (origin === `http://${host}` || origin === `https://${host}`);
}

/**
 * A 406 when the caller's Accept allows nothing this operation answers with: JSON, or its own type (a file, an event
 * stream). The refusal itself is JSON whatever Accept says: the contract has no other error body.
 */
function notAcceptable(request: Request, operation: Operation): CloudError | undefined {
  const produces = operation.produces ?? 'application/json';
  const accept = request.headers.get('accept');
  if (accepts(accept, produces)) return undefined;
  return new CloudError(
    'not_acceptable',
    `Accept: ${(accept ?? '').slice(0, 100)} allows no ${produces}, the type ${operationKey(operation)} answers with`,
    [{ path: 'Accept', message: `must allow ${produces}` }],
  );
}

type NextHandler = (request: Request, context: { params: Promise<RouteParams> }) => Promise<Response>;

/** The HTTP caller: X-Auth-Token or the session cookie, with the CSRF Origin check the cookie needs. */
function httpPrincipal(request: Request): PrincipalSource {
  return {
    authenticate: async () => {
      const token = tokenOf(request);
      checkOrigin(request.method, request.headers, token !== null && !request.headers.has('x-auth-token'));
      const session = token ? await findSession(token) : null;
      if (!session)
        throw new CloudError(
          'unauthorized',
          token ? 'the token is invalid or has expired; sign in again' : 'authentication required: send X-Auth-Token',
        );
      return session.principal;
    },
    admitPublic: () => checkOrigin(request.method, request.headers, false),
  };
}

/** The HTTP caller as the handlers of server/operations see it. */
function httpCaller(request: Request): Caller {
  const token = tokenOf(request);
  return {
    token,
    viaCookie: token !== null && !request.headers.get('x-auth-token'),
    clientAddress: clientAddress(request),
    secure: new URL(request.url).protocol === 'https:',
    origin: consoleOrigin(request.headers, new URL(request.url).protocol),
  };
}

/**
 * The one wrapper every /api/v1 route handler goes through: `defineRoute(op('POST /servers'), { … })`. The operation
 * row gives the auth, the body and query schemas (what OpenAPI documents is what is parsed), the path params' names
 * and the success body the handler must answer; pipeline.ts does the rest, this adapts it to HTTP (request id,
 * reading the body, the Response). A route outside the contract passes its entry of outside-contract.ts instead.
 */
export function defineRoute<O extends Operation | OutsideContract>(
  operation: O,
  spec: OperationSpec<O, { request: Request; caller: Caller }>,
): NextHandler {
  const contentTypes = 'outsideContract' in operation ? [] : [operation.bodyType ?? 'application/json'];
  return async (request, context) => {
    const given = request.headers.get('x-request-id');
    const requestId = given && safeRequestId.test(given) ? given : randomUUID();
    const refusal = 'outsideContract' in operation ? undefined : notAcceptable(request, operation);
    if (refusal) return json(toErrorReply(refusal, requestId), requestId);
    const url = new URL(request.url);
    const outcome = await runOperation(
      operation,
      spec,
      httpPrincipal(request),
      {
        requestId,
        method: request.method,
        path: url.pathname,
        params: await resolveParams(context?.params),
        query: Object.fromEntries(url.searchParams),
        readBody: () => readJson(request, contentTypes),
        idempotencyKey: request.headers.get('idempotency-key'),
        signal: request.signal,
      },
      { request, caller: httpCaller(request) },
    );
    if (!outcome.ok) return json(outcome.failure, requestId);
    if (outcome.reply instanceof Response) return withHeaders(outcome.reply, { 'X-Request-Id': requestId });
    return json(outcome.reply, requestId);
  };
}
