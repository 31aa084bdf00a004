/** Messages of the greyed-out controls and pages (what the configured cloud cannot do). */
export const supportZhCN = {
  'support.notOffered': '当前云平台不提供此功能',
  'support.unavailable': '当前云不支持：{reason}',
  'support.noReason': '后端未说明原因',
  'support.notice': '此功能在当前云上不可用',
} as const;

export type SupportKey = keyof typeof supportZhCN;
