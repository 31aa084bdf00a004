import 'server-only';
import type { Project, QuotaLimits, Role, TokenCreateInput, User } from '@/lib/contract/auth';
import type { Queryable } from '../../db/client';
import { decoyHash, hashPassword, verifyPassword } from '../../auth/password';
import { CloudError, conflict, notFound } from '../errors';
import type { CloudProvider, Principal } from '../types';
import { newId } from './state';
import { createTenantProject } from './tenant';
import type { SimDeps } from './deps';

export const defaultQuotas: QuotaLimits = {
  instances: 10,
  vcpus: 20,
  ram_mb: 51200,
  volumes: 10,
  volume_gb: 1000,
  floating_ips: 10,
  public_ips: 5,
  security_groups: 10,
};

type ProjectRow = { id: string; name: string; description: string; quotas: Partial<QuotaLimits> };

export async function projectQuotas(q: Queryable, projectId: string, lock = false): Promise<QuotaLimits> {
  const rows = await q.query<ProjectRow>(`SELECT * FROM sim_projects WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [projectId]);
  if (!rows[0]) throw notFound('project', projectId);
  return { ...defaultQuotas, ...rows[0].quotas };
}

const unauthorized = () => new CloudError('unauthorized', 'The username or password is wrong, or the user may not use that project');

export function simIdentity({ db }: SimDeps): CloudProvider['identity'] {
  async function userProjects(userId: string): Promise<Project[]> {
    const d = await db();
    return d.query<Project>(
      `SELECT p.id, p.name, p.description, m.role FROM sim_memberships m JOIN sim_projects p ON p.id = m.project_id
       WHERE m.user_id = $1 ORDER BY p.name`,
      [userId],
    );
  }
  return {
    async authenticate(c: TokenCreateInput): Promise<Principal> {
      const d = await db();
      const users = await d.query<{ id: string; name: string; password_hash: string; default_project_id: string | null }>(
        'SELECT * FROM sim_users WHERE name = $1',
        [c.username],
      );
      const user = users[0];
      const ok = await verifyPassword(c.password, user?.password_hash ?? decoyHash);
      if (!user || !ok) throw unauthorized();
      const memberships = await d.query<{ project_id: string; role: Role; name: string }>(
        'SELECT m.project_id, m.role, p.name FROM sim_memberships m JOIN sim_projects p ON p.id = m.project_id WHERE m.user_id = $1 ORDER BY p.name',
        [user.id],
      );
      const wanted =
        c.project_id !== undefined
          ? memberships.find((m) => m.project_id === c.project_id)
          : c.project_name !== undefined
            ? memberships.find((m) => m.name === c.project_name)
            : (memberships.find((m) => m.project_id === user.default_project_id) ?? memberships[0]);
      if (!wanted) throw unauthorized();
      return { userId: user.id, userName: user.name, projectId: wanted.project_id, projectName: wanted.name, roles: [wanted.role] };
    },
    async revoke() {
      // The simulator keeps no backend session: the console's own token is the only one.
    },
    async listUserProjects(ctx) {
      return userProjects(ctx.principal.userId);
    },
    async rescope(ctx, projectId) {
      const projects = await userProjects(ctx.principal.userId);
      const target = projects.find((p) => p.id === projectId);
      if (!target) throw new CloudError('not_found', `project ${projectId} was not found among your projects`);
      return { ...ctx.principal, projectId: target.id, projectName: target.name, roles: [target.role ?? 'member'] };
    },
    async listProjects() {
      const d = await db();
      return d.query<Project>('SELECT id, name, description FROM sim_projects ORDER BY name');
    },
    async createProject(_ctx, input) {
      const d = await db();
      return d.tx(async (q) => {
        const taken = await q.query('SELECT 1 FROM sim_projects WHERE name = $1', [input.name]);
        if (taken[0]) throw conflict(`a project named "${input.name}" already exists`);
        // A new tenant starts like one on a real cloud: its own network, subnet and default security group.
        const id = await createTenantProject(q, input.name, input.description, 0, { ...defaultQuotas, ...input.quotas });
        return { id, name: input.name, description: input.description };
      });
    },
    async getQuotas(_ctx, projectId) {
      return projectQuotas(await db(), projectId);
    },
    async setQuotas(_ctx, projectId, quotas) {
      const d = await db();
      return d.tx(async (q) => {
        const current = await projectQuotas(q, projectId, true);
        const next = { ...current, ...quotas };
        await q.query('UPDATE sim_projects SET quotas = $2 WHERE id = $1', [projectId, JSON.stringify(next)]);
        return next;
      });
    },
    async createUser(_ctx, input): Promise<User> {
      const d = await db();
      const hash = await hashPassword(input.password);
      return d.tx(async (q) => {
        const project = (await q.query<Project>('SELECT id, name, description FROM sim_projects WHERE id = $1', [input.project_id]))[0];
        if (!project) throw notFound('project', input.project_id);
        const id = newId();
        const inserted = await q.query('INSERT INTO sim_users (id, name, password_hash, default_project_id) VALUES ($1, $2, $3, $4) ON CONFLICT (name) DO NOTHING RETURNING id', [
          id,
          input.name,
          hash,
          input.project_id,
        ]);
        if (!inserted[0]) throw conflict(`a user named "${input.name}" already exists`);
        await q.query('INSERT INTO sim_memberships (user_id, project_id, role) VALUES ($1, $2, $3)', [id, input.project_id, input.role]);
        return { id, name: input.name, projects: [{ ...project, role: input.role }] };
      });
    },
  };
}
