import type { Server } from '@/lib/contract/server';
import type { TourAction, TourContext } from './types';

/** The server wizard, page by page, as a visitor fills it: Beijing 1, s1.small, cirros; optionally a network and group. */
export function wizardActions(
  name: string,
  pick: { network?: string; subnet?: string; group?: string } = {},
): TourAction[] {
  return [
    { click: 'wizard.reset' },
    { fill: 'common.name', value: name },
    { select: 'common.datacenter', option: 'dc-bj1' },
    { click: 'common.next' },
    { check: 's1.small' },
    { click: 'common.next' },
    { check: 'cirros' },
    { click: 'common.next' },
    ...(pick.network ? [{ select: 'wizard.network', option: pick.network } as const] : []),
    ...(pick.subnet ? [{ select: 'wizard.subnet', option: pick.subnet } as const] : []),
    { click: 'common.next' },
    { click: 'common.next' },
    ...(pick.group ? [{ check: pick.group } as const] : []),
    { click: 'common.next' },
    { click: 'common.next' },
    { click: 'wizard.submit' },
  ];
}

/** The servers one can see (an administrator: of every project). */
export const listServers = async (ctx: TourContext, isAllProjects = false) =>
  (await ctx.read<{ servers: Server[] }>(`/servers?limit=100${isAllProjects ? '&all_projects=true' : ''}`)).servers;
