/** Messages of the field errors the resource dialogs and forms share. */
export const formsZhCN = {
  'form.err.required': '必填',
  'form.err.whole': '必须是整数',
  'form.err.min1': '至少为 1',
  'form.err.max': '不能超过 16384',
  'form.err.quota': '超出剩余配额',
  'form.err.quotaCount': '云硬盘数量配额已用完',
  'form.err.imageMin': '小于镜像要求的最小磁盘',
  'form.err.snapshotMin': '小于快照的容量',
  'form.err.notLarger': '新容量必须大于当前容量',
  'form.err.device': '设备名形如 /dev/vdb',
  'form.err.not_ip': '不是有效的 IP 地址',
  'form.err.minLength': '至少 {min} 个字符',
  'form.err.maxLength': '最多 {max} 个字符',
  'form.err.maxItems': '最多 {max} 项',
  'form.err.atLeast': '不能小于 {min}',
  'form.err.atMost': '不能大于 {max}',
  'form.err.number': '必须是数字',
  'form.err.invalid': '格式无效',
} as const;

export type FormsKey = keyof typeof formsZhCN;
