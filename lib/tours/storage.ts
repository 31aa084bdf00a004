import type { Volume } from '@/lib/contract/volume';
import { findByName } from './reads';
import type { Tour, TourContext, TourStep } from './types';
import { listServers, wizardActions } from './wizard';

const findVolume = (ctx: TourContext, name: string) => findByName<Volume>(ctx, '/volumes', 'volumes', name);

/** (c) Storage: a cloud disk's life — create, attach to a server, extend, detach. */
export const storageTour: Tour = {
  id: 'storage',
  title: 'tours.storage.title',
  summary: 'tours.storage.summary',
  steps: (suffix) => {
    const disk = `tour-disk-${suffix}`;
    const vm = `tour-vm-${suffix}`;
    const vars = { disk, vm };
    /** A server the disk can be attached to: running or stopped, in its datacenter (Beijing 1). */
    const hasServer = async (ctx: TourContext) =>
      (await listServers(ctx)).some((s) => ['active', 'stopped'].includes(s.status) && s.datacenter_id === 'dc-bj1');
    const missing = async (ctx: TourContext) =>
      (await findVolume(ctx, disk)) ? null : { key: 'tours.storage.needsDisk' as const, vars, backTo: 0 };
    const volumePage = async (ctx: TourContext) => {
      const v = await findVolume(ctx, disk);
      return v ? `/volumes/${v.id}` : null;
    };
    const steps: TourStep[] = [
      {
        id: 'create',
        title: 'tours.storage.create.title',
        body: 'tours.storage.create.body',
        bodyVars: vars,
        route: '/volumes/new',
        target: 'main form',
        done: async (ctx) => (await findVolume(ctx, disk))?.status === 'available',
        doIt: [
          { fill: 'common.name', value: disk },
          { select: 'common.datacenter', option: 'dc-bj1' },
          { fill: 'vol.sizeGb', value: '10' },
          { click: 'vol.create' },
        ],
      },
      {
        id: 'server',
        title: 'tours.storage.server.title',
        body: 'tours.storage.server.body',
        bodyVars: vars,
        route: '/servers/new?step=basics',
        target: 'main',
        done: hasServer,
        doIt: wizardActions(vm),
      },
      {
        id: 'attach',
        title: 'tours.storage.attach.title',
        body: 'tours.storage.attach.body',
        bodyVars: vars,
        route: volumePage,
        needs: async (ctx) => {
          const problem = await missing(ctx);
          if (problem) return problem;
          const v = await findVolume(ctx, disk);
          return v?.status === 'in-use' || (await hasServer(ctx))
            ? null
            : { key: 'tours.storage.needsServer', vars, backTo: 1 };
        },
        done: async (ctx) => (await findVolume(ctx, disk))?.status === 'in-use',
        doIt: [
          { click: 'vol.attach', in: 'page' },
          { select: 'vol.server', option: '*', in: 'dialog' },
          { click: 'vol.attach', in: 'dialog' },
        ],
      },
      {
        id: 'extend',
        title: 'tours.storage.extend.title',
        body: 'tours.storage.extend.body',
        bodyVars: vars,
        route: volumePage,
        needs: missing,
        done: async (ctx) => {
          const v = await findVolume(ctx, disk);
          return !!v && v.size_gb >= 20 && v.status !== 'extending';
        },
        doIt: [
          { click: 'vol.extend', in: 'page' },
          { fill: 'vol.newSize', value: '20', in: 'dialog' },
          { click: 'vol.extend', in: 'dialog' },
        ],
      },
      {
        id: 'detach',
        title: 'tours.storage.detach.title',
        body: 'tours.storage.detach.body',
        bodyVars: vars,
        route: volumePage,
        target: '[data-tour=volume-attachments]',
        needs: async (ctx) => {
          const problem = await missing(ctx);
          if (problem) return problem;
          const v = await findVolume(ctx, disk);
          return v?.status === 'in-use' || v?.status === 'available'
            ? null
            : { key: 'tours.storage.needsAttached', vars, backTo: 2 };
        },
        done: async (ctx) => {
          const v = await findVolume(ctx, disk);
          return v?.status === 'available' && v.attachments.length === 0;
        },
        doIt: [
          { click: 'vol.detach', in: 'page' },
          { click: 'vol.detach', in: 'dialog' },
        ],
      },
      {
        id: 'end',
        title: 'tours.storage.end.title',
        body: 'tours.storage.end.body',
        bodyVars: vars,
        route: '/volumes',
      },
    ];
    return steps;
  },
};
