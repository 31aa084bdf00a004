import type { KeyPairsKey } from './zh-CN';

export const keyPairsEn: Record<KeyPairsKey, string> = {
  'kp.title': 'Key pairs',
  'kp.create': 'Create key pair',
  'kp.search': 'Search key pair names',
  'kp.none': 'No key pairs',
  'kp.fingerprint': 'Fingerprint',
  'kp.hint': 'Key pairs belong to you, the signed-in user, and can be used in every project.',
  'kp.mode': 'How',
  'kp.generate': 'Generate a new key pair',
  'kp.import': 'Import a public key',
  'kp.publicKey': 'Public key',
  'kp.publicKeyHint': 'Paste an OpenSSH public key, e.g. the contents of ~/.ssh/id_ed25519.pub',
  'kp.privateKey': 'Private key',
  'kp.created': 'Key pair {name} created',
  'kp.onceWarning':
    'The private key is shown this once and the console does not keep it. Download it now and keep it safe: once this dialog is closed it cannot be shown or downloaded again.',
  'kp.download': 'Download {file}',
  'kp.delete': 'Delete key pair',
  'kp.deleteConfirm': 'Delete key pair {name}? Servers already made with it keep their key.',
  'kp.deleteNamed': 'Delete key pair {name}',
  'kp.select': 'Key pair',
  'kp.selectNone': 'No key pair',
  'kp.selectHint': 'Its public key is put on the server; log in over SSH with the matching private key',
  'kp.manage': 'Manage key pairs',
};
