/** Messages of the overview page and its quota gauges. */
export const overviewZhCN = {
  'overview.title': '概览',
  'overview.datacenters': '数据中心',
  'overview.quota': '项目配额使用',
  'overview.resources': '资源状态',
  'overview.activity': '最近活动',
  'overview.capacity': '数据中心物理容量',
  'overview.hostUsage': '物理主机使用率',
  'overview.noActivity': '暂无活动',

  'quota.instances': '云主机',
  'quota.vcpus': 'vCPU',
  'quota.ram': '内存',
  'quota.volumes': '云硬盘',
  'quota.volumeGb': '硬盘容量',
  'quota.floatingIps': '浮动IP',
  'quota.publicIps': '公网IP',
  'quota.usage': '{name}：已用 {used} / 共 {total}',
  'overview.projectUsage': '本项目用量（最近 24 小时）',
  'overview.projectUsageSummary': '当前 {vcpus} vCPU、{memory} MiB 内存；24 小时内峰值 {peak} vCPU。',
  'overview.projectUsageMore': '查看更长时间',
} as const;

export type OverviewKey = keyof typeof overviewZhCN;
