import type { OverviewKey } from './zh-CN';

export const overviewEn: Record<OverviewKey, string> = {
  'overview.title': 'Overview',
  'overview.datacenters': 'Datacenters',
  'overview.quota': 'Project quota usage',
  'overview.resources': 'Resources by status',
  'overview.activity': 'Recent activity',
  'overview.capacity': 'Datacenter physical capacity',
  'overview.hostUsage': 'Host usage',
  'overview.noActivity': 'No activity yet',

  'quota.instances': 'Servers',
  'quota.vcpus': 'vCPUs',
  'quota.ram': 'RAM',
  'quota.volumes': 'Volumes',
  'quota.volumeGb': 'Volume storage',
  'quota.floatingIps': 'Floating IPs',
  'quota.publicIps': 'Public IPs',
  'quota.usage': '{name}: {used} of {total} used',
  'overview.projectUsage': "This project's usage (last 24 h)",
  'overview.projectUsageSummary': 'Now {vcpus} vCPU and {memory} MiB of RAM; peak {peak} vCPU in 24 h.',
  'overview.projectUsageMore': 'Longer ranges',
};
