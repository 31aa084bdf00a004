/** Messages of floating IPs. */
export const floatingIpsZhCN = {
  'fip.title': '浮动IP',
  'fip.allocate': '申请浮动IP',
  'fip.address': '浮动IP地址',
  'fip.addressOptional': '指定地址（可选）',
  'fip.fixedIp': '内网IP',
  'fip.server': '云主机',
  'fip.externalNetwork': '外部网络',
  'fip.associate': '绑定',
  'fip.associateTitle': '绑定浮动IP {ip}',
  'fip.disassociate': '解绑',
  'fip.disassociateConfirm': '解绑浮动IP {ip}？',
  'fip.release': '释放',
  'fip.releaseConfirm': '释放浮动IP {ip}？地址将归还地址池。',
  'fip.serverPort': '云主机端口',
  'fip.serverPortHint': '每个内网地址对应云主机的一个端口',
  'fip.pickPort': '请选择云主机及内网IP',
  'fip.hasFloating': '已绑定 {ip}',
  'fip.none': '还没有浮动IP',
  'fip.noneHint': '从外部网络申请一个浮动IP。',
} as const;

export type FloatingIpsKey = keyof typeof floatingIpsZhCN;
