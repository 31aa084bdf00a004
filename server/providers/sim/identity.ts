import 'server-only';
import type { Project, QuotaLimits, Role, TokenCreateInput, User } from '@/lib/contract/auth';
import type { Queryable } from '../../db/client';
import { decoyHash, hashPassword, needsRehash, verifyPassword } from '../../auth/password';
import { CloudError, conflict, invalid, notFound } from '../errors';
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

/** The cloud's default quotas for new projects: the stored ones over the built-in defaults. */
export async function simDefaultQuotas(q: Queryable): Promise<QuotaLimits> {
  const rows = await q.query<{ quotas: Partial<QuotaLimits> }>('SELECT quotas FROM sim_quota_defaults WHERE id = 1');
  return { ...defaultQuotas, ...rows[0]?.quotas };
}

type ProjectRow = { id: string; name: string; description: string; quotas: Partial<QuotaLimits> };

export async function projectQuotas(q: Queryable, projectId: string, lock = false): Promise<QuotaLimits> {
  const rows = await q.query<ProjectRow>(`SELECT * FROM sim_projects WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [
    projectId,
  ]);
  if (!rows[0]) throw notFound('project', projectId);
  return { ...defaultQuotas, ...rows[0].quotas };
}

const unauthorized = () =>
  new CloudError('unauthorized', 'The username or password is wrong, or the user may not use that project');

/** Sign-in or a switch to a disabled project: said only to a user whose password was right, or who is signed in. */
export const projectDisabled = (name: string, kind: 'unauthorized' | 'conflict' = 'unauthorized') =>
  new CloudError(kind, `project ${name} is disabled: an administrator must enable it before you can use it`);

export function simIdentity({ db }: SimDeps): CloudProvider['identity'] {
  async function userProjects(userId: string): Promise<Project[]> {
    const d = await db();
    return d.query<Project>(
      `SELECT p.id, p.name, p.description, m.role, p.enabled FROM sim_memberships m JOIN sim_projects p ON p.id = m.project_id
       WHERE m.user_id = $1 ORDER BY p.name`,
      [userId],
    );
  }
  return {
    async authenticate(c: TokenCreateInput): Promise<Principal> {
      const d = await db();
      const users = await d.query<{
        id: string;
        name: string;
        password_hash: string;
        default_project_id: string | null;
        enabled: boolean;
        read_only: boolean;
      }>('SELECT * FROM sim_users WHERE name = $1', [c.username]);
      const user = users[0];
      const ok = await verifyPassword(c.password, user?.password_hash ?? decoyHash);
      if (!user || !ok) throw unauthorized();
      // Said only to whoever knows the password: it tells them why, and tells a guesser nothing.
      if (!user.enabled)
        throw new CloudError(
          'unauthorized',
          `user ${user.name} is disabled: an administrator must enable it before it can sign in`,
        );
      // The one moment the password is known: a hash of an older (cheaper) cost is replaced by one of today's.
      // Only if the row still holds the hash just verified, so a concurrent password change is never undone.
      if (needsRehash(user.password_hash))
        await d.query('UPDATE sim_users SET password_hash = $3 WHERE id = $1 AND password_hash = $2', [
          user.id,
          user.password_hash,
          await hashPassword(c.password),
        ]);
      const all = await d.query<{ project_id: string; role: Role; name: string; enabled: boolean }>(
        'SELECT m.project_id, m.role, p.name, p.enabled FROM sim_memberships m JOIN sim_projects p ON p.id = m.project_id WHERE m.user_id = $1 ORDER BY p.name',
        [user.id],
      );
      // Without a project asked for, a disabled one is passed over for another of the user's projects.
      const memberships = all.filter((m) => m.enabled);
      const named = c.project_id !== undefined || c.project_name !== undefined;
      const asked =
        c.project_id !== undefined
          ? all.find((m) => m.project_id === c.project_id)
          : all.find((m) => m.name === c.project_name);
      // The password was right: naming the project tells its member why, and a guesser nothing.
      if (named && asked && !asked.enabled) throw projectDisabled(asked.name);
      const wanted = named
        ? asked
        : (memberships.find((m) => m.project_id === user.default_project_id) ?? memberships[0]);
      if (!wanted && !named && all[0]) throw projectDisabled(all[0].name);
      if (!wanted) throw unauthorized();
      return {
        userId: user.id,
        userName: user.name,
        projectId: wanted.project_id,
        projectName: wanted.name,
        roles: [wanted.role],
        ...(user.read_only ? { readOnly: true } : {}),
      };
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
      if (target.enabled === false) throw projectDisabled(target.name, 'conflict');
      return { ...ctx.principal, projectId: target.id, projectName: target.name, roles: [target.role ?? 'member'] };
    },
    async listProjects() {
      const d = await db();
      return d.query<Project>(
        `SELECT p.id, p.name, p.description, p.enabled,
           (SELECT count(*)::int FROM sim_memberships m WHERE m.project_id = p.id) AS member_count
         FROM sim_projects p ORDER BY p.name`,
      );
    },
    async updateProject(_ctx, projectId, input) {
      const d = await db();
      return d.tx(async (q) => {
        if (input.name !== undefined) {
          const taken = await q.query('SELECT 1 FROM sim_projects WHERE name = $1 AND id <> $2', [
            input.name,
            projectId,
          ]);
          if (taken[0]) throw conflict(`a project named "${input.name}" already exists`);
        }
        const rows = await q.query<Project>(
          `UPDATE sim_projects SET name = COALESCE($2, name), description = COALESCE($3, description) WHERE id = $1
           RETURNING id, name, description, enabled`,
          [projectId, input.name ?? null, input.description ?? null],
        );
        if (!rows[0]) throw notFound('project', projectId);
        return rows[0];
      });
    },
    async setProjectEnabled(_ctx, projectId, enabled) {
      const d = await db();
      const rows = await d.query<Project>(
        'UPDATE sim_projects SET enabled = $2 WHERE id = $1 RETURNING id, name, description, enabled',
        [projectId, enabled],
      );
      if (!rows[0]) throw notFound('project', projectId);
      return rows[0];
    },
    async getDefaultQuotas() {
      return simDefaultQuotas(await db());
    },
    async setDefaultQuotas(_ctx, quotas) {
      const d = await db();
      return d.tx(async (q) => {
        const next = { ...(await simDefaultQuotas(q)), ...quotas };
        await q.query(
          'INSERT INTO sim_quota_defaults (id, quotas) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET quotas = EXCLUDED.quotas',
          [JSON.stringify(next)],
        );
        return next;
      });
    },
    async createProject(_ctx, input) {
      const d = await db();
      return d.tx(async (q) => {
        const taken = await q.query('SELECT 1 FROM sim_projects WHERE name = $1', [input.name]);
        if (taken[0]) throw conflict(`a project named "${input.name}" already exists`);
        // A new tenant starts like one on a real cloud: its own network, subnet and default security group.
        const id = await createTenantProject(q, input.name, input.description, 0, {
          ...(await simDefaultQuotas(q)),
          ...input.quotas,
        });
        return { id, name: input.name, description: input.description };
      });
    },
    async deleteProject(_ctx, projectId) {
      const d = await db();
      await d.tx(async (q) => {
        const project = (
          await q.query<{ name: string }>('SELECT name FROM sim_projects WHERE id = $1', [projectId])
        )[0];
        if (!project) throw notFound('project', projectId);
        // What a tenant made and would lose is theirs to delete first; what the project was given goes with it.
        const held = (
          await q.query<{ what: string; n: number }>(
            `SELECT 'servers' AS what, count(*)::int AS n FROM sim_servers WHERE project_id = $1
             UNION ALL SELECT 'volumes', count(*)::int FROM sim_volumes WHERE project_id = $1
             UNION ALL SELECT 'volume snapshots', count(*)::int FROM sim_volume_snapshots WHERE project_id = $1
             UNION ALL SELECT 'images', count(*)::int FROM sim_images WHERE owner = $1
             UNION ALL SELECT 'load balancers', count(*)::int FROM sim_load_balancers WHERE project_id = $1
             UNION ALL SELECT 'floating IPs', count(*)::int FROM sim_floating_ips WHERE project_id = $1
             UNION ALL SELECT 'public IPs', count(*)::int FROM sim_public_ips WHERE project_id = $1`,
            [projectId],
          )
        ).filter((r) => r.n > 0);
        if (held.length)
          throw conflict(
            `project ${project.name} still holds ${held.map((r) => `${r.n} ${r.what}`).join(', ')}: delete them first`,
          );
        await q.query('DELETE FROM sim_ports WHERE network_id IN (SELECT id FROM sim_networks WHERE project_id = $1)', [
          projectId,
        ]);
        await q.query('DELETE FROM sim_networks WHERE project_id = $1', [projectId]);
        await q.query('DELETE FROM sim_security_groups WHERE project_id = $1', [projectId]);
        await q.query('DELETE FROM tokens WHERE project_id = $1', [projectId]);
        await q.query('DELETE FROM sim_projects WHERE id = $1', [projectId]);
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
        const project = (
          await q.query<Project>('SELECT id, name, description FROM sim_projects WHERE id = $1', [input.project_id])
        )[0];
        if (!project) throw notFound('project', input.project_id);
        const id = newId();
        const inserted = await q.query(
          'INSERT INTO sim_users (id, name, password_hash, default_project_id) VALUES ($1, $2, $3, $4) ON CONFLICT (name) DO NOTHING RETURNING id',
          [id, input.name, hash, input.project_id],
        );
        if (!inserted[0]) throw conflict(`a user named "${input.name}" already exists`);
        await q.query('INSERT INTO sim_memberships (user_id, project_id, role) VALUES ($1, $2, $3)', [
          id,
          input.project_id,
          input.role,
        ]);
        return { id, name: input.name, enabled: true, projects: [{ ...project, role: input.role }] };
      });
    },
    async listUsers() {
      const d = await db();
      const users = await d.query<{ id: string; name: string; enabled: boolean }>(
        'SELECT id, name, enabled FROM sim_users ORDER BY name',
      );
      const members = await d.query<Project & { user_id: string }>(
        'SELECT m.user_id, p.id, p.name, p.description, m.role FROM sim_memberships m JOIN sim_projects p ON p.id = m.project_id ORDER BY p.name',
      );
      const byUser = new Map<string, Project[]>();
      for (const { user_id, ...p } of members) byUser.set(user_id, [...(byUser.get(user_id) ?? []), p]);
      return users.map((u) => ({ id: u.id, name: u.name, enabled: u.enabled, projects: byUser.get(u.id) ?? [] }));
    },
    async getUser(_ctx, userId) {
      return userById(userId);
    },
    async renameUser(_ctx, userId, name) {
      const d = await db();
      await d.tx(async (q) => {
        if (!(await q.query('SELECT 1 FROM sim_users WHERE id = $1', [userId]))[0]) throw notFound('user', userId);
        const taken = await q.query('SELECT 1 FROM sim_users WHERE name = $1 AND id <> $2', [name, userId]);
        if (taken[0]) throw conflict(`a user named "${name}" already exists`);
        await q.query('UPDATE sim_users SET name = $2 WHERE id = $1', [userId, name]);
      });
      return userById(userId);
    },
    async changeOwnPassword(ctx, currentPassword, newPassword) {
      const d = await db();
      const user = (
        await d.query<{ password_hash: string }>('SELECT password_hash FROM sim_users WHERE id = $1', [
          ctx.principal.userId,
        ])
      )[0];
      if (!user) throw notFound('user', ctx.principal.userId);
      if (!(await verifyPassword(currentPassword, user.password_hash)))
        throw invalid('current_password', 'is not your current password');
      const hash = await hashPassword(newPassword);
      // Compare-and-set: of two concurrent changes with the same current password, only one wins.
      const done = await d.query(
        'UPDATE sim_users SET password_hash = $3 WHERE id = $1 AND password_hash = $2 RETURNING id',
        [ctx.principal.userId, user.password_hash, hash],
      );
      if (!done[0]) throw conflict('the password was changed meanwhile: sign in again with the new one');
      // The simulator keeps no backend session: the asking session goes on as it is.
      return ctx.principal;
    },
    async setPassword(_ctx, userId, password) {
      const d = await db();
      const hash = await hashPassword(password);
      const done = await d.query('UPDATE sim_users SET password_hash = $2 WHERE id = $1 RETURNING id', [userId, hash]);
      if (!done[0]) throw notFound('user', userId);
    },
    async setEnabled(_ctx, userId, enabled) {
      const d = await db();
      const done = await d.query('UPDATE sim_users SET enabled = $2 WHERE id = $1 RETURNING id', [userId, enabled]);
      if (!done[0]) throw notFound('user', userId);
      return userById(userId);
    },
    async deleteUser(_ctx, userId) {
      const d = await db();
      // Memberships go with the user (ON DELETE CASCADE).
      const done = await d.query('DELETE FROM sim_users WHERE id = $1 RETURNING id', [userId]);
      if (!done[0]) throw notFound('user', userId);
    },
    async setMembership(_ctx, userId, projectId, role) {
      const d = await db();
      await d.tx(async (q) => {
        if (!(await q.query('SELECT 1 FROM sim_users WHERE id = $1', [userId]))[0]) throw notFound('user', userId);
        if (!(await q.query('SELECT 1 FROM sim_projects WHERE id = $1', [projectId]))[0])
          throw notFound('project', projectId);
        await q.query(
          'INSERT INTO sim_memberships (user_id, project_id, role) VALUES ($1, $2, $3) ON CONFLICT (user_id, project_id) DO UPDATE SET role = EXCLUDED.role',
          [userId, projectId, role],
        );
      });
      return userById(userId);
    },
    async removeMembership(_ctx, userId, projectId) {
      const d = await db();
      await d.tx(async (q) => {
        const gone = await q.query(
          'DELETE FROM sim_memberships WHERE user_id = $1 AND project_id = $2 RETURNING user_id',
          [userId, projectId],
        );
        if (!gone[0]) {
          if (!(await q.query('SELECT 1 FROM sim_users WHERE id = $1', [userId]))[0]) throw notFound('user', userId);
          throw new CloudError('not_found', `user ${userId} is not a member of project ${projectId}`);
        }
        // A sign-in without a project goes to the default one: point it at a project the user still has.
        await q.query(
          `UPDATE sim_users SET default_project_id = (SELECT project_id FROM sim_memberships WHERE user_id = $1 ORDER BY project_id LIMIT 1)
           WHERE id = $1 AND default_project_id = $2`,
          [userId, projectId],
        );
      });
    },
  };

  async function userById(userId: string): Promise<User> {
    const d = await db();
    const u = (
      await d.query<{ id: string; name: string; enabled: boolean }>(
        'SELECT id, name, enabled FROM sim_users WHERE id = $1',
        [userId],
      )
    )[0];
    if (!u) throw notFound('user', userId);
    return { id: u.id, name: u.name, enabled: u.enabled, projects: await userProjects(u.id) };
  }
}
