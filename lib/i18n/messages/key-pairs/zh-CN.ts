/** Messages of SSH key pairs: the list, the create dialog and the private key shown once. */
export const keyPairsZhCN = {
  'kp.title': '密钥对',
  'kp.create': '创建密钥对',
  'kp.search': '搜索密钥对名称',
  'kp.none': '还没有密钥对',
  'kp.fingerprint': '指纹',
  'kp.hint': '密钥对属于当前用户，在所有项目中都可使用。',
  'kp.mode': '方式',
  'kp.generate': '生成新密钥对',
  'kp.import': '导入公钥',
  'kp.publicKey': '公钥',
  'kp.publicKeyHint': '粘贴 OpenSSH 公钥，例如 ~/.ssh/id_ed25519.pub 的内容',
  'kp.privateKey': '私钥',
  'kp.created': '密钥对 {name} 已创建',
  'kp.onceWarning': '私钥只显示这一次，控制台不会保存它。请立即下载并妥善保管：关闭后无法再次查看或下载。',
  'kp.download': '下载 {file}',
  'kp.delete': '删除密钥对',
  'kp.deleteConfirm': '删除密钥对 {name}？已用它创建的云主机不受影响。',
  'kp.deleteNamed': '删除密钥对 {name}',
  'kp.select': '密钥对',
  'kp.selectNone': '不使用密钥对',
  'kp.selectHint': '其公钥将注入云主机，用对应私钥通过 SSH 登录',
  'kp.manage': '管理密钥对',
} as const;

export type KeyPairsKey = keyof typeof keyPairsZhCN;
