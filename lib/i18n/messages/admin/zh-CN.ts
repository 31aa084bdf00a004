/** Messages of the admin pages: hosts, all-projects lists, audit log. */
export const adminZhCN = {
  'admin.allProjects': '全部项目',
  'admin.project': '项目',
  'admin.hosts': '物理主机',
  'admin.disk': '磁盘',
  'admin.serverCount': '云主机数',
  'admin.allServers': '全部项目的云主机',
  'admin.allVolumes': '全部项目的云硬盘',
  'admin.allProjectsLists': '全部项目的资源',
  'admin.audit': '审计日志',
  'admin.auditFilters': '审计筛选',
  'admin.actionPlaceholder': '动作，如 server.create',
  'admin.since': '起始时间',
  'admin.until': '结束时间',
  'admin.message': '说明',
  'admin.exportCsv': '导出 CSV',
} as const;

export type AdminKey = keyof typeof adminZhCN;
