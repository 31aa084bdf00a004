import type { FloatingIpsKey } from './zh-CN';

export const floatingIpsEn: Record<FloatingIpsKey, string> = {
  'fip.title': 'Floating IPs',
  'fip.allocate': 'Allocate floating IP',
  'fip.address': 'Floating IP',
  'fip.addressOptional': 'Address (optional)',
  'fip.fixedIp': 'Private IP',
  'fip.server': 'Server',
  'fip.externalNetwork': 'External network',
  'fip.associate': 'Associate',
  'fip.associateTitle': 'Associate floating IP {ip}',
  'fip.disassociate': 'Disassociate',
  'fip.disassociateConfirm': 'Disassociate floating IP {ip}?',
  'fip.release': 'Release',
  'fip.releaseConfirm': 'Release floating IP {ip}? The address returns to the pool.',
  'fip.serverPort': 'Server port',
  'fip.serverPortHint': 'Each private address is one port of a server',
  'fip.pickPort': 'Choose a server and private IP',
  'fip.hasFloating': 'has {ip}',
  'fip.none': 'No floating IPs yet',
  'fip.noneHint': 'Allocate one from an external network.',
};
