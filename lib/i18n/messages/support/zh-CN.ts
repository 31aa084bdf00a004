/** Messages of the greyed-out controls (what the configured cloud cannot do), merged into the main dictionaries. */
export const supportZhCN = {
  'support.unavailable': '当前云不支持：{reason}',
  'support.noReason': '后端未说明原因',
  'support.notice': '此功能在当前云上不可用',
  'images.download': '下载镜像文件',
} as const;

export type SupportKey = keyof typeof supportZhCN;
