import 'server-only';
import type { ErrorKind } from '@/lib/contract/common';

/**
 * The one error type every layer throws. `message` is safe to show a caller and names the field or resource;
 * `cause` (a backend's raw answer) is logged, never sent.
 */
export class CloudError extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string,
    readonly details?: { path: string; message: string }[],
    readonly cause?: unknown,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'CloudError';
  }
}

export const notFound = (resource: string, id: string) =>
  new CloudError('not_found', `${resource} ${id} was not found`);
export const conflict = (message: string) => new CloudError('conflict', message);
export const invalid = (path: string, message: string) =>
  new CloudError('invalid', `${path} ${message}`, [{ path, message }]);
export const forbidden = (message: string) => new CloudError('forbidden', message);
export const notSupported = (message: string) => new CloudError('not_supported', message);
export const quotaExceeded = (message: string) => new CloudError('quota_exceeded', message);

/**
 * Recognises a CloudError by shape as well as by class: in development the bundler may load this module in
 * more than one chunk, and `instanceof` then fails across them.
 */
export const isCloudError = (e: unknown): e is CloudError =>
  e instanceof CloudError ||
  (e instanceof Error && e.name === 'CloudError' && typeof (e as { kind?: unknown }).kind === 'string');
