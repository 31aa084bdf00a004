import type { FlavorsKey } from './zh-CN';

export const flavorsEn: Record<FlavorsKey, string> = {
  'flavors.title': 'Flavors',
  'flavors.create': 'Create flavor',
  'flavors.vcpus': 'vCPUs',
  'flavors.ram': 'RAM (MiB)',
  'flavors.disk': 'Disk (GB)',
  'flavors.public': 'Public',
  'flavors.deleteConfirm': 'Delete flavor {name}?',
};
