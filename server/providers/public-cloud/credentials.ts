import 'server-only';
import { open, seal } from '../../auth/secret-box';
import { CloudError } from '../errors';
import type { Principal, ProviderContext } from '../types';

/**
 * AK/SK clouds have no console users of their own: a console user IS an access key. Sign-in takes username = AK
 * and password = SK, proves them with a cheap signed call, and keeps the SK sealed (secret-box) in the principal's
 * backendToken, so every later call is signed with the caller's own key and the cloud enforces its own policy.
 */
export interface AccessKey {
  accessKey: string;
  secretKey: string;
}

export function principalFor(key: AccessKey, project: { id: string; name: string }, adminKeys: string): Principal {
  const admins = new Set(
    adminKeys
      .split(',')
      .map((k) => k.trim())
      .filter(Boolean),
  );
  return {
    userId: key.accessKey,
    userName: key.accessKey,
    projectId: project.id,
    projectName: project.name,
    roles: admins.has(key.accessKey) ? ['admin'] : ['member'],
    backendToken: seal(key.secretKey),
  };
}

/** The caller's key, unsealed for signing; a principal without one (or sealed with another key) must sign in again. */
export function keyOf(ctx: ProviderContext): AccessKey {
  const sealed = ctx.principal.backendToken;
  const secretKey = sealed ? open(sealed) : null;
  if (!secretKey)
    throw new CloudError('unauthorized', 'the session holds no usable access key; sign in again with your AK/SK');
  return { accessKey: ctx.principal.userId, secretKey };
}
