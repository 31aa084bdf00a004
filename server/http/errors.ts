import 'server-only';
import { ZodError } from 'zod';
import type { ErrorKind } from '@/lib/contract/common';
import { isCloudError } from '../providers/errors';

const statusOf: Record<ErrorKind, number> = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  // API.md decision: a quota overrun conflicts with current usage, so 409 (not 403) with the quota named.
  quota_exceeded: 409,
  not_supported: 501,
  unavailable: 503,
  rate_limited: 429,
  payload_too_large: 413,
  unsupported_media_type: 415,
  method_not_allowed: 405,
  not_acceptable: 406,
  internal: 500,
};

const titles: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  503: 'Service Unavailable',
};

export interface ErrorReply {
  status: number;
  body: {
    error: {
      code: number;
      type: ErrorKind;
      title: string;
      message: string;
      request_id: string;
      details?: { path: string; message: string }[];
    };
  };
  headers: Record<string, string>;
  /** What to log: the original error, never sent. */
  cause?: unknown;
}

export function zodDetails(e: ZodError, prefix = ''): { path: string; message: string }[] {
  return e.issues.map((i) => ({
    path: [prefix, ...i.path.map(String)].filter(Boolean).join('.') || prefix || 'body',
    message: i.message,
  }));
}

/** Every failure becomes the contract's error body; anything unexpected becomes a 500 that says nothing inside. */
export function toErrorReply(e: unknown, requestId: string, where = 'body'): ErrorReply {
  let kind: ErrorKind = 'internal';
  let message = 'An internal error occurred; quote the request id when reporting it';
  let details: { path: string; message: string }[] | undefined;
  const headers: Record<string, string> = {};
  if (e instanceof ZodError || (e instanceof Error && e.name === 'ZodError' && Array.isArray((e as ZodError).issues))) {
    kind = 'invalid';
    details = zodDetails(e as ZodError, where === 'body' ? '' : where);
    message = details.map((d) => `${d.path}: ${d.message}`).join('; ');
  } else if (isCloudError(e)) {
    kind = e.kind;
    message = e.message;
    details = e.details;
    if (e.retryAfterSeconds !== undefined) headers['Retry-After'] = String(e.retryAfterSeconds);
  }
  const status = statusOf[kind];
  return {
    status,
    body: {
      error: {
        code: status,
        type: kind,
        title: titles[status] ?? 'Error',
        message,
        request_id: requestId,
        ...(details ? { details } : {}),
      },
    },
    headers,
    cause: kind === 'internal' ? e : undefined,
  };
}
