/** Messages of the admin conformance page (/admin/capabilities). */
export const capabilitiesZhCN = {
  'nav.capabilities': '接口支持情况',
  'caps.title': '接口支持情况',
  'caps.backend': '当前后端',
  'caps.summary': '支持 {supported} / {total} 个接口',
  'caps.operation': '接口',
  'caps.path': '方法与路径',
  'caps.table': '标准表号',
  'caps.supported': '支持',
  'caps.unsupported': '不支持',
  'caps.reason': '原因 / 限制',
  'caps.filter.all': '全部',
  'caps.filter.unsupported': '仅看不支持',
  'caps.group.basic': '基础类',
  'caps.group.compute': '计算类',
  'caps.group.network': '网络类',
  'caps.group.storage': '存储类',
  'caps.group.admin': '管理类',
} as const;

export type CapabilitiesKey = keyof typeof capabilitiesZhCN;
