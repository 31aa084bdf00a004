import type { Project, QuotaLimits, User } from '@/lib/contract/auth';
import type { Server } from '@/lib/contract/server';
import { findByName } from './reads';
import type { Tour, TourContext } from './types';
import { listServers, wizardActions } from './wizard';

/** (d) An administrator's round: a project and its user, quotas, host capacity, a live migration, the audit log. */
export const adminTour: Tour = {
  id: 'admin',
  title: 'tours.admin.title',
  summary: 'tours.admin.summary',
  isAdminOnly: true,
  steps: (suffix) => {
    const project = `tour-proj-${suffix}`;
    const user = `tour-user-${suffix}`;
    const vars = { project, user, instances: 5 };
    const findProject = (ctx: TourContext) => findByName<Project>(ctx, '/projects', 'projects', project);
    const needProject = async (ctx: TourContext) =>
      (await findProject(ctx)) ? null : { key: 'tours.admin.needsProject' as const, vars, backTo: 0 };
    const server = async (ctx: TourContext) =>
      ctx.memo.server
        ? (await ctx.read<{ server: Server }>(`/servers/${encodeURIComponent(ctx.memo.server)}`)).server
        : undefined;
    return [
      {
        id: 'project',
        title: 'tours.admin.project.title',
        body: 'tours.admin.project.body',
        bodyVars: vars,
        route: '/admin/projects',
        done: async (ctx) => !!(await findProject(ctx)),
        doIt: [
          { click: 'projects.create', in: 'page' },
          { fill: 'projects.name', value: project, in: 'dialog' },
          { click: 'common.create', in: 'dialog' },
        ],
      },
      {
        id: 'user',
        title: 'tours.admin.user.title',
        body: 'tours.admin.user.body',
        bodyVars: vars,
        route: '/admin/users',
        needs: needProject,
        done: async (ctx) => !!(await findByName<User>(ctx, '/users', 'users', user)),
        doIt: [
          { click: 'users.create', in: 'page' },
          { fill: 'users.name', value: user, in: 'dialog' },
          { fill: 'users.password', value: `Tour-pass-${suffix}-2026`, in: 'dialog' },
          { select: 'users.project', option: project, in: 'dialog' },
          { click: 'common.create', in: 'dialog' },
        ],
      },
      {
        id: 'quotas',
        title: 'tours.admin.quotas.title',
        body: 'tours.admin.quotas.body',
        bodyVars: vars,
        route: '/admin/projects',
        needs: needProject,
        done: async (ctx) => {
          const p = await findProject(ctx);
          if (!p) return false;
          const q = await ctx.read<{ quotas: QuotaLimits }>(`/projects/${p.id}/quotas`);
          return q.quotas.instances === vars.instances;
        },
        doIt: [
          { click: 'projects.quotas', in: { row: project } },
          { fill: 'projects.quota.instances', value: String(vars.instances), in: 'dialog' },
          { click: 'common.save', in: 'dialog' },
        ],
      },
      {
        id: 'hosts',
        title: 'tours.admin.hosts.title',
        body: 'tours.admin.hosts.body',
        route: '/admin/hosts',
        target: 'main table',
      },
      {
        id: 'server',
        title: 'tours.admin.server.title',
        body: 'tours.admin.server.body',
        bodyVars: vars,
        route: '/servers/new?step=basics',
        target: 'main',
        done: async (ctx) => (await listServers(ctx, true)).some((s) => s.status === 'active'),
        doIt: wizardActions(`tour-vm-${suffix}`),
      },
      {
        id: 'migrate',
        title: 'tours.admin.migrate.title',
        body: 'tours.admin.migrate.body',
        route: async (ctx) => {
          // The first running server, noted with the host it is on, so the check sees it move.
          let id = ctx.memo.server;
          if (!id) {
            const s = (await listServers(ctx, true)).find((x) => x.status === 'active');
            if (!s) return null;
            const host = (await ctx.read<{ server: Server }>(`/servers/${s.id}`)).server.host;
            if (!host) return null;
            ctx.remember('server', s.id);
            ctx.remember('fromHost', host);
            id = s.id;
          }
          return `/servers/${id}`;
        },
        needs: async (ctx) => ((await server(ctx)) ? null : { key: 'tours.admin.needsServer', backTo: 4 }),
        done: async (ctx) => {
          const s = await server(ctx);
          return !!s && s.status === 'active' && !!s.host && s.host !== ctx.memo.fromHost;
        },
        doIt: [
          { click: 'servers.migrate', in: 'page' },
          { check: '*', in: 'dialog' },
          { click: 'servers.migrate', in: 'dialog' },
        ],
      },
      {
        id: 'audit',
        title: 'tours.admin.audit.title',
        body: 'tours.admin.audit.body',
        bodyVars: vars,
        route: '/admin/audit',
        target: 'main table',
      },
    ];
  },
};
