import type { Host } from '@/lib/contract/datacenter';
import { activeFaults, type DemoState } from '@/lib/contract/demo';
import type { Server } from '@/lib/contract/server';
import { useTasksStore } from '@/lib/stores/tasks-store';
import { findByName } from './reads';
import type { StepProblem, Tour, TourContext } from './types';
import { wizardActions } from './wizard';

/**
 * (e) When things go wrong: an administrator takes a host down and a datacenter offline from the presenter's panel
 * (simulator), sees the banner, the server in error on its page and the host's, a refused reboot in the task tray,
 * switches the faults off, sees the server back, and finds it all in the audit log.
 */
export const faultsTour: Tour = {
  id: 'faults',
  title: 'tours.faults.title',
  summary: 'tours.faults.summary',
  isAdminOnly: true,
  steps: (suffix) => {
    const vm = `tour-fault-vm-${suffix}`;
    const vars = { vm };
    const faults = async (ctx: TourContext) => (await ctx.read<DemoState>('/demo')).faults;
    const findVm = (ctx: TourContext) => findByName<Server>(ctx, '/servers', 'servers', vm);
    /** The tour's server with the host it runs on (the host's id is what the panel's switch takes). */
    const vmAndHost = async (ctx: TourContext) => {
      const s = await findVm(ctx);
      if (!s) return undefined;
      const { server } = await ctx.read<{ server: Server }>(`/servers/${encodeURIComponent(s.id)}`);
      const { hosts } = await ctx.read<{ hosts: Host[] }>('/hosts');
      const host = hosts.find((h) => h.name === server.host || h.id === server.host);
      return host ? { server, host } : undefined;
    };
    const needVm = async (ctx: TourContext): Promise<StepProblem | null> =>
      (await vmAndHost(ctx)) ? null : { key: 'tours.faults.needsServer', vars, backTo: 0 };
    const needHostDown = async (ctx: TourContext): Promise<StepProblem | null> => {
      const problem = await needVm(ctx);
      if (problem) return problem;
      const { host } = (await vmAndHost(ctx))!;
      return (await faults(ctx)).host_down === host.id ? null : { key: 'tours.faults.needsHostDown', vars, backTo: 1 };
    };
    const needInError = async (ctx: TourContext): Promise<StepProblem | null> =>
      (await needHostDown(ctx)) ??
      ((await findVm(ctx))?.status === 'error' ? null : { key: 'tours.faults.needsError', vars, backTo: 1 });
    const vmPage = async (ctx: TourContext) => {
      const s = await findVm(ctx);
      return s ? `/servers/${encodeURIComponent(s.id)}` : null;
    };
    /** A hard reboot of the tour's server that ended failed, in this browser's task tray. */
    const hasFailedReboot = () =>
      useTasksStore.getState().tasks.some((t) => t.state === 'failed' && t.label.startsWith(`${vm}:`));

    return [
      {
        id: 'server',
        title: 'tours.faults.server.title',
        body: 'tours.faults.server.body',
        bodyVars: vars,
        route: '/servers/new?step=basics',
        target: 'main',
        done: async (ctx) => (await findVm(ctx))?.status === 'active',
        doIt: wizardActions(vm),
      },
      {
        id: 'host-down',
        title: 'tours.faults.hostDown.title',
        body: 'tours.faults.hostDown.body',
        bodyVars: vars,
        route: '/admin/demo',
        target: '[data-testid="demo-fault-host_down"]',
        needs: needVm,
        done: async (ctx) => {
          const found = await vmAndHost(ctx);
          return !!found && (await faults(ctx)).host_down === found.host.id;
        },
        doIt: async (ctx) => {
          const found = await vmAndHost(ctx);
          // The option's value is the host's id (its text, the name, may be the start of another host's name).
          return [{ select: 'demo.faults.hostDown', option: found?.host.id ?? '' }, { click: 'demo.faults.apply' }];
        },
      },
      {
        id: 'banner',
        title: 'tours.faults.banner.title',
        body: 'tours.faults.banner.body',
        bodyVars: vars,
        route: '/servers',
        target: '[data-testid="demo-fault-banner"]',
        needs: needInError,
      },
      {
        id: 'server-error',
        title: 'tours.faults.serverError.title',
        body: 'tours.faults.serverError.body',
        bodyVars: vars,
        route: vmPage,
        target: 'main',
        needs: needInError,
      },
      {
        id: 'host',
        title: 'tours.faults.host.title',
        body: 'tours.faults.host.body',
        bodyVars: vars,
        route: async (ctx) => {
          const found = await vmAndHost(ctx);
          return found ? `/admin/hosts/${encodeURIComponent(found.host.id)}` : null;
        },
        target: 'main table',
        needs: needInError,
      },
      {
        id: 'datacenter',
        title: 'tours.faults.datacenter.title',
        body: 'tours.faults.datacenter.body',
        bodyVars: vars,
        route: '/admin/demo',
        target: '[data-testid="demo-fault-datacenter_unavailable"]',
        needs: needVm,
        done: async (ctx) => {
          const s = await findVm(ctx);
          return !!s && (await faults(ctx)).datacenter_unavailable === s.datacenter_id;
        },
        doIt: async (ctx) => [
          { select: 'demo.faults.datacenter', option: (await findVm(ctx))?.datacenter_id ?? 'dc-bj1' },
          { click: 'demo.faults.apply' },
        ],
      },
      {
        id: 'tasks',
        title: 'tours.faults.tasks.title',
        body: 'tours.faults.tasks.body',
        bodyVars: vars,
        route: vmPage,
        target: '[data-tour="task-tray"]',
        needs: async (ctx) => {
          const problem = await needVm(ctx);
          if (problem) return problem;
          const s = await findVm(ctx);
          return (await faults(ctx)).datacenter_unavailable === s?.datacenter_id
            ? null
            : { key: 'tours.faults.needsDatacenter', vars, backTo: 5 };
        },
        done: async () => hasFailedReboot(),
        doIt: [
          { click: 'servers.rebootHard', in: 'page' },
          { click: 'shell.tasks', in: 'page' },
        ],
      },
      {
        id: 'recover',
        title: 'tours.faults.recover.title',
        body: 'tours.faults.recover.body',
        bodyVars: vars,
        route: '/admin/demo',
        target: '[data-testid="demo-faults-clear"]',
        done: async (ctx) => activeFaults(await faults(ctx)).length === 0,
        doIt: [{ click: 'demo.faults.clearAll', in: 'page' }],
      },
      {
        id: 'back',
        title: 'tours.faults.back.title',
        body: 'tours.faults.back.body',
        bodyVars: vars,
        route: vmPage,
        target: 'main',
        needs: async (ctx) => {
          if (activeFaults(await faults(ctx)).length) return { key: 'tours.faults.needsOff', vars, backTo: 7 };
          return (await findVm(ctx))?.status === 'active' ? null : { key: 'tours.faults.needsBack', vars, backTo: 0 };
        },
      },
      {
        id: 'audit',
        title: 'tours.faults.audit.title',
        body: 'tours.faults.audit.body',
        bodyVars: vars,
        route: '/admin/audit',
        target: 'main table',
      },
    ];
  },
};
