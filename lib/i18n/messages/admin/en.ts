import type { AdminKey } from './zh-CN';

export const adminEn: Record<AdminKey, string> = {
  'admin.allProjects': 'All projects',
  'admin.project': 'Project',
  'admin.hosts': 'Hosts',
  'admin.disk': 'Disk',
  'admin.serverCount': 'Servers',
  'admin.allServers': 'Servers of all projects',
  'admin.allVolumes': 'Volumes of all projects',
  'admin.allProjectsLists': 'Resources of every project',
  'admin.audit': 'Audit log',
  'admin.auditFilters': 'Audit filters',
  'admin.actionPlaceholder': 'Action, e.g. server.create',
  'admin.since': 'From',
  'admin.until': 'Until',
  'admin.message': 'Message',
  'admin.exportCsv': 'Export CSV',
};
