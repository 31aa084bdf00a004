import { ErrorBody, type ErrorKind } from '@/lib/contract/common';
// Types only: the browser bundle takes no schema or description of the table from here.
import type { OperationKey, OperationOf, PathParams, QueryInputOf, SuccessOf } from '@/lib/contract/operations';
import { useSessionStore } from '@/lib/stores/session-store';

/** A failed API call, carrying the API's own message (shown to the user) and its machine-readable type. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly type: ErrorKind | 'network',
    readonly details: Array<{ path: string; message: string }> = [],
    readonly requestId?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface ApiInit extends Omit<RequestInit, 'body'> {
  /** Sent as JSON (or as JSON-patch when contentType says so). */
  json?: unknown;
  contentType?: string;
  /** Sign-in calls must see their own 401 instead of waiting for a new session. */
  isAuthCall?: boolean;
}

export const apiBase = '/api/v1';

async function toError(res: Response): Promise<ApiError> {
  const text = await res.text().catch(() => '');
  try {
    const parsed = ErrorBody.safeParse(JSON.parse(text));
    if (parsed.success) {
      const e = parsed.data.error;
      return new ApiError(e.message, res.status, e.type, e.details ?? [], e.request_id);
    }
  } catch {
    // not JSON: fall through to a generic message
  }
  return new ApiError(`${res.status} ${res.statusText}`, res.status, res.status >= 500 ? 'internal' : 'invalid');
}

/** Fetches `/api/v1<path>` and reads the JSON answer; a 401 pauses the call until the user signs in again, then retries it. */
async function call(path: string, init: ApiInit): Promise<unknown> {
  const { json, contentType, isAuthCall, ...rest } = init;
  const headers = new Headers(rest.headers);
  if (json !== undefined) headers.set('Content-Type', contentType ?? 'application/json');
  for (;;) {
    let res: Response;
    try {
      res = await fetch(apiBase + path, {
        ...rest,
        headers,
        body: json === undefined ? undefined : JSON.stringify(json),
        credentials: 'same-origin',
      });
    } catch (e) {
      throw new ApiError(e instanceof Error ? e.message : 'network error', 0, 'network');
    }
    if (res.status === 401 && !isAuthCall) {
      await useSessionStore.getState().whenRestored((await toError(res)).message);
      continue;
    }
    if (!res.ok) throw await toError(res);
    if (res.status === 204 || res.status === 202) {
      const text = await res.text();
      return text ? JSON.parse(text) : undefined;
    }
    return res.json();
  }
}

/**
 * Fetches `/api/v1<path>` with the answer typed as the caller says. Reads go through `get`, which takes the type
 * from the operation table, and the console's changes through server actions (lib/api/action.ts); this stays for
 * sign-in and sign-out (lib/api/auth.ts) and the few reads not in the table's typed form.
 */
export async function api<T>(path: string, init: ApiInit = {}): Promise<T> {
  return (await call(path, init)) as T;
}

type ReadKey = Extract<OperationKey, `GET ${string}`>;
type PathOfRead<K extends ReadKey> = K extends `GET ${infer P}` ? P : never;
type QueryValue = string | number | boolean | null | undefined;
type HasParams<K extends ReadKey> = [keyof PathParams<PathOfRead<K>>] extends [never] ? false : true;

/**
 * The options of a read: the path's parameters (required when its template has any) and the query, whose names
 * are the operation's query schema's (the server parses the values and names a bad one).
 */
export type ReadOptions<K extends ReadKey> = {
  query?: QueryInputOf<OperationOf<K>> extends undefined
    ? never
    : { [F in keyof QueryInputOf<OperationOf<K>>]?: QueryValue };
  signal?: AbortSignal;
} & (HasParams<K> extends true ? { params: PathParams<PathOfRead<K>> } : { params?: never });

/** `'/servers/{id}'` with `{ id: 'a/b' }` → `'/servers/a%2Fb'`. */
function fillPath(template: string, params: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const v = params[name];
    if (v === undefined)
      throw new ApiError(`${template}: path parameter ${name} is missing`, 0, 'invalid', [
        { path: name, message: 'is missing' },
      ]);
    return encodeURIComponent(v);
  });
}

/**
 * A read of the contract: `get('GET /servers/{id}', { params: { id } })` answers what the operation's success schema
 * describes, `{ server: Server }`. Trusted, not parsed again here: every route handler's answer is typechecked
 * against that same schema (server/http/pipeline.ts), and parsing each poll of a 100-row page in the browser would
 * cost time and strip any field a newer server adds.
 */
export async function get<K extends ReadKey>(
  key: K,
  ...[options]: HasParams<K> extends true ? [ReadOptions<K>] : [ReadOptions<K>?]
): Promise<SuccessOf<OperationOf<K>>> {
  const path = fillPath(key.slice('GET '.length), options?.params ?? {}) + toQuery(options?.query ?? {});
  return (await call(path, { signal: options?.signal })) as SuccessOf<OperationOf<K>>;
}

/** A list query string from params, leaving out empty values. */
export function toQuery(params: Record<string, string | number | boolean | undefined | null>): string {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') sp.set(k, String(v));
  const s = sp.toString();
  return s ? `?${s}` : '';
}

/** The message every failure shows: the API's own sentence. */
export const errorMessage = (e: unknown) => (e instanceof Error ? e.message : String(e));
