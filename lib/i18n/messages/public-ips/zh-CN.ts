/** Messages of public IPs. */
export const publicIpsZhCN = {
  'pip.title': '公网IP',
  'pip.create': '申请公网IP',
  'pip.address': '公网IP地址',
  'pip.boundTo': '绑定对象',
  'pip.bind': '绑定',
  'pip.bindTitle': '绑定公网IP {ip}',
  'pip.bindTo': '绑定到',
  'pip.toServer': '云主机',
  'pip.toPrivateIp': '内网IP',
  'pip.privateIp': '内网IP地址',
  'pip.privateIpHint': '绑定到持有该地址的端口',
  'pip.unbind': '解绑',
  'pip.unbindConfirm': '解绑公网IP {ip}？',
  'pip.delete': '删除公网IP',
  'pip.deleteConfirm': '删除公网IP {ip}？',
  'pip.none': '还没有公网IP',
  'pip.noneHint': '申请公网IP后可绑定到云主机。',
} as const;

export type PublicIpsKey = keyof typeof publicIpsZhCN;
