import 'server-only';
import type { PublicIp } from '@/lib/contract/public-ip';
import { publicIpSortFields } from '@/lib/contract/public-ip';
import { conflict, notFound } from '../errors';
import { pageOf } from '../paging';
import type { CloudProvider, ProviderContext } from '../types';
import { shInstanceIn } from './compute';
import { describeAll, listParam, type ShDeps } from './context';
import { settleJob } from './jobs';
import { toPublicIp, type ShEip } from './mappers/eip';
import type { ShInstance } from './mappers/instance';
import { shanheUnsupported } from './unsupported';
import { boundTo, describeAllZones, listZones, locateIn } from './zones';
import { namesOtherProject } from '../shared/only-project';

/**
 * Public IPs are EIPs, associated with an instance (its first NIC) of their own zone. New ones are allocated in the
 * configured zone; one of another zone is found there (zones.ts) and every call on it names that zone (`dz`).
 */
export function shPublicIps(d: ShDeps): CloudProvider['publicIps'] {
  async function eip(ctx: ProviderContext, id: string): Promise<{ e: ShEip; dz: ShDeps }> {
    const found = await locateIn(d, ctx, id, async (dz) => {
      const e = (await dz.call<{ eip_set: ShEip[] }>(ctx, 'DescribeEips', listParam('eips', [id]))).eip_set[0];
      return e && e.status !== 'released' && e.status !== 'ceased' ? e : undefined;
    });
    if (!found) throw notFound('public IP', id);
    return { e: found.row, dz: found.dz };
  }
  async function mapped(ctx: ProviderContext, e: ShEip, dz: ShDeps): Promise<PublicIp> {
    const serverId =
      e.status === 'associated' && e.resource?.resource_type === 'instance' ? e.resource.resource_id : null;
    const ip = serverId
      ? ((await shInstanceIn(dz, ctx, serverId, dz.s.zone, `public IP ${e.eip_id} lives`).catch(() => null))
          ?.vxnets?.[0]?.private_ip ?? null)
      : null;
    return toPublicIp(e, ctx.projectId, ip);
  }
  /** The instance a bind/unbind names, in the public IP's zone: by id, or the one holding that private address. */
  async function instanceFor(
    ctx: ProviderContext,
    input: { server_id?: string; private_ip?: string },
    dz: ShDeps,
  ): Promise<ShInstance> {
    if (input.server_id) return shInstanceIn(dz, ctx, input.server_id, dz.s.zone, 'the public IP lives');
    const all = await describeAll<ShInstance>(dz, ctx, 'DescribeInstances', 'instance_set', {
      verbose: 1,
      ...listParam('status', ['pending', 'running', 'stopped']),
    });
    const i = all.find((x) => x.vxnets?.some((v) => v.private_ip === input.private_ip));
    if (!i) throw notFound('private IP', input.private_ip ?? '');
    return i;
  }
  const reread = async (ctx: ProviderContext, id: string) => {
    const { e, dz } = await eip(ctx, id);
    return mapped(ctx, e, dz);
  };
  return {
    async create(ctx, input) {
      shanheUnsupported.refuseIf(input.ip_version === 6, 'POST /public-ips#ip_version=IPv6');
      const r = await d.call<{ eips: string[] }>(ctx, 'AllocateEips', {
        bandwidth: 1,
        billing_mode: 'bandwidth',
        eip_name: input.name,
        count: 1,
      });
      return reread(ctx, r.eips[0]!);
    },
    async bind(ctx, id, input) {
      const { e, dz } = await eip(ctx, id);
      if (e.status === 'associated') throw conflict(`public IP ${id} is already bound; unbind it first`);
      const i = await instanceFor(ctx, input, dz);
      if (i.eip?.eip_id) throw conflict(`server ${i.instance_id} already has public IP ${i.eip.eip_addr}`);
      const r = await dz.call<{ job_id: string }>(ctx, 'AssociateEip', { eip: id, instance: i.instance_id });
      await settleJob(dz, ctx, r.job_id, `binding public IP ${id}`, 10_000);
      return reread(ctx, id);
    },
    async unbind(ctx, id, input) {
      const { e, dz } = await eip(ctx, id);
      if (e.status !== 'associated' || !e.resource) throw conflict(`public IP ${id} is not bound`);
      const i = await instanceFor(ctx, input, dz);
      if (e.resource.resource_id !== i.instance_id)
        throw conflict(`public IP ${id} is not bound to server ${i.instance_id}`);
      const r = await dz.call<{ job_id: string }>(ctx, 'DissociateEips', listParam('eips', [id]));
      await settleJob(dz, ctx, r.job_id, `unbinding public IP ${id}`, 10_000);
      return reread(ctx, id);
    },
    get: (ctx, id) => reread(ctx, id),
    async list(ctx, q) {
      shanheUnsupported.refuseIf(namesOtherProject(ctx), 'GET /public-ips#project_id');
      // Every active zone's EIPs (Shanhe lists one zone a call), each mapped in its zone.
      const rows = await describeAllZones<ShEip>(
        d,
        ctx,
        await listZones(d, ctx),
        'DescribeEips',
        'eip_set',
        listParam('status', ['pending', 'available', 'associated', 'suspended']),
      );
      let items = await Promise.all(rows.map(({ row, zone }) => mapped(ctx, row, boundTo(d, zone))));
      if (q.status) items = items.filter((p) => p.status === q.status);
      return pageOf(
        items,
        q,
        Object.fromEntries(publicIpSortFields.map((f) => [f, (p: PublicIp) => p[f]])),
        (p) => p.name,
      );
    },
    async remove(ctx, id) {
      const { e, dz } = await eip(ctx, id);
      if (e.status === 'associated') throw conflict(`public IP ${id} is bound; unbind it before releasing it`);
      const r = await dz.call<{ job_id: string }>(ctx, 'ReleaseEips', listParam('eips', [id]));
      await settleJob(dz, ctx, r.job_id, `releasing public IP ${id}`, 300);
    },
  };
}
