import 'server-only';
import type { QuotaLimits } from '@/lib/contract/auth';
import { CloudError, notFound } from '../errors';
import { principalFor } from '../public-cloud/credentials';
import type { CloudProvider, ProviderContext } from '../types';
import { listParam, type ShDeps } from './context';
import { shanheCall } from './http';
import { shanheUnsupported } from './unsupported';

/**
 * Sign-in on Shanhe: username = access_key_id, password = secret_access_key, proven by a signed DescribeZones.
 * A key belongs to one account, so the console's project is that account: its id is `shanhe-<access key id>`.
 */
export function shIdentity(d: ShDeps): CloudProvider['identity'] {
  const projectOf = (accessKey: string) => ({
    id: `shanhe-${accessKey}`,
    name: `Shanhe ${d.s.zone}`,
    description: `the Shanhe account of access key ${accessKey}`,
  });
  return {
    async authenticate(credentials) {
      const key = { accessKey: credentials.username, secretKey: credentials.password };
      const project = projectOf(key.accessKey);
      if (credentials.project_id && credentials.project_id !== project.id)
        throw new CloudError('unauthorized', 'the access key or the project was refused');
      try {
        await shanheCall(d.s, key, 'DescribeZones');
      } catch (e) {
        if (e instanceof CloudError && (e.kind === 'unauthorized' || e.kind === 'forbidden'))
          throw new CloudError('unauthorized', 'the access key or its secret was refused', undefined, e);
        throw e;
      }
      return principalFor(key, project, d.s.adminKeys);
    },
    async revoke() {},
    listUserProjects: async (ctx) => [projectOf(ctx.principal.userId)],
    async rescope(ctx: ProviderContext, projectId) {
      if (projectId !== projectOf(ctx.principal.userId).id) throw notFound('project', projectId);
      return ctx.principal;
    },
    listProjects: async () => shanheUnsupported.refuse('GET /projects'),
    createProject: async () => shanheUnsupported.refuse('POST /projects'),
    deleteProject: async () => shanheUnsupported.refuse('DELETE /projects/{id}'),
    setQuotas: async () => shanheUnsupported.refuse('PUT /projects/{id}/quotas'),
    updateProject: async () => shanheUnsupported.refuse('PATCH /projects/{id}'),
    setProjectEnabled: async (_ctx, _id, enabled) =>
      shanheUnsupported.refuse(enabled ? 'POST /projects/{id}/enable' : 'POST /projects/{id}/disable'),
    getDefaultQuotas: async () => shanheUnsupported.refuse('GET /quotas/defaults'),
    setDefaultQuotas: async () => shanheUnsupported.refuse('PUT /quotas/defaults'),
    async getQuotas(ctx, projectId): Promise<QuotaLimits> {
      if (projectId !== projectOf(ctx.principal.userId).id) throw notFound('project', projectId);
      // Limits are what is used plus what is left; this view counts only the left part, as GetQuotaLeft gives it.
      const r = await d.call<{ quota_left_set: { resource_type: string; left: number }[] }>(
        ctx,
        'GetQuotaLeft',
        listParam('resource_types', ['instance', 'cpu', 'memory', 'volume', 'volume_size', 'eip', 'security_group']),
      );
      const left = Object.fromEntries(r.quota_left_set.map((q) => [q.resource_type, q.left]));
      return {
        instances: left.instance ?? 0,
        vcpus: left.cpu ?? 0,
        ram_mb: left.memory ?? 0,
        volumes: left.volume ?? 0,
        volume_gb: left.volume_size ?? 0,
        floating_ips: left.eip ?? 0,
        public_ips: left.eip ?? 0,
        security_groups: left.security_group ?? 0,
      };
    },
    createUser: async () => shanheUnsupported.refuse('POST /users'),
    listUsers: async () => shanheUnsupported.refuse('GET /users'),
    getUser: async () => shanheUnsupported.refuse('GET /users/{id}'),
    renameUser: async () => shanheUnsupported.refuse('PATCH /users/{id}'),
    changeOwnPassword: async () => shanheUnsupported.refuse('POST /auth/password'),
    setPassword: async () => shanheUnsupported.refuse('PUT /users/{id}/password'),
    setEnabled: async (_ctx, _id, enabled) =>
      shanheUnsupported.refuse(enabled ? 'POST /users/{id}/enable' : 'POST /users/{id}/disable'),
    deleteUser: async () => shanheUnsupported.refuse('DELETE /users/{id}'),
    setMembership: async () => shanheUnsupported.refuse('PUT /users/{id}/projects/{project_id}'),
    removeMembership: async () => shanheUnsupported.refuse('DELETE /users/{id}/projects/{project_id}'),
  };
}
