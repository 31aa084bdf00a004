import 'server-only';
import type { ErrorKind } from '@/lib/contract/common';
import { CloudError } from '../errors';

/** Every error body shape the Huawei services answer with (seeds 003/004): the code and message, wherever they sit. */
export function parseHuaweiError(body: unknown): { code: string | null; message: string | null } {
  if (!body || typeof body !== 'object')
    return { code: null, message: typeof body === 'string' && body ? body.slice(0, 300) : null };
  const b = body as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : null);
  // {"error_code","error_msg"} (APIG, IMS, EVS v2.1) and {"errCode","externalMessage"} (RDS-style)
  if ('error_code' in b || 'error_msg' in b)
    return { code: str(b.error_code), message: str(b.error_msg) ?? str(b.error_description) };
  if ('errCode' in b) return { code: str(b.errCode), message: str(b.externalMessage) };
  // {"code","message"} (VPC v1)
  if (typeof b.code === 'string' && 'message' in b) return { code: b.code, message: str(b.message) };
  // {"error":{"code","message"}} (ECS, AS), {"error":{"error_code","error_msg"}} (KMS), or a Nova/Cinder fault
  // {"badRequest"|"itemNotFound"|"conflictingRequest"|…:{"message","code"}}: one key wrapping the detail.
  const keys = Object.keys(b);
  if (keys.length === 1) {
    const inner = b[keys[0]!];
    if (inner && typeof inner === 'object') {
      const i = inner as Record<string, unknown>;
      return { code: str(i.code) ?? str(i.error_code), message: str(i.message) ?? str(i.error_msg) };
    }
  }
  return { code: null, message: null };
}

function kindOf(status: number, code: string | null, message: string): ErrorKind {
  if (status === 401) return 'unauthorized';
  if (status === 403) return /quota|insufficient/i.test(message) ? 'quota_exceeded' : 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 413 || status === 429) return 'rate_limited';
  if (status === 501) return 'not_supported';
  if (status === 400) {
    if (/quota/i.test(message) || /\.0?60[0-9]$/.test(code ?? '')) return 'quota_exceeded';
    if (/not exist|not found/i.test(message)) return 'not_found';
    if (/status|state|in use|conflict|already/i.test(message)) return 'conflict';
    return 'invalid';
  }
  return status >= 500 ? 'unavailable' : 'internal';
}

/**
 * A Huawei error answer → CloudError. The caller sees a safe sentence naming the service and the upstream code
 * (e.g. "Ecs.0114"); the raw body goes to the log as `cause`.
 */
export function huaweiError(service: string, status: number, body: unknown): CloudError {
  const { code, message } = parseHuaweiError(body);
  const text = message ?? `HTTP ${status}`;
  const kind = kindOf(status, code, text);
  const safe = kind === 'unauthorized' ? 'the access key or its signature was refused' : text;
  return new CloudError(kind, `Huawei Cloud ${service.toUpperCase()}: ${safe}${code ? ` (${code})` : ''}`, undefined, {
    status,
    body,
  });
}
