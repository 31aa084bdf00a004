/** Messages of usage over time (the admin usage page and the Projects page's link to it). */
export const usageZhCN = {
  'nav.usage': '使用历史',
  'usage.title': '资源使用历史',
  'usage.open': '使用历史',
  'usage.filters': '使用历史筛选',
  'usage.project': '项目',
  'usage.allProjects': '全部项目',
  'usage.datacenter': '数据中心',
  'usage.allDatacenters': '全部数据中心',
  'usage.range': '时间范围',
  'usage.range24h': '最近 24 小时',
  'usage.range7d': '最近 7 天',
  'usage.range30d': '最近 30 天',
  'usage.vcpus': 'vCPU',
  'usage.memory': '内存 (MiB)',
  'usage.disk': '系统盘 (GiB)',
  'usage.servers': '云主机数',
  'usage.at': '时间',
  'usage.showTable': '以表格显示',
  'usage.hideTable': '隐藏表格',
  'usage.downloadCsv': '下载 CSV',
  'usage.tableLabel': '使用历史数据表',
  'usage.stepHour': '小时',
  'usage.stepDay': '天',
  'usage.summary':
    '{count} 个数据点，自 {from} 至 {to}，每{step}一个；最高值：{vcpus} vCPU、{memory} MiB 内存、{disk} GiB 系统盘、{servers} 台云主机。',
  'usage.note': '每个数据点是该小时或该天内已分配资源的时间加权平均值；磁盘为规格的系统盘（不含云硬盘）。',
  'usage.empty': '此范围内没有数据',
} as const;

export type UsageKey = keyof typeof usageZhCN;
