import 'server-only';
import type { Network } from '@/lib/contract/network';
import { networkSortFields } from '@/lib/contract/network';
import { cidrsOverlap, firstHost } from '@/lib/network/ip';
import { CloudError, conflict } from '../errors';
import { pageOf } from '../paging';
import type { CloudProvider, ProviderContext } from '../types';
import { orNotFound } from './compute';
import type { HwDeps } from './context';
import { toNetwork, toSubnet, type HwSubnet, type HwVpc } from './mappers/network';
import { createOne, getOne, hw, listAll } from './rest';
import { huaweiUnsupported } from './unsupported';
import { namesOtherProject } from '../shared/only-project';

async function vpcOf(d: HwDeps, ctx: ProviderContext, id: string): Promise<HwVpc> {
  return orNotFound(getOne<HwVpc>(d, ctx, hw.vpcs, id), 'network', id);
}

export function hwNetworks(d: HwDeps): CloudProvider['networks'] {
  const subnetsOf = (ctx: ProviderContext, vpcId?: string) => listAll<HwSubnet>(d, ctx, hw.subnets, { vpc_id: vpcId });
  return {
    async list(ctx, q) {
      huaweiUnsupported.refuseIf(namesOtherProject(ctx), 'GET /networks#project_id');
      // No Huawei VPC is external (q.external === 'true' finds none): the internet is reached through EIPs.
      if (q.external === 'true') return { items: [], total: 0 };
      const [vpcs, subnets] = await Promise.all([listAll<HwVpc>(d, ctx, hw.vpcs), subnetsOf(ctx)]);
      const items = vpcs.map((v) => toNetwork(v, subnets, ctx.projectId));
      return pageOf(
        items,
        q,
        Object.fromEntries(networkSortFields.map((f) => [f, (n: Network) => n[f]])),
        (n) => n.name,
      );
    },
    async get(ctx, id) {
      const vpc = await vpcOf(d, ctx, id);
      return toNetwork(vpc, await subnetsOf(ctx, id), ctx.projectId);
    },
    async create(ctx, input) {
      if (input.external)
        throw new CloudError(
          'forbidden',
          'Huawei Cloud has no external networks to create: allocate a public IP (EIP) instead',
        );
      const vpc = await createOne<HwVpc>(d, ctx, hw.vpcs, { name: input.name });
      return toNetwork(vpc, [], ctx.projectId);
    },
    async remove(ctx, id) {
      await vpcOf(d, ctx, id);
      if ((await subnetsOf(ctx, id)).length) throw conflict(`network ${id} still has subnets; remove them first`);
      await d.call(ctx, 'vpc', 'DELETE', `${hw.vpcs.path}/${encodeURIComponent(id)}`);
    },
    async createSubnet(ctx, networkId, input) {
      await vpcOf(d, ctx, networkId);
      huaweiUnsupported.refuseIf(
        input.ip_version === 6 || input.cidr.includes(':'),
        'POST /networks/{id}/subnets#ip_version=6',
      );
      const all = await subnetsOf(ctx);
      const clash = all.find((s) => s.vpc_id === networkId && cidrsOverlap(s.cidr, input.cidr));
      if (clash)
        throw conflict(`cidr ${input.cidr} overlaps subnet ${clash.name} (${clash.cidr}) of network ${networkId}`);
      const warnings = all
        .filter((s) => s.vpc_id !== networkId && cidrsOverlap(s.cidr, input.cidr))
        .map((s) => `cidr ${input.cidr} overlaps subnet ${s.name} (${s.cidr}) of network ${s.vpc_id}`);
      const created = await createOne<HwSubnet>(d, ctx, hw.subnets, {
        name: input.name,
        cidr: input.cidr,
        gateway_ip: input.gateway_ip ?? firstHost(input.cidr) ?? undefined,
        vpc_id: networkId,
        dhcp_enable: true,
      });
      return { subnet: toSubnet(created), warnings };
    },
    async getSubnet(ctx, id) {
      const s = await orNotFound(getOne<HwSubnet>(d, ctx, hw.subnets, id), 'subnet', id);
      return { ...toSubnet(s), project_id: ctx.projectId };
    },
    async removeSubnet(ctx, id) {
      const s = await orNotFound(getOne<HwSubnet>(d, ctx, hw.subnets, id), 'subnet', id);
      // VPC v1 deletes a subnet under its VPC's path.
      await d.call(
        ctx,
        'vpc',
        'DELETE',
        `${hw.vpcs.path}/${encodeURIComponent(s.vpc_id)}/subnets/${encodeURIComponent(id)}`,
      );
    },
  };
}

export function hwFloatingIps(): CloudProvider['floatingIps'] {
  return {
    create: async () => huaweiUnsupported.refuse('POST /floating-ips'),
    remove: async () => huaweiUnsupported.refuse('DELETE /floating-ips/{id}'),
    update: async () => huaweiUnsupported.refuse('PUT /floating-ips/{id}'),
    get: async () => huaweiUnsupported.refuse('GET /floating-ips/{id}'),
    list: async () => huaweiUnsupported.refuse('GET /floating-ips'),
  };
}
