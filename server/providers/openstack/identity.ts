import 'server-only';
import type { Project, QuotaLimits, Role, User } from '@/lib/contract/auth';
import { CloudError, conflict, notFound } from '../errors';
import type { CloudProvider, ProviderContext } from '../types';
import type { OsDeps } from './context';
import { orNotFound, limitOf } from './compute';
import { changeOwnPassword, passwordSignIn, rescope, revoke, roleOf } from './keystone';
import { releaseRouterInterfaces } from './neutron-checks';
import { os, type Rest } from './rest';
import { osUnsupported } from './unsupported';

interface KsProject {
  id: string;
  name: string;
  description?: string;
  domain_id: string;
  enabled?: boolean;
}

const toProject = (p: KsProject, role?: Role): Project => ({
  id: p.id,
  name: p.name,
  description: p.description ?? '',
  ...(role ? { role } : {}),
  ...(p.enabled !== undefined ? { enabled: p.enabled } : {}),
});

/** Nova's and Cinder's default quota class: what a project gets where no quota of its own was set. */
const quotaClass = 'os-quota-class-sets/default';

/**
 * The cloud defaults: Nova's and Cinder's `default` quota class; Neutron's defaults are neutron.conf's, read (not
 * set) through `quotas/{project}/default` of the caller's own project.
 */
async function readDefaultQuotas(rest: Rest, projectId: string): Promise<QuotaLimits> {
  const [nova, cinder, neutron] = await Promise.all([
    rest.call<{ quota_class_set: Record<string, number> }>('compute', 'GET', quotaClass),
    tolerateMissing(rest.call<{ quota_class_set: Record<string, number> }>('volumev3', 'GET', quotaClass)),
    rest.call<{ quota: Record<string, number> }>('network', 'GET', `quotas/${projectId}/default`),
  ]);
  return toQuotaLimits(nova.body.quota_class_set, cinder?.body.quota_class_set ?? {}, neutron.body.quota);
}

/** Nova's, Cinder's and Neutron's quota bodies (a project's or the defaults) → the contract's limits. */
function toQuotaLimits(n: Record<string, number>, c: Record<string, number>, q: Record<string, number>): QuotaLimits {
  const fips = limitOf(q.floatingip ?? -1);
  return {
    instances: limitOf(n.instances ?? -1),
    vcpus: limitOf(n.cores ?? -1),
    ram_mb: limitOf(n.ram ?? -1),
    volumes: limitOf(c.volumes ?? -1),
    volume_gb: limitOf(c.gigabytes ?? -1),
    // Public IPs are floating IPs too (see mappers/floating-ip.ts): both count against Neutron's one quota.
    floating_ips: fips,
    public_ips: fips,
    security_groups: limitOf(q.security_group ?? -1),
  };
}

async function domainId(rest: Rest, name: string): Promise<string> {
  const r = await rest.call<{ domains: { id: string }[] }>('identity', 'GET', 'domains', { query: { name } });
  const id = r.body.domains[0]?.id;
  if (!id)
    throw new CloudError('unavailable', `the identity service has no domain named ${name} (OPENSTACK_PROJECT_DOMAIN)`);
  return id;
}

async function roleId(rest: Rest, name: string): Promise<string | null> {
  const r = await rest.call<{ roles: { id: string }[] }>('identity', 'GET', 'roles', { query: { name } });
  return r.body.roles[0]?.id ?? null;
}

/** Whether the catalog has a service (quotas of a missing Cinder are simply not set). */
async function tolerateMissing<T>(p: Promise<T>): Promise<T | null> {
  try {
    return await p;
  } catch (e) {
    if (e instanceof CloudError && e.kind === 'not_supported') return null;
    throw e;
  }
}

async function readQuotas(rest: Rest, projectId: string): Promise<QuotaLimits> {
  const [nova, cinder, neutron] = await Promise.all([
    rest.call<{ quota_set: Record<string, number> }>('compute', 'GET', `os-quota-sets/${projectId}`),
    tolerateMissing(rest.call<{ quota_set: Record<string, number> }>('volumev3', 'GET', `os-quota-sets/${projectId}`)),
    rest.call<{ quota: Record<string, number> }>('network', 'GET', `quotas/${projectId}`),
  ]);
  return toQuotaLimits(nova.body.quota_set, cinder?.body.quota_set ?? {}, neutron.body.quota);
}

async function writeQuotas(rest: Rest, projectId: string, quotas: Partial<QuotaLimits>): Promise<void> {
  const nova = { instances: quotas.instances, cores: quotas.vcpus, ram: quotas.ram_mb };
  const cinder = { volumes: quotas.volumes, gigabytes: quotas.volume_gb };
  const fip = quotas.floating_ips ?? quotas.public_ips;
  const neutron = { floatingip: fip, security_group: quotas.security_groups };
  const defined = (o: Record<string, number | undefined>) =>
    Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
  const calls: Promise<unknown>[] = [];
  if (Object.keys(defined(nova)).length)
    calls.push(rest.call('compute', 'PUT', `os-quota-sets/${projectId}`, { body: { quota_set: defined(nova) } }));
  if (Object.keys(defined(cinder)).length)
    calls.push(
      tolerateMissing(
        rest.call('volumev3', 'PUT', `os-quota-sets/${projectId}`, { body: { quota_set: defined(cinder) } }),
      ),
    );
  if (Object.keys(defined(neutron)).length)
    calls.push(rest.call('network', 'PUT', `quotas/${projectId}`, { body: { quota: defined(neutron) } }));
  await Promise.all(calls);
}

export function osIdentity(d: OsDeps): CloudProvider['identity'] {
  return {
    authenticate: (c) => passwordSignIn(d.settings, c),
    revoke: (p) => revoke(d.settings, p),
    async listUserProjects(ctx: ProviderContext) {
      const r = await d
        .rest(ctx)
        .call<{ projects: KsProject[] }>('identity', 'GET', `users/${ctx.principal.userId}/projects`);
      // Keystone tells a user their role only in the project of their token.
      return r.body.projects
        .map((p) => toProject(p, p.id === ctx.principal.projectId ? ctx.principal.roles[0] : undefined))
        .sort((a, b) => a.name.localeCompare(b.name));
    },
    rescope: (ctx, projectId) => rescope(d.settings, ctx, projectId),
    async listProjects(ctx) {
      const rest = d.rest(ctx);
      const [r, assignments] = await Promise.all([
        rest.call<{ projects: KsProject[] }>('identity', 'GET', 'projects'),
        rest.call<{ role_assignments: KsAssignment[] }>('identity', 'GET', 'role_assignments'),
      ]);
      // Members are users with any role there (direct assignments: the console assigns no group roles).
      const members = new Map<string, Set<string>>();
      for (const a of assignments.body.role_assignments) {
        const p = a.scope?.project?.id;
        if (!p || !a.user?.id) continue;
        members.set(p, (members.get(p) ?? new Set()).add(a.user.id));
      }
      return r.body.projects
        .map((p) => ({ ...toProject(p), enabled: p.enabled !== false, member_count: members.get(p.id)?.size ?? 0 }))
        .sort((a, b) => a.name.localeCompare(b.name));
    },
    async updateProject(ctx, projectId, input) {
      const rest = d.rest(ctx);
      await orNotFound(rest.get<KsProject>(os.projects, projectId), 'project', projectId);
      // Asked first, so the answer names the project whatever Keystone's own 409 says (it is domain-wide too).
      if (input.name !== undefined) {
        const same = await rest.call<{ projects: KsProject[] }>('identity', 'GET', 'projects', {
          query: { name: input.name },
        });
        if (same.body.projects.some((p) => p.id !== projectId))
          throw conflict(`a project named "${input.name}" already exists`);
      }
      try {
        const r = await rest.call<{ project: KsProject }>(
          'identity',
          'PATCH',
          `projects/${encodeURIComponent(projectId)}`,
          {
            body: { project: input },
          },
        );
        return toProject(r.body.project);
      } catch (e) {
        if (e instanceof CloudError && e.kind === 'conflict')
          throw conflict(`a project named "${input.name}" already exists`);
        throw e;
      }
    },
    async setProjectEnabled(ctx, projectId, enabled) {
      const r = await orNotFound(
        d.rest(ctx).call<{ project: KsProject }>('identity', 'PATCH', `projects/${encodeURIComponent(projectId)}`, {
          body: { project: { enabled } },
        }),
        'project',
        projectId,
      );
      return toProject(r.body.project);
    },
    async getDefaultQuotas(ctx) {
      return readDefaultQuotas(d.rest(ctx), ctx.principal.projectId);
    },
    async setDefaultQuotas(ctx, quotas) {
      // Neutron has no default-quota API: its defaults are neutron.conf's [quotas] section.
      osUnsupported.refuseIf(quotas.floating_ips !== undefined, 'PUT /quotas/defaults#floating_ips');
      osUnsupported.refuseIf(quotas.public_ips !== undefined, 'PUT /quotas/defaults#public_ips');
      osUnsupported.refuseIf(quotas.security_groups !== undefined, 'PUT /quotas/defaults#security_groups');
      const rest = d.rest(ctx);
      const defined = (o: Record<string, number | undefined>) =>
        Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
      const nova = defined({ instances: quotas.instances, cores: quotas.vcpus, ram: quotas.ram_mb });
      const cinder = defined({ volumes: quotas.volumes, gigabytes: quotas.volume_gb });
      if (Object.keys(nova).length) await rest.call('compute', 'PUT', quotaClass, { body: { quota_class_set: nova } });
      if (Object.keys(cinder).length)
        await tolerateMissing(rest.call('volumev3', 'PUT', quotaClass, { body: { quota_class_set: cinder } }));
      return readDefaultQuotas(rest, ctx.principal.projectId);
    },
    async createProject(ctx, input) {
      const rest = d.rest(ctx);
      let project: KsProject;
      try {
        project = await rest.create<KsProject>(os.projects, {
          name: input.name,
          description: input.description,
          domain_id: await domainId(rest, d.settings.projectDomain),
          enabled: true,
        });
      } catch (e) {
        if (e instanceof CloudError && e.kind === 'conflict')
          throw conflict(`a project named "${input.name}" already exists`);
        throw e;
      }
      if (input.quotas && Object.keys(input.quotas).length) await writeQuotas(rest, project.id, input.quotas);
      // A new tenant starts like the simulator's: its own network and subnet (Neutron adds the default security group).
      const net = await rest.create<{ id: string }>(os.networks, { name: `${input.name}-net`, project_id: project.id });
      // No router yet: its gateway would take an external address for every project. The first floating or public
      // IP bound to one of its servers plugs the subnet into a router (see routedBind in networks.ts).
      await rest.create(os.subnets, {
        network_id: net.id,
        project_id: project.id,
        name: `${input.name}-subnet`,
        cidr: '10.0.0.0/24',
        gateway_ip: '10.0.0.1',
        ip_version: 4,
      });
      return toProject(project);
    },
    async deleteProject(ctx, projectId) {
      const rest = d.rest(ctx);
      const project = await orNotFound(rest.get<KsProject>(os.projects, projectId), 'project', projectId);
      // What a tenant made and would lose is theirs to delete first (asked as admin, across projects).
      const count = async (what: string, list: () => Promise<unknown[]>) => {
        const n = (await list().catch(unsupportedIsNone)).length;
        return n ? [`${n} ${what}`] : [];
      };
      const held = [
        ...(await count('servers', () => rest.page(os.servers, { all_tenants: 1, project_id: projectId }, false))),
        ...(await count('volumes', () => rest.page(os.volumes, { all_tenants: 1, project_id: projectId }, false))),
        ...(await count('images', () => rest.page(os.images, { owner: projectId }))),
        ...(await count('load balancers', () => rest.page(os.loadBalancers, { project_id: projectId }))),
        ...(await count('floating IPs', () => rest.page(os.floatingIps, { project_id: projectId }))),
      ];
      if (held.length) throw conflict(`project ${project.name} still holds ${held.join(', ')}: delete them first`);
      // What createProject (and a first routed IP) gave it: routers, networks with their subnets, security groups.
      const routers = (
        await rest.call<{ routers: { id: string }[] }>('network', 'GET', 'routers', {
          query: { project_id: projectId },
        })
      ).body.routers;
      const networks = await rest.page<{ id: string }>(os.networks, { project_id: projectId });
      for (const n of networks) await releaseRouterInterfaces(rest, { networkId: n.id });
      for (const r of routers) await rest.call('network', 'DELETE', `routers/${r.id}`).catch(goneIsFine);
      for (const n of networks) await rest.remove(os.networks, n.id).catch(goneIsFine);
      for (const g of await rest.page<{ id: string }>(os.securityGroups, { project_id: projectId }))
        await rest.remove(os.securityGroups, g.id).catch(goneIsFine);
      await rest.remove(os.projects, projectId);
    },
    async getQuotas(ctx, projectId) {
      const rest = d.rest(ctx);
      await orNotFound(rest.get(os.projects, projectId), 'project', projectId);
      return readQuotas(rest, projectId);
    },
    async setQuotas(ctx, projectId, quotas) {
      const rest = d.rest(ctx);
      await orNotFound(rest.get(os.projects, projectId), 'project', projectId);
      await writeQuotas(rest, projectId, quotas);
      return readQuotas(rest, projectId);
    },
    async createUser(ctx, input) {
      const rest = d.rest(ctx);
      const project = await orNotFound(rest.get<KsProject>(os.projects, input.project_id), 'project', input.project_id);
      let user: { id: string; name: string };
      try {
        user = await rest.create(os.users, {
          name: input.name,
          password: input.password,
          domain_id: project.domain_id,
          default_project_id: project.id,
          enabled: true,
        });
      } catch (e) {
        if (e instanceof CloudError && e.kind === 'conflict')
          throw conflict(`a user named "${input.name}" already exists`);
        throw e;
      }
      await assignRoles(rest, project.id, user.id, input.role);
      return { id: user.id, name: user.name, enabled: true, projects: [toProject(project, input.role)] };
    },
    async listUsers(ctx) {
      const rest = d.rest(ctx);
      const [users, assignments, projects] = await Promise.all([
        rest.call<{ users: KsUser[] }>('identity', 'GET', 'users'),
        rest.call<{ role_assignments: KsAssignment[] }>('identity', 'GET', 'role_assignments', {
          query: { include_names: 'true' },
        }),
        rest.call<{ projects: KsProject[] }>('identity', 'GET', 'projects'),
      ]);
      const byProject = new Map(projects.body.projects.map((p) => [p.id, p]));
      return users.body.users
        .map((u) => toUser(u, assignments.body.role_assignments, byProject))
        .sort((a, b) => a.name.localeCompare(b.name));
    },
    getUser: (ctx, userId) => userOf(d.rest(ctx), userId),
    async renameUser(ctx, userId, name) {
      const rest = d.rest(ctx);
      try {
        await orNotFound(
          rest.call('identity', 'PATCH', `users/${encodeURIComponent(userId)}`, { body: { user: { name } } }),
          'user',
          userId,
        );
      } catch (e) {
        // Keystone answers 409 for a name another user of the domain has.
        if (e instanceof CloudError && e.kind === 'conflict') throw conflict(`a user named "${name}" already exists`);
        throw e;
      }
      return userOf(rest, userId);
    },
    changeOwnPassword: (ctx, current, next) => changeOwnPassword(d.settings, ctx, current, next),
    async setPassword(ctx, userId, password) {
      // PATCH, not POST …/password: an administrator does not know the original password. Keystone revokes the user's tokens.
      await orNotFound(
        d.rest(ctx).call('identity', 'PATCH', `users/${encodeURIComponent(userId)}`, { body: { user: { password } } }),
        'user',
        userId,
      );
    },
    async setEnabled(ctx, userId, enabled) {
      const rest = d.rest(ctx);
      await orNotFound(
        rest.call('identity', 'PATCH', `users/${encodeURIComponent(userId)}`, { body: { user: { enabled } } }),
        'user',
        userId,
      );
      return userOf(rest, userId);
    },
    async deleteUser(ctx, userId) {
      await orNotFound(d.rest(ctx).remove(os.users, userId), 'user', userId);
    },
    async setMembership(ctx, userId, projectId, role) {
      const rest = d.rest(ctx);
      await orNotFound(rest.get(os.users, userId), 'user', userId);
      await orNotFound(rest.get(os.projects, projectId), 'project', projectId);
      // A role change replaces the console's roles there, so an admin made member is no longer an admin.
      for (const a of await assignmentsIn(rest, userId, projectId))
        if (consoleRoles.has(a.role.name ?? '')) await unassign(rest, projectId, userId, a.role.id);
      await assignRoles(rest, projectId, userId, role);
      return userOf(rest, userId);
    },
    async removeMembership(ctx, userId, projectId) {
      const rest = d.rest(ctx);
      await orNotFound(rest.get(os.users, userId), 'user', userId);
      const assignments = await assignmentsIn(rest, userId, projectId);
      if (!assignments.length)
        throw new CloudError('not_found', `user ${userId} is not a member of project ${projectId}`);
      // Every role, not only the console's: a user left with any role could still sign in to the project.
      for (const a of assignments) await unassign(rest, projectId, userId, a.role.id);
    },
  };
}

interface KsUser {
  id: string;
  name: string;
  enabled?: boolean;
}
interface KsAssignment {
  user?: { id: string };
  role: { id: string; name?: string };
  scope?: { project?: { id: string; name?: string } };
}

/** The roles the console assigns for its three (Octavia checks its own: members and admins manage load balancers). */
const rolesFor = (role: Role) =>
  role === 'reader' ? ['reader', 'load-balancer_observer'] : [role, 'load-balancer_member'];
const consoleRoles = new Set([
  'admin',
  'member',
  '_member_',
  'reader',
  'load-balancer_member',
  'load-balancer_observer',
]);

async function assignRoles(rest: Rest, projectId: string, userId: string, role: Role): Promise<void> {
  for (const name of rolesFor(role)) {
    const id = await roleId(rest, name);
    if (!id) {
      if (name === role) throw notFound('role', name);
      continue;
    }
    await rest.call('identity', 'PUT', `projects/${projectId}/users/${userId}/roles/${id}`);
  }
}

async function unassign(rest: Rest, projectId: string, userId: string, roleIdToDrop: string): Promise<void> {
  try {
    await rest.call('identity', 'DELETE', `projects/${projectId}/users/${userId}/roles/${roleIdToDrop}`);
  } catch (e) {
    // Gone already (a concurrent removal): the outcome asked for.
    if (!(e instanceof CloudError && e.kind === 'not_found')) throw e;
  }
}

/** The user's direct role assignments in one project (the console assigns no group roles). */
async function assignmentsIn(rest: Rest, userId: string, projectId: string): Promise<KsAssignment[]> {
  const r = await rest.call<{ role_assignments: KsAssignment[] }>('identity', 'GET', 'role_assignments', {
    query: { 'user.id': userId, 'scope.project.id': projectId, include_names: 'true' },
  });
  return r.body.role_assignments;
}

function toUser(u: KsUser, assignments: KsAssignment[], projects: Map<string, KsProject>): User {
  const names = new Map<string, { name: string }[]>();
  for (const a of assignments) {
    const p = a.scope?.project?.id;
    if (a.user?.id !== u.id || !p) continue;
    names.set(p, [...(names.get(p) ?? []), { name: a.role.name ?? '' }]);
  }
  const list: Project[] = [];
  for (const [id, roles] of names) {
    const p = projects.get(id);
    list.push(p ? toProject(p, roleOf(roles)) : { id, name: id, description: '', role: roleOf(roles) });
  }
  return {
    id: u.id,
    name: u.name,
    enabled: u.enabled !== false,
    projects: list.sort((a, b) => a.name.localeCompare(b.name)),
  };
}

async function userOf(rest: Rest, userId: string): Promise<User> {
  const u = await orNotFound(rest.get<KsUser>(os.users, userId), 'user', userId);
  const [assignments, projects] = await Promise.all([
    rest.call<{ role_assignments: KsAssignment[] }>('identity', 'GET', 'role_assignments', {
      query: { 'user.id': userId, include_names: 'true' },
    }),
    rest.call<{ projects: KsProject[] }>('identity', 'GET', `users/${encodeURIComponent(userId)}/projects`),
  ]);
  return toUser(u, assignments.body.role_assignments, new Map(projects.body.projects.map((p) => [p.id, p])));
}

/** A service the cloud lacks (no Octavia) holds nothing. */
function unsupportedIsNone(e: unknown): unknown[] {
  if (e instanceof CloudError && e.kind === 'not_supported') return [];
  throw e;
}

/** A removal that finds the thing already gone has done its work. */
function goneIsFine(e: unknown): void {
  if (!(e instanceof CloudError && e.kind === 'not_found')) throw e;
}
