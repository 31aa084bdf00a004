import type { Server } from '@/lib/contract/server';
import type { TourAction, TourContext } from './types';

/** The server wizard, page by page, as a visitor fills it: Beijing 1, s1.small, cirros; optionally a network and group. */
export function wizardActions(
  name: string,
  pick: { network?: string; subnet?: string; group?: string } = {},
): TourAction[] {
  // Each Next waits for the next page of the wizard: a second click before it renders would validate the old page.
  const next = (page: string): TourAction[] => [{ click: 'common.next' }, { url: `step=${page}` }];
  return [
    { click: 'wizard.reset' },
    { url: 'step=basics' },
    { fill: 'common.name', value: name },
    { select: 'common.datacenter', option: 'dc-bj1' },
    ...next('flavor'),
    { check: 's1.small' },
    ...next('image'),
    { check: 'cirros' },
    ...next('network'),
    ...(pick.network ? [{ select: 'wizard.network', option: pick.network } as const] : []),
    ...(pick.subnet ? [{ select: 'wizard.subnet', option: pick.subnet } as const] : []),
    ...next('storage'),
    ...next('security'),
    ...(pick.group ? [{ check: pick.group } as const] : []),
    ...next('advanced'),
    ...next('review'),
    { click: 'wizard.submit' },
  ];
}

/** The servers one can see (an administrator: of every project). */
export const listServers = async (ctx: TourContext, isAllProjects = false) =>
  (await ctx.read<{ servers: Server[] }>(`/servers?limit=100${isAllProjects ? '&all_projects=true' : ''}`)).servers;
