import type { CapabilitiesKey } from './zh-CN';

export const capabilitiesEn: Record<CapabilitiesKey, string> = {
  'nav.capabilities': 'Capabilities',
  'caps.title': 'Interface support',
  'caps.backend': 'Backend',
  'caps.summary': '{supported} of {total} operations supported',
  'caps.operation': 'Operation',
  'caps.path': 'Method and path',
  'caps.table': 'Table',
  'caps.supported': 'Supported',
  'caps.unsupported': 'Not supported',
  'caps.reason': 'Reason / limits',
  'caps.filter.all': 'All',
  'caps.filter.unsupported': 'Unsupported only',
  'caps.group.basic': 'Basic',
  'caps.group.compute': 'Compute',
  'caps.group.network': 'Network',
  'caps.group.storage': 'Storage',
  'caps.group.admin': 'Administration',
};
