import type { LoadBalancer } from '@/lib/contract/load-balancer';
import type { PublicIp } from '@/lib/contract/public-ip';
import type { SecurityGroup } from '@/lib/contract/security-group';
import type { Server } from '@/lib/contract/server';
import { findByName, findNetwork } from './reads';
import type { StepProblem, Tour, TourAction, TourContext, TourStep } from './types';
import { wizardActions } from './wizard';

/** A second octet of 10.x.0.0/24 from the run's suffix, so two runs' subnets rarely overlap (overlap only warns). */
const octet = (suffix: string) => 100 + (Array.from(suffix).reduce((n, c) => n * 31 + c.charCodeAt(0), 7) % 150);

/** (b) Publish a GIS tile service: network, security group, two servers, a load balancer, a public IP. */
export const gisServiceTour: Tour = {
  id: 'gis-service',
  title: 'tours.gis.title',
  summary: 'tours.gis.summary',
  steps: (suffix) => {
    const net = `gis-net-${suffix}`;
    const sub = `gis-sub-${suffix}`;
    const sg = `gis-web-${suffix}`;
    const servers = [`gis-tile-${suffix}-1`, `gis-tile-${suffix}-2`] as const;
    const lb = `gis-lb-${suffix}`;
    const pip = `gis-pip-${suffix}`;
    const cidr = `10.${octet(suffix)}.0.0/24`;
    const vars = { net, sub, sg, server1: servers[0], server2: servers[1], lb, pip, cidr };

    const findSg = (ctx: TourContext) => findByName<SecurityGroup>(ctx, '/security-groups', 'security_groups', sg);
    const findServer = (ctx: TourContext, name: string) => findByName<Server>(ctx, '/servers', 'servers', name);
    const findLb = (ctx: TourContext) => findByName<LoadBalancer>(ctx, '/load-balancers', 'load_balancers', lb);
    const findPip = (ctx: TourContext) => findByName<PublicIp>(ctx, '/public-ips', 'public_ips', pip);
    const hasWebRules = (g: SecurityGroup | undefined) =>
      [80, 443].every((port) =>
        g?.rules.some((r) => r.direction === 'ingress' && r.protocol === 'tcp' && r.port_range_min === port),
      );

    const needNetwork = async (ctx: TourContext): Promise<StepProblem | null> => {
      const n = await findNetwork(ctx, net);
      if (!n) return { key: 'tours.gis.needsNetwork', vars, backTo: 0 };
      return n.subnets.some((s) => s.name === sub) ? null : { key: 'tours.gis.needsSubnet', vars, backTo: 1 };
    };
    const needServerBasics = async (ctx: TourContext): Promise<StepProblem | null> =>
      (await needNetwork(ctx)) ??
      (hasWebRules(await findSg(ctx)) ? null : { key: 'tours.gis.needsRules', vars, backTo: 3 });
    const needServers = async (ctx: TourContext): Promise<StepProblem | null> => {
      for (const [i, name] of servers.entries()) {
        const s = await findServer(ctx, name);
        if (s?.status !== 'active') return { key: 'tours.gis.needsServer', vars: { name }, backTo: 4 + i };
      }
      return null;
    };
    const needLb = async (ctx: TourContext): Promise<StepProblem | null> =>
      (await findLb(ctx))?.status === 'active' ? null : { key: 'tours.gis.needsLb', vars, backTo: 6 };

    const serverStep = (i: 0 | 1): TourStep => ({
      id: `server-${i + 1}`,
      title: i === 0 ? 'tours.gis.server1.title' : 'tours.gis.server2.title',
      body: 'tours.gis.server.body',
      bodyVars: { ...vars, name: servers[i] },
      route: '/servers/new?step=basics',
      target: 'main',
      needs: needServerBasics,
      done: async (ctx) => (await findServer(ctx, servers[i]))?.status === 'active',
      doIt: wizardActions(servers[i], { network: net, subnet: sub, group: sg }),
    });

    return [
      {
        id: 'network',
        title: 'tours.gis.network.title',
        body: 'tours.gis.network.body',
        bodyVars: vars,
        route: '/networks',
        done: async (ctx) => !!(await findNetwork(ctx, net)),
        doIt: [
          { click: 'net.create', in: 'page' },
          { fill: 'common.name', value: net, in: 'dialog' },
          { click: 'common.create', in: 'dialog' },
        ],
      },
      {
        id: 'subnet',
        title: 'tours.gis.subnet.title',
        body: 'tours.gis.subnet.body',
        bodyVars: vars,
        route: '/networks',
        target: `[aria-label="${net}"]`,
        needs: async (ctx) =>
          (await findNetwork(ctx, net)) ? null : { key: 'tours.gis.needsNetwork', vars, backTo: 0 },
        done: async (ctx) => !(await needNetwork(ctx)),
        doIt: [
          { click: 'net.addSubnet', in: { item: net } },
          { fill: 'common.name', value: sub, in: 'dialog' },
          { fill: { text: 'CIDR' }, value: cidr, in: 'dialog' },
          { click: 'net.addSubnet', in: 'dialog' },
        ],
      },
      {
        id: 'security-group',
        title: 'tours.gis.sg.title',
        body: 'tours.gis.sg.body',
        bodyVars: vars,
        route: '/security-groups',
        done: async (ctx) => !!(await findSg(ctx)),
        doIt: [
          { click: 'sg.create', in: 'page' },
          { fill: 'common.name', value: sg, in: 'dialog' },
          { click: 'common.create', in: 'dialog' },
        ],
      },
      {
        id: 'rules',
        title: 'tours.gis.rules.title',
        body: 'tours.gis.rules.body',
        bodyVars: vars,
        route: async (ctx) => {
          const g = await findSg(ctx);
          return g ? `/security-groups/${g.id}` : null;
        },
        target: 'main form',
        needs: async (ctx) => ((await findSg(ctx)) ? null : { key: 'tours.gis.needsSg', vars, backTo: 2 }),
        done: async (ctx) => hasWebRules(await findSg(ctx)),
        doIt: ['HTTP (80)', 'HTTPS (443)'].flatMap((preset): TourAction[] => [
          { click: { text: preset }, in: { form: 'sg.addRule' } },
          { fill: 'sg.remoteCidr', value: '0.0.0.0/0', in: { form: 'sg.addRule' } },
          { click: 'sg.addRule', in: { form: 'sg.addRule' } },
          { waitFor: { text: `tcp ${preset.replace(/\D/g, '')}` }, in: 'page' },
        ]),
      },
      serverStep(0),
      serverStep(1),
      {
        id: 'load-balancer',
        title: 'tours.gis.lb.title',
        body: 'tours.gis.lb.body',
        bodyVars: vars,
        route: '/load-balancers',
        needs: async (ctx) => (await needNetwork(ctx)) ?? (await needServers(ctx)),
        done: async (ctx) => (await findLb(ctx))?.status === 'active',
        doIt: [
          { click: 'lb.create', in: 'page' },
          { fill: 'common.name', value: lb, in: 'dialog' },
          { select: 'wizard.subnet', option: sub, in: 'dialog' },
          { click: 'common.create', in: 'dialog' },
        ],
      },
      {
        id: 'members',
        title: 'tours.gis.members.title',
        body: 'tours.gis.members.body',
        bodyVars: vars,
        route: async (ctx) => {
          const b = await findLb(ctx);
          return b ? `/load-balancers/${b.id}` : null;
        },
        target: 'main',
        needs: async (ctx) => (await needLb(ctx)) ?? (await needServers(ctx)),
        done: async (ctx) => {
          const b = await findLb(ctx);
          return !!b && b.status === 'active' && b.listeners.some((l) => l.port === 80) && b.members.length >= 2;
        },
        doIt: [
          { fill: 'lb.port', value: '80', in: { form: 'lb.addListener' } },
          { click: 'lb.addListener', in: { form: 'lb.addListener' } },
          ...servers.flatMap((name): TourAction[] => [
            { select: 'fip.server', option: name, in: { form: 'lb.addMember' } },
            { fill: 'lb.port', value: '80', in: { form: 'lb.addMember' } },
            { click: 'lb.addMember', in: { form: 'lb.addMember' } },
            { waitFor: { key: 'lb.removeMemberNamed', vars: { name } }, in: 'page' },
          ]),
        ],
      },
      {
        id: 'public-ip',
        title: 'tours.gis.pip.title',
        body: 'tours.gis.pip.body',
        bodyVars: vars,
        route: '/public-ips',
        needs: needServers,
        done: async (ctx) => !!(await findPip(ctx))?.server_id,
        doIt: [
          { click: 'pip.create', in: 'page' },
          { fill: 'common.name', value: pip, in: 'dialog' },
          { click: 'common.create', in: 'dialog' },
          { click: 'pip.bind', in: { row: pip } },
          { select: 'fip.server', option: servers[0], in: 'dialog' },
          { click: 'pip.bind', in: 'dialog' },
        ],
      },
      { id: 'end', title: 'tours.gis.end.title', body: 'tours.gis.end.body', bodyVars: vars, route: '/topology' },
    ];
  },
};
