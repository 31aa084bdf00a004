import type { SecurityGroupRuleCreateInput } from '@/lib/contract/security-group';

type RuleFields = Pick<SecurityGroupRuleCreateInput, 'protocol'> & {
  port_range_min: number | null;
  port_range_max: number | null;
};

/** The add-rule form's presets: the common services, filled in with one click. */
export const rulePresets: Array<{ id: string; label: string; fields: RuleFields }> = [
  { id: 'ssh', label: 'SSH (22)', fields: { protocol: 'tcp', port_range_min: 22, port_range_max: 22 } },
  { id: 'http', label: 'HTTP (80)', fields: { protocol: 'tcp', port_range_min: 80, port_range_max: 80 } },
  { id: 'https', label: 'HTTPS (443)', fields: { protocol: 'tcp', port_range_min: 443, port_range_max: 443 } },
  { id: 'rdp', label: 'RDP (3389)', fields: { protocol: 'tcp', port_range_min: 3389, port_range_max: 3389 } },
  { id: 'icmp', label: 'ICMP', fields: { protocol: 'icmp', port_range_min: null, port_range_max: null } },
  { id: 'all', label: 'all', fields: { protocol: null, port_range_min: null, port_range_max: null } },
];
