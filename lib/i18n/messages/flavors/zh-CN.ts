/** Messages of the flavors page. */
export const flavorsZhCN = {
  'flavors.title': '云主机规格',
  'flavors.create': '创建规格',
  'flavors.vcpus': 'vCPU',
  'flavors.ram': '内存 (MiB)',
  'flavors.disk': '磁盘 (GB)',
  'flavors.public': '公共',
  'flavors.deleteConfirm': '确定删除规格 {name}？',
} as const;

export type FlavorsKey = keyof typeof flavorsZhCN;
