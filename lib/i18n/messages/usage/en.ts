import type { UsageKey } from './zh-CN';

export const usageEn: Record<UsageKey, string> = {
  'nav.usage': 'Usage history',
  'usage.title': 'Usage over time',
  'usage.open': 'Usage history',
  'usage.filters': 'Usage filters',
  'usage.project': 'Project',
  'usage.allProjects': 'All projects',
  'usage.datacenter': 'Datacenter',
  'usage.allDatacenters': 'All datacenters',
  'usage.range': 'Range',
  'usage.range24h': 'Last 24 hours',
  'usage.range7d': 'Last 7 days',
  'usage.range30d': 'Last 30 days',
  'usage.vcpus': 'vCPU',
  'usage.memory': 'RAM (MiB)',
  'usage.disk': 'Root disks (GiB)',
  'usage.servers': 'Servers',
  'usage.at': 'Time',
  'usage.showTable': 'Show as table',
  'usage.hideTable': 'Hide table',
  'usage.downloadCsv': 'Download CSV',
  'usage.tableLabel': 'Usage data',
  'usage.stepHour': 'hour',
  'usage.stepDay': 'day',
  'usage.summary':
    '{count} points from {from} to {to}, one per {step}; highest: {vcpus} vCPU, {memory} MiB RAM, {disk} GiB root disk, {servers} servers.',
  'usage.note':
    "Each point is the time-weighted average over its hour or day of what servers were allocated; disk is the flavors' root disks (volumes are not counted).",
  'usage.empty': 'No data in this range',
};
