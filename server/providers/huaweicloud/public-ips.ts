import 'server-only';
import type { PublicIp } from '@/lib/contract/public-ip';
import { publicIpSortFields } from '@/lib/contract/public-ip';
import { conflict, notFound } from '../errors';
import { pageOf } from '../paging';
import type { CloudProvider, ProviderContext } from '../types';
import { ecsServer, orNotFound } from './compute';
import type { HwDeps } from './context';
import { toPublicIp, type HwPublicIp } from './mappers/public-ip';
import { getOne, hw, listAll, removeOne } from './rest';
import { huaweiUnsupported } from './unsupported';
import { namesOtherProject } from '../shared/only-project';

interface HwPort {
  id: string;
  device_id?: string;
  fixed_ips?: { ip_address: string; subnet_id?: string }[];
}

/**
 * The standard's public IP is Huawei's EIP: allocated with a dedicated 5_bgp bandwidth, bound to a server's port.
 * Its server is found through the bound port's device.
 */
export function hwPublicIps(d: HwDeps): CloudProvider['publicIps'] {
  const eip = (ctx: ProviderContext, id: string) =>
    orNotFound(getOne<HwPublicIp>(d, ctx, hw.publicIps, id), 'public IP', id);
  const serverOfPort = async (ctx: ProviderContext, portId: string | null | undefined) => {
    if (!portId) return null;
    const p = await getOne<HwPort>(d, ctx, hw.ports, portId).catch(() => null);
    return p?.device_id || null;
  };
  const mapped = async (ctx: ProviderContext, p: HwPublicIp): Promise<PublicIp> =>
    toPublicIp(p, ctx.projectId, await serverOfPort(ctx, p.port_id));

  /** The port a bind/unbind names: the server's first NIC, or the port holding that private address. */
  async function portFor(
    ctx: ProviderContext,
    input: { server_id?: string; private_ip?: string },
  ): Promise<{ id: string; serverId: string | null }> {
    if (input.server_id) {
      const s = await ecsServer(d, ctx, input.server_id);
      const nic = Object.values(s.addresses ?? {})
        .flat()
        .find((a) => a['OS-EXT-IPS:type'] !== 'floating' && a['OS-EXT-IPS:port_id']);
      if (!nic) throw conflict(`server ${s.id} has no network port to bind a public IP to`);
      return { id: nic['OS-EXT-IPS:port_id']!, serverId: s.id };
    }
    const ports = await listAll<HwPort>(d, ctx, hw.ports, { fixed_ips: `ip_address=${input.private_ip}` });
    const port = ports.find((p) => p.fixed_ips?.some((f) => f.ip_address === input.private_ip));
    if (!port) throw notFound('private IP', input.private_ip ?? '');
    return { id: port.id, serverId: port.device_id || null };
  }

  return {
    async create(ctx, input) {
      const r = await d.call<{ publicip: HwPublicIp }>(ctx, 'vpc', 'POST', hw.publicIps.path, {
        body: {
          publicip: { type: '5_bgp', ip_version: input.ip_version, ...(input.name ? { alias: input.name } : {}) },
          bandwidth: { name: input.name || 'yuntu-eip', size: 1, share_type: 'PER' },
        },
      });
      return mapped(ctx, r.publicip);
    },
    async bind(ctx, id, input) {
      const p = await eip(ctx, id);
      if (p.port_id) throw conflict(`public IP ${id} is already bound; unbind it first`);
      const port = await portFor(ctx, input);
      const r = await d.call<{ publicip: HwPublicIp }>(
        ctx,
        'vpc',
        'PUT',
        `${hw.publicIps.path}/${encodeURIComponent(id)}`,
        { body: { publicip: { port_id: port.id } } },
      );
      return toPublicIp(r.publicip, ctx.projectId, port.serverId);
    },
    async unbind(ctx, id, input) {
      const p = await eip(ctx, id);
      if (!p.port_id) throw conflict(`public IP ${id} is not bound`);
      const serverId = await serverOfPort(ctx, p.port_id);
      if (input.server_id && input.server_id !== serverId)
        throw conflict(`public IP ${id} is not bound to server ${input.server_id}`);
      if (input.private_ip && input.private_ip !== p.private_ip_address)
        throw conflict(`public IP ${id} is not bound to ${input.private_ip}`);
      // VPC v1 unbinds with an explicit null port.
      const r = await d.call<{ publicip: HwPublicIp }>(
        ctx,
        'vpc',
        'PUT',
        `${hw.publicIps.path}/${encodeURIComponent(id)}`,
        { body: { publicip: { port_id: null } } },
      );
      return toPublicIp(r.publicip, ctx.projectId, null);
    },
    get: async (ctx, id) => mapped(ctx, await eip(ctx, id)),
    async list(ctx, q) {
      huaweiUnsupported.refuseIf(namesOtherProject(ctx), 'GET /public-ips#project_id');
      const rows = await listAll<HwPublicIp>(d, ctx, hw.publicIps);
      let items = await Promise.all(rows.map((p) => mapped(ctx, p)));
      if (q.status) items = items.filter((p) => p.status === q.status);
      return pageOf(
        items,
        q,
        Object.fromEntries(publicIpSortFields.map((f) => [f, (p: PublicIp) => p[f]])),
        (p) => p.name,
      );
    },
    async remove(ctx, id) {
      const p = await eip(ctx, id);
      if (p.port_id) throw conflict(`public IP ${id} is bound; unbind it before releasing it`);
      await removeOne(d, ctx, hw.publicIps, id);
    },
  };
}
