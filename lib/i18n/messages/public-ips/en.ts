import type { PublicIpsKey } from './zh-CN';

export const publicIpsEn: Record<PublicIpsKey, string> = {
  'pip.title': 'Public IPs',
  'pip.create': 'Allocate public IP',
  'pip.address': 'Public IP',
  'pip.boundTo': 'Bound to',
  'pip.bind': 'Bind',
  'pip.bindTitle': 'Bind public IP {ip}',
  'pip.bindTo': 'Bind to',
  'pip.toServer': 'A server',
  'pip.toPrivateIp': 'A private IP',
  'pip.privateIp': 'Private IP',
  'pip.privateIpHint': 'Binds to the port holding this address',
  'pip.unbind': 'Unbind',
  'pip.unbindConfirm': 'Unbind public IP {ip}?',
  'pip.delete': 'Delete public IP',
  'pip.deleteConfirm': 'Delete public IP {ip}?',
  'pip.none': 'No public IPs yet',
  'pip.noneHint': 'Allocate a public IP, then bind it to a server.',
};
