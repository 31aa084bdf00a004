import 'server-only';
import type { LoadBalancer } from '@/lib/contract/load-balancer';
import { loadBalancerSortFields } from '@/lib/contract/load-balancer';
import { conflict, notFound } from '../errors';
import { pageOf } from '../paging';
import type { CloudProvider, ProviderContext } from '../types';
import { shInstanceIn } from './compute';
import { describeAll, listParam, type ShDeps } from './context';
import { settleJob } from './jobs';
import type { ShInstance } from './mappers/instance';
import { toLoadBalancer, type ShListener, type ShLoadBalancer } from './mappers/load-balancer';
import type { ShVxnet } from './mappers/vxnet';
import { boundTo, describeAllZones, listZones, locateIn } from './zones';
import { shanheUnsupported } from './unsupported';
import { namesOtherProject } from '../shared/only-project';

/**
 * Load balancers with listeners and backends; backends belong to listeners, so the standard's LB-wide member set is
 * kept on every listener. Changes take effect with UpdateLoadBalancers, which each change here calls. A load balancer
 * lives in the zone of its vxnet: it is made there, found there (zones.ts) and every call on it, its listeners and
 * its members names that zone (`dz`); its members are servers of that zone.
 */
export function shLoadBalancers(d: ShDeps): CloudProvider['loadBalancers'] {
  async function lb(ctx: ProviderContext, id: string): Promise<{ x: ShLoadBalancer; dz: ShDeps }> {
    const found = await locateIn(d, ctx, id, async (dz) => {
      const x = (
        await dz.call<{ loadbalancer_set: ShLoadBalancer[] }>(
          ctx,
          'DescribeLoadBalancers',
          listParam('loadbalancers', [id]),
        )
      ).loadbalancer_set[0];
      return x && x.status !== 'deleted' && x.status !== 'ceased' ? x : undefined;
    });
    if (!found) throw notFound('load balancer', id);
    return { x: found.row, dz: found.dz };
  }
  const listenersOf = (ctx: ProviderContext, dz: ShDeps, id: string) =>
    describeAll<ShListener>(dz, ctx, 'DescribeLoadBalancerListeners', 'loadbalancer_listener_set', {
      loadbalancer: id,
      verbose: 1,
    });
  async function view(ctx: ProviderContext, dz: ShDeps, x: ShLoadBalancer): Promise<LoadBalancer> {
    const listeners = await listenersOf(ctx, dz, x.loadbalancer_id);
    const ids = [...new Set(listeners.flatMap((l) => (l.backends ?? []).map((b) => b.resource_id)))];
    const known = ids.length
      ? (
          await dz.call<{ instance_set: ShInstance[] }>(ctx, 'DescribeInstances', {
            ...listParam('instances', ids),
            verbose: 1,
          })
        ).instance_set
      : [];
    const ipOf = (id: string) => known.find((i) => i.instance_id === id)?.vxnets?.[0]?.private_ip ?? '';
    return toLoadBalancer(x, listeners, ipOf, ctx.projectId);
  }
  const update = async (ctx: ProviderContext, dz: ShDeps, id: string) => {
    const r = await dz.call<{ job_id: string }>(ctx, 'UpdateLoadBalancers', listParam('loadbalancers', [id]));
    await settleJob(dz, ctx, r.job_id, `applying the changes of load balancer ${id}`, 300);
  };
  const reread = async (ctx: ProviderContext, id: string) => {
    const { x, dz } = await lb(ctx, id);
    return view(ctx, dz, x);
  };
  /** The vxnet a new load balancer goes in and the zone it is in (the load balancer's zone). */
  async function placement(ctx: ProviderContext, subnetId?: string): Promise<{ vxnet: string; dz: ShDeps }> {
    if (subnetId) {
      const found = await locateIn(
        d,
        ctx,
        subnetId,
        async (dz) =>
          (await dz.call<{ vxnet_set: ShVxnet[] }>(ctx, 'DescribeVxnets', listParam('vxnets', [subnetId])))
            .vxnet_set[0],
      );
      if (!found) throw notFound('subnet', subnetId);
      return { vxnet: subnetId, dz: found.dz };
    }
    const vxnet = (await describeAll<ShVxnet>(d, ctx, 'DescribeVxnets', 'vxnet_set', { verbose: 1 })).find(
      (v) => v.router,
    )?.vxnet_id;
    if (!vxnet) throw conflict('the account has no vxnet joined to a router to place a load balancer in');
    return { vxnet, dz: d };
  }
  return {
    async create(ctx, input) {
      const { vxnet, dz } = await placement(ctx, input.subnet_id);
      const r = await dz.call<{ loadbalancer_id: string; job_id: string }>(ctx, 'CreateLoadBalancer', {
        loadbalancer_name: input.name,
        vxnet,
        loadbalancer_type: 0,
      });
      await settleJob(dz, ctx, r.job_id, 'creating the load balancer', 300);
      if (input.description)
        await dz.call(ctx, 'ModifyLoadBalancerAttributes', {
          loadbalancer: r.loadbalancer_id,
          description: input.description,
        });
      return reread(ctx, r.loadbalancer_id);
    },
    async remove(ctx, id) {
      const { dz } = await lb(ctx, id);
      const r = await dz.call<{ job_id: string }>(ctx, 'DeleteLoadBalancers', listParam('loadbalancers', [id]));
      const job = await settleJob(dz, ctx, r.job_id, `deleting load balancer ${id}`, 300);
      return { pending: job?.status !== 'successful' };
    },
    get: (ctx, id) => reread(ctx, id),
    async list(ctx, q) {
      shanheUnsupported.refuseIf(namesOtherProject(ctx), 'GET /load-balancers#project_id');
      // Every active zone's load balancers (Shanhe lists one zone a call), each read in its zone.
      const rows = await describeAllZones<ShLoadBalancer>(
        d,
        ctx,
        await listZones(d, ctx),
        'DescribeLoadBalancers',
        'loadbalancer_set',
        listParam('status', ['pending', 'active', 'stopped', 'suspended']),
      );
      let items = await Promise.all(rows.map(({ row, zone }) => view(ctx, boundTo(d, zone), row)));
      if (q.status) items = items.filter((x) => x.status === q.status);
      return pageOf(
        items,
        q,
        Object.fromEntries(loadBalancerSortFields.map((f) => [f, (x: LoadBalancer) => x[f]])),
        (x) => x.name,
      );
    },
    async changeMembers(ctx, id, input) {
      const { x, dz } = await lb(ctx, id);
      const listeners = await listenersOf(ctx, dz, id);
      if (!listeners.length)
        throw conflict(`load balancer ${id} has no listener; backends belong to listeners, so add a listener first`);
      if (input.op === 'add') {
        const i = await shInstanceIn(dz, ctx, input.server_id, dz.s.zone, `load balancer ${id} lives`);
        for (const l of listeners) {
          if ((l.backends ?? []).some((b) => b.resource_id === i.instance_id)) continue;
          await dz.call(ctx, 'AddLoadBalancerBackends', {
            loadbalancer_listener: l.loadbalancer_listener_id,
            'backends.1.resource_id': i.instance_id,
            'backends.1.port': input.port,
            'backends.1.weight': 5,
            'backends.1.loadbalancer_backend_name': i.instance_name,
          });
        }
      } else {
        let serverId = input.server_id;
        if (!serverId) {
          const ids = [...new Set(listeners.flatMap((l) => (l.backends ?? []).map((b) => b.resource_id)))];
          const found = ids.length
            ? (
                await dz.call<{ instance_set: ShInstance[] }>(ctx, 'DescribeInstances', {
                  ...listParam('instances', ids),
                  verbose: 1,
                })
              ).instance_set
            : [];
          serverId = found.find((i) => i.vxnets?.some((v) => v.private_ip === input.server_ip))?.instance_id;
        }
        const gone = listeners
          .flatMap((l) => (l.backends ?? []).filter((b) => b.resource_id === serverId))
          .map((b) => b.loadbalancer_backend_id);
        if (!gone.length) throw notFound('member', input.server_id ?? input.server_ip ?? '');
        await dz.call(ctx, 'DeleteLoadBalancerBackends', listParam('loadbalancer_backends', gone));
      }
      await update(ctx, dz, id);
      return view(ctx, dz, x);
    },
    async addListener(ctx, id, input) {
      const { x, dz } = await lb(ctx, id);
      if ((await listenersOf(ctx, dz, id)).some((l) => l.listener_port === input.port))
        throw conflict(`load balancer ${id} already listens on port ${input.port}`);
      const proto = input.protocol.toLowerCase();
      await dz.call(ctx, 'AddLoadBalancerListeners', {
        loadbalancer: id,
        'listeners.1.listener_port': input.port,
        'listeners.1.listener_protocol': proto,
        'listeners.1.backend_protocol': proto === 'https' ? 'http' : proto,
        'listeners.1.balance_mode': 'roundrobin',
        'listeners.1.loadbalancer_listener_name': `${proto}-${input.port}`,
      });
      await update(ctx, dz, id);
      return view(ctx, dz, x);
    },
    async removeListener(ctx, id, listenerId) {
      const { x, dz } = await lb(ctx, id);
      if (!(await listenersOf(ctx, dz, id)).some((l) => l.loadbalancer_listener_id === listenerId))
        throw notFound('listener', listenerId);
      await dz.call(ctx, 'DeleteLoadBalancerListeners', listParam('loadbalancer_listeners', [listenerId]));
      await update(ctx, dz, id);
      return view(ctx, dz, x);
    },
  };
}
