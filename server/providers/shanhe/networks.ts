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
import { describeAllZones, listZones, locateIn } from './zones';
import { namesOtherProject } from '../shared/only-project';

/**
 * Networks are vxnets. A vxnet gets addresses by joining a router with one IP network: that is its subnet (same
 * id as the vxnet). So a network has at most one subnet, and a second one is refused as a conflict.
 */
export function shNetworks(d: ShDeps): CloudProvider['networks'] {
  /**
   * A vxnet and the driver bound to its zone (`dz`): new ones are made in the configured zone, one of another zone
   * is found there (zones.ts), and every call on it names that zone.
   */
  async function vxnet(ctx: ProviderContext, id: string, what = 'network'): Promise<{ v: ShVxnet; dz: ShDeps }> {
    const found = await locateIn(
      d,
      ctx,
      id,
      async (dz) =>
        (await dz.call<{ vxnet_set: ShVxnet[] }>(ctx, 'DescribeVxnets', { ...listParam('vxnets', [id]), verbose: 1 }))
          .vxnet_set[0],
    );
    if (!found) throw notFound(what, id);
    return { v: found.row, dz: found.dz };
  }
  /** The router new subnets join: the account's first in the zone, or a new one. */
  async function router(ctx: ProviderContext, dz: ShDeps): Promise<string> {
    const r = await dz.call<{ router_set: { router_id: string; status: string }[] }>(ctx, 'DescribeRouters', {
      limit: 1,
      ...listParam('status', ['active', 'pending']),
    });
    if (r.router_set[0]) return r.router_set[0].router_id;
    const created = await dz.call<{ routers: string[]; job_id: string }>(ctx, 'CreateRouters', {
      router_name: 'yuntu-router',
      count: 1,
    });
    await settleJob(dz, ctx, created.job_id, 'creating a router', 60_000);
    return created.routers[0]!;
  }
  return {
    async list(ctx, q) {
      shanheUnsupported.refuseIf(namesOtherProject(ctx), 'GET /networks#project_id');
      if (q.external === 'true') return { items: [], total: 0 };
      // Every active zone's vxnets (Shanhe lists one zone a call).
      const rows = await describeAllZones<ShVxnet>(d, ctx, await listZones(d, ctx), 'DescribeVxnets', 'vxnet_set', {
        verbose: 1,
      });
      const items = rows.map(({ row }) => toNetwork(row, ctx.projectId));
      return pageOf(
        items,
        q,
        Object.fromEntries(networkSortFields.map((f) => [f, (n: Network) => n[f]])),
        (n) => n.name,
      );
    },
    get: async (ctx, id) => toNetwork((await vxnet(ctx, id)).v, ctx.projectId),
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
      return toNetwork((await vxnet(ctx, r.vxnets[0]!)).v, ctx.projectId);
    },
    async remove(ctx, id) {
      const { v, dz } = await vxnet(ctx, id);
      if (v.router)
        throw conflict(`network ${id} still has its subnet (joined to router ${v.router.router_id}); remove it first`);
      if (v.instance_ids?.length) throw conflict(`network ${id} still has servers`);
      await dz.call(ctx, 'DeleteVxnets', listParam('vxnets', [id]));
    },
    async createSubnet(ctx, networkId, input) {
      const { v, dz } = await vxnet(ctx, networkId);
      shanheUnsupported.refuseIf(
        input.ip_version === 6 || input.cidr.includes(':'),
        'POST /networks/{id}/subnets#ip_version=6',
      );
      if (v.router)
        throw conflict(
          `network ${networkId} already has subnet ${v.router.ip_network}: a vxnet joins one router with one IP network`,
        );
      const routerId = await router(ctx, dz);
      const others = (await describeAll<ShVxnet>(dz, ctx, 'DescribeVxnets', 'vxnet_set', { verbose: 1 })).filter(
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
      const r = await dz.call<{ job_id: string }>(ctx, 'JoinRouter', {
        vxnet: networkId,
        router: routerId,
        ip_network: input.cidr,
        manager_ip: input.gateway_ip ?? firstHost(input.cidr) ?? undefined,
      });
      // The subnet exists once the join is done: wait for it, so the caller reads it back.
      await settleJob(dz, ctx, r.job_id, `joining network ${networkId} to router ${routerId}`, 30_000);
      const subnet = toSubnet((await vxnet(ctx, networkId)).v);
      if (!subnet) throw new CloudError('unavailable', `network ${networkId} has not joined router ${routerId} yet`);
      return { subnet: { ...subnet, name: input.name }, warnings };
    },
    async getSubnet(ctx, id) {
      const s = toSubnet((await vxnet(ctx, id, 'subnet')).v);
      if (!s) throw notFound('subnet', id);
      return { ...s, project_id: ctx.projectId };
    },
    async removeSubnet(ctx, id) {
      const { v, dz } = await vxnet(ctx, id, 'subnet');
      if (!v.router) throw notFound('subnet', id);
      if (v.instance_ids?.length) throw conflict(`subnet ${id} still has servers`);
      const r = await dz.call<{ job_id: string }>(ctx, 'LeaveRouter', {
        router: v.router.router_id,
        ...listParam('vxnets', [id]),
      });
      await settleJob(dz, ctx, r.job_id, `removing subnet ${id}`, 30_000);
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
