import { ErrorBody, type ErrorKind } from '@/lib/contract/common';
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

/** Fetches `/api/v1<path>`; a 401 pauses the call until the user signs in again, then retries it. */
export async function api<T>(path: string, init: ApiInit = {}): Promise<T> {
  const { json, contentType, isAuthCall, ...rest } = init;
  const headers = new Headers(rest.headers);
  if (json !== undefined) headers.set('Content-Type', contentType ?? 'application/json');
  for (;;) {
    let res: Response;
    try {
      res = await fetch(apiBase + path, { ...rest, headers, body: json === undefined ? undefined : JSON.stringify(json), credentials: 'same-origin' });
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
      return (text ? JSON.parse(text) : undefined) as T;
    }
    return (await res.json()) as T;
  }
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
