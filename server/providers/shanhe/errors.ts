import 'server-only';
import type { ErrorKind } from '@/lib/contract/common';
import { CloudError } from '../errors';

/**
 * `ret_code` ≠ 0 → a CloudError kind. The seed says only that an error carries ret_code ≠ 0 and a message; the
 * codes are those of the QingCloud API family Shanhe follows (1100 bad request, 1200 authentication, 1300 expired
 * request, 1400 permission denied, which is also the answer to an action in the wrong state, 2100 not found,
 * 2400 insufficient balance, 2500 quota, 5000-5300 server side).
 */
function kindOf(code: number, message: string): ErrorKind {
  if (/rate limit|too many requests|频率|次数/i.test(message)) return 'rate_limited';
  switch (code) {
    case 1100:
      return 'invalid';
    case 1200:
    case 1300:
      return 'unauthorized';
    case 1400:
      return /status|state|in use|being used|状态|正在使用|already/i.test(message) ? 'conflict' : 'forbidden';
    case 2100:
      return 'not_found';
    case 2400:
    case 2500:
      return 'quota_exceeded';
    case 5000:
    case 5100:
    case 5200:
    case 5300:
      return 'unavailable';
    default:
      return code >= 5000 ? 'unavailable' : 'invalid';
  }
}

export function shanheError(action: string, body: { ret_code: number; message?: string }): CloudError {
  const message = body.message ?? `ret_code ${body.ret_code}`;
  const kind = kindOf(body.ret_code, message);
  const safe = kind === 'unauthorized' ? 'the access key or its signature was refused' : message;
  return new CloudError(kind, `Shanhe ${action}: ${safe} (ret_code ${body.ret_code})`, undefined, body);
}
