import 'server-only';
import type { Network } from '@/lib/contract/network';
import { networkSortFields } from '@/lib/contract/network';
import { cidrsOverlap, firstHost } from '@/lib/network/ip';
import { CloudError, conflict, notFound } from '../errors';
import { pageOf } from '../paging';
import type { CloudProvider, ProviderContext } from '../types';
import { describeAll, listParam, type ShDeps } from './context';
import { settleJob } from './jobs';
import { toNetwork, toSubnet, type ShVxnet } from './mappers/vxnet';
import { shanheUnsupported } from './unsupported';

/**
 * Networks are vxnets. A vxnet gets addresses by joining a router with one IP network: that is its subnet (same
 * id as the vxnet). So a network has at most one subnet, and a second one is refused as a conflict.
 */
export function shNetworks(d: ShDeps): CloudProvider['networks'] {
  async function vxnet(ctx: ProviderContext, id: string, what = 'network'): Promise<ShVxnet> {
    const r = await d.call<{ vxnet_set: ShVxnet[] }>(ctx, 'DescribeVxnets', {
      ...listParam('vxnets', [id]),
      verbose: 1,
    });
    const v = r.vxnet_set[0];
    if (!v) throw notFound(what, id);
    return v;
  }
  /** The router new subnets join: the account's first, or a new one. */
  async function router(ctx: ProviderContext): Promise<string> {
    const r = await d.call<{ router_set: { router_id: string; status: string }[] }>(ctx, 'DescribeRouters', {
      limit: 1,
      ...listParam('status', ['active', 'pending']),
    });
    if (r.router_set[0]) return r.router_set[0].router_id;
    const created = await d.call<{ routers: string[]; job_id: string }>(ctx, 'CreateRouters', {
      router_name: 'yuntu-router',
      count: 1,
    });
    await settleJob(d, ctx, created.job_id, 'creating a router', 60_000);
    return created.routers[0]!;
  }
  return {
    async list(ctx, q) {
      if (q.external === 'true') return { items: [], total: 0 };
      const items = (await describeAll<ShVxnet>(d, ctx, 'DescribeVxnets', 'vxnet_set', { verbose: 1 })).map((v) =>
        toNetwork(v, ctx.projectId),
      );
      return pageOf(
        items,
        q,
        Object.fromEntries(networkSortFields.map((f) => [f, (n: Network) => n[f]])),
        (n) => n.name,
      );
    },
    get: async (ctx, id) => toNetwork(await vxnet(ctx, id), ctx.projectId),
    async create(ctx, input) {
      if (input.external)
        throw new CloudError(
          'forbidden',
          'Shanhe has no external networks to create: allocate a public IP (EIP) instead',
        );
      const r = await d.call<{ vxnets: string[] }>(ctx, 'CreateVxnets', {
        vxnet_name: input.name,
        vxnet_type: 1,
        count: 1,
      });
      return toNetwork(await vxnet(ctx, r.vxnets[0]!), ctx.projectId);
    },
    async remove(ctx, id) {
      const v = await vxnet(ctx, id);
      if (v.router)
        throw conflict(`network ${id} still has its subnet (joined to router ${v.router.router_id}); remove it first`);
      if (v.instance_ids?.length) throw conflict(`network ${id} still has servers`);
      await d.call(ctx, 'DeleteVxnets', listParam('vxnets', [id]));
    },
    async createSubnet(ctx, networkId, input) {
      const v = await vxnet(ctx, networkId);
      shanheUnsupported.refuseIf(
        input.ip_version === 6 || input.cidr.includes(':'),
        'POST /networks/{id}/subnets#ip_version=6',
      );
      if (v.router)
        throw conflict(
          `network ${networkId} already has subnet ${v.router.ip_network}: a vxnet joins one router with one IP network`,
        );
      const routerId = await router(ctx);
      const others = (await describeAll<ShVxnet>(d, ctx, 'DescribeVxnets', 'vxnet_set', { verbose: 1 })).filter(
        (x) => x.router && x.vxnet_id !== networkId,
      );
      const clash = others.find(
        (x) => x.router!.router_id === routerId && cidrsOverlap(x.router!.ip_network, input.cidr),
      );
      if (clash)
        throw conflict(
          `cidr ${input.cidr} overlaps ${clash.router!.ip_network} of network ${clash.vxnet_id} on the same router`,
        );
      const warnings = others
        .filter((x) => cidrsOverlap(x.router!.ip_network, input.cidr))
        .map((x) => `cidr ${input.cidr} overlaps ${x.router!.ip_network} of network ${x.vxnet_id}`);
      const r = await d.call<{ job_id: string }>(ctx, 'JoinRouter', {
        vxnet: networkId,
        router: routerId,
        ip_network: input.cidr,
        manager_ip: input.gateway_ip ?? firstHost(input.cidr) ?? undefined,
      });
      // The subnet exists once the join is done: wait for it, so the caller reads it back.
      await settleJob(d, ctx, r.job_id, `joining network ${networkId} to router ${routerId}`, 30_000);
      const subnet = toSubnet(await vxnet(ctx, networkId));
      if (!subnet) throw new CloudError('unavailable', `network ${networkId} has not joined router ${routerId} yet`);
      return { subnet: { ...subnet, name: input.name }, warnings };
    },
    async getSubnet(ctx, id) {
      const s = toSubnet(await vxnet(ctx, id, 'subnet'));
      if (!s) throw notFound('subnet', id);
      return { ...s, project_id: ctx.projectId };
    },
    async removeSubnet(ctx, id) {
      const v = await vxnet(ctx, id, 'subnet');
      if (!v.router) throw notFound('subnet', id);
      if (v.instance_ids?.length) throw conflict(`subnet ${id} still has servers`);
      const r = await d.call<{ job_id: string }>(ctx, 'LeaveRouter', {
        router: v.router.router_id,
        ...listParam('vxnets', [id]),
      });
      await settleJob(d, ctx, r.job_id, `removing subnet ${id}`, 30_000);
    },
  };
}

export function shFloatingIps(): CloudProvider['floatingIps'] {
  return {
    create: async () => shanheUnsupported.refuse('POST /floating-ips'),
    remove: async () => shanheUnsupported.refuse('DELETE /floating-ips/{id}'),
    update: async () => shanheUnsupported.refuse('PUT /floating-ips/{id}'),
    get: async () => shanheUnsupported.refuse('GET /floating-ips/{id}'),
    list: async () => shanheUnsupported.refuse('GET /floating-ips'),
  };
}
