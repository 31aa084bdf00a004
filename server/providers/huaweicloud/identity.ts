import 'server-only';
import type { QuotaLimits } from '@/lib/contract/auth';
import { CloudError, notFound } from '../errors';
import { principalFor } from '../public-cloud/credentials';
import type { CloudProvider, ProviderContext } from '../types';
import type { HwDeps } from './context';
import { hwFetch } from './http';
import { huaweiUnsupported } from './unsupported';

/**
 * Sign-in on Huawei Cloud: username = AK, password = SK (B.1.1 names them 用户名/AK and 密码/SK). The key is
 * proven by one cheap signed call (the ECS availability zones of the configured project); a refused signature
 * or unknown key is `unauthorized`, the same answer for both. The console's project is HUAWEICLOUD_PROJECT_ID.
 */
export function hwIdentity(d: HwDeps): CloudProvider['identity'] {
  const project = () => ({ id: d.s.projectId, name: d.s.region, description: `Huawei Cloud project of ${d.s.region}` });
  return {
    async authenticate(credentials) {
      if (credentials.project_id && credentials.project_id !== d.s.projectId)
        throw new CloudError('unauthorized', 'the access key or the project was refused');
      const key = { accessKey: credentials.username, secretKey: credentials.password };
      try {
        await hwFetch(d.s, key, 'ecs', 'GET', '/v2.1/{project_id}/os-availability-zone');
      } catch (e) {
        if (e instanceof CloudError && (e.kind === 'unauthorized' || e.kind === 'forbidden'))
          throw new CloudError('unauthorized', 'the access key or its secret was refused', undefined, e);
        throw e;
      }
      return principalFor(key, project(), d.s.adminKeys);
    },
    // An AK/SK has nothing to revoke at the cloud: dropping the console token drops the sealed SK with it.
    async revoke() {},
    listUserProjects: async () => [project()],
    async rescope(ctx: ProviderContext, projectId) {
      if (projectId !== d.s.projectId) throw notFound('project', projectId);
      return ctx.principal;
    },
    listProjects: async () => huaweiUnsupported.refuse('GET /projects'),
    createProject: async () => huaweiUnsupported.refuse('POST /projects'),
    deleteProject: async () => huaweiUnsupported.refuse('DELETE /projects/{id}'),
    setQuotas: async () => huaweiUnsupported.refuse('PUT /projects/{id}/quotas'),
    updateProject: async () => huaweiUnsupported.refuse('PATCH /projects/{id}'),
    setProjectEnabled: async (_ctx, _id, enabled) =>
      huaweiUnsupported.refuse(enabled ? 'POST /projects/{id}/enable' : 'POST /projects/{id}/disable'),
    getDefaultQuotas: async () => huaweiUnsupported.refuse('GET /quotas/defaults'),
    setDefaultQuotas: async () => huaweiUnsupported.refuse('PUT /quotas/defaults'),
    async getQuotas(ctx, projectId): Promise<QuotaLimits> {
      if (projectId !== d.s.projectId) throw notFound('project', projectId);
      const { absolute: a } = await d.call<{ absolute: Record<string, number> }>(
        ctx,
        'ecs',
        'GET',
        '/v1/{project_id}/cloudservers/limits',
      );
      const { quota_set: q } = await d.call<{ quota_set: Record<string, { limit: number }> }>(
        ctx,
        'evs',
        'GET',
        '/v2/{project_id}/os-quota-sets/{project_id}',
        { query: { usage: 'True' } },
      );
      const n = (v: number | undefined) => (v === undefined || v < 0 ? 2_147_483_647 : v);
      return {
        instances: n(a.maxTotalInstances),
        vcpus: n(a.maxTotalCores),
        ram_mb: n(a.maxTotalRAMSize),
        volumes: n(q.volumes?.limit),
        volume_gb: n(q.gigabytes?.limit),
        floating_ips: n(a.maxTotalFloatingIps),
        public_ips: n(a.maxTotalFloatingIps),
        security_groups: n(a.maxSecurityGroups),
      };
    },
    createUser: async () => huaweiUnsupported.refuse('POST /users'),
    listUsers: async () => huaweiUnsupported.refuse('GET /users'),
    getUser: async () => huaweiUnsupported.refuse('GET /users/{id}'),
    renameUser: async () => huaweiUnsupported.refuse('PATCH /users/{id}'),
    changeOwnPassword: async () => huaweiUnsupported.refuse('POST /auth/password'),
    setPassword: async () => huaweiUnsupported.refuse('PUT /users/{id}/password'),
    setEnabled: async (_ctx, _id, enabled) =>
      huaweiUnsupported.refuse(enabled ? 'POST /users/{id}/enable' : 'POST /users/{id}/disable'),
    deleteUser: async () => huaweiUnsupported.refuse('DELETE /users/{id}'),
    setMembership: async () => huaweiUnsupported.refuse('PUT /users/{id}/projects/{project_id}'),
    removeMembership: async () => huaweiUnsupported.refuse('DELETE /users/{id}/projects/{project_id}'),
  };
}
