import type { SupportKey } from './zh-CN';

export const supportEn: Record<SupportKey, string> = {
  'support.notOffered': 'This cloud does not offer this feature',
  'support.unavailable': 'Not available on this cloud: {reason}',
  'support.noReason': 'the backend gives no reason',
  'support.notice': 'This feature is not available on this cloud',
};
