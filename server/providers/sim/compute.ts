import 'server-only';
import type { Datacenter, Host } from '@/lib/contract/datacenter';
import type { Queryable } from '../../db/client';
import { conflict, notFound, quotaExceeded } from '../errors';
import type { CloudProvider } from '../types';
import type { SimDeps } from './deps';
import { projectQuotas } from './identity';

type HostRow = {
  id: string;
  name: string;
  datacenter_id: string;
  status: 'enabled' | 'disabled';
  disabled_reason: string | null;
  down: boolean;
  vcpus: number;
  memory_mb: number;
  disk_gb: number;
  used_vcpus: string | number;
  used_memory_mb: string | number;
  used_disk_gb: string | number;
  servers: string | number;
};

/** Hosts with what their servers take; `lock` holds them until the transaction ends (scheduling). */
export async function hostsWithUsage(q: Queryable, where: string, params: unknown[], lock = false): Promise<Host[]> {
  if (lock) await q.query(`SELECT id FROM sim_hosts h ${where} FOR UPDATE`, params);
  const rows = await q.query<HostRow>(
    `SELECT h.*, COALESCE(SUM(s.vcpus), 0) AS used_vcpus, COALESCE(SUM(s.ram_mb), 0) AS used_memory_mb,
            COALESCE(SUM(s.disk_gb), 0) AS used_disk_gb, COUNT(s.id) AS servers
     FROM sim_hosts h LEFT JOIN sim_servers s ON s.host_id = h.id ${where}
     GROUP BY h.id ORDER BY h.name`,
    params,
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    datacenter_id: r.datacenter_id,
    status: r.status,
    disabled_reason: r.status === 'disabled' ? (r.disabled_reason ?? '') : null,
    state: r.down ? 'down' : 'up',
    total_vcpus: r.vcpus,
    used_vcpus: Number(r.used_vcpus),
    total_memory_mb: r.memory_mb,
    used_memory_mb: Number(r.used_memory_mb),
    total_disk_gb: r.disk_gb,
    used_disk_gb: Number(r.used_disk_gb),
    servers: Number(r.servers),
  }));
}

export async function requireDatacenter(q: Queryable, id: string): Promise<Datacenter> {
  const rows = await q.query<Datacenter>('SELECT * FROM sim_datacenters WHERE id = $1', [id]);
  if (!rows[0]) throw notFound('datacenter', id);
  return rows[0];
}

/** A project's usage as the quota sees it (deleted resources are gone from the tables). */
export async function projectUsage(q: Queryable, projectId: string) {
  const [s] = await q.query<{ n: string; vcpus: string; ram: string }>(
    'SELECT COUNT(*) AS n, COALESCE(SUM(vcpus),0) AS vcpus, COALESCE(SUM(ram_mb),0) AS ram FROM sim_servers WHERE project_id = $1',
    [projectId],
  );
  // As Cinder's gigabytes quota: volumes and their snapshots both count.
  const [v] = await q.query<{ n: string; gb: string }>(
    `SELECT COUNT(*) AS n, COALESCE(SUM(size_gb),0)
       + (SELECT COALESCE(SUM(size_gb),0) FROM sim_volume_snapshots WHERE project_id = $1) AS gb
     FROM sim_volumes WHERE project_id = $1`,
    [projectId],
  );
  const [f] = await q.query<{ n: string }>('SELECT COUNT(*) AS n FROM sim_floating_ips WHERE project_id = $1', [
    projectId,
  ]);
  const [p] = await q.query<{ n: string }>('SELECT COUNT(*) AS n FROM sim_public_ips WHERE project_id = $1', [
    projectId,
  ]);
  const [g] = await q.query<{ n: string }>('SELECT COUNT(*) AS n FROM sim_security_groups WHERE project_id = $1', [
    projectId,
  ]);
  return {
    instances: Number(s?.n ?? 0),
    vcpus: Number(s?.vcpus ?? 0),
    ram_mb: Number(s?.ram ?? 0),
    volumes: Number(v?.n ?? 0),
    volume_gb: Number(v?.gb ?? 0),
    floating_ips: Number(f?.n ?? 0),
    public_ips: Number(p?.n ?? 0),
    security_groups: Number(g?.n ?? 0),
  };
}

export type QuotaKey = keyof Awaited<ReturnType<typeof projectUsage>>;
const quotaNames: Record<QuotaKey, string> = {
  instances: 'instances',
  vcpus: 'cores',
  ram_mb: 'ram (MiB)',
  volumes: 'volumes',
  volume_gb: 'gigabytes',
  floating_ips: 'floating IPs',
  public_ips: 'public IPs',
  security_groups: 'security groups',
};

/**
 * Locks the project's quota row and checks that `wanted` more fits, so two concurrent creations are
 * decided one after the other and can never both pass. Call inside the creating transaction.
 */
export async function reserveQuota(q: Queryable, projectId: string, wanted: Partial<Record<QuotaKey, number>>) {
  const limits = await projectQuotas(q, projectId, true);
  const used = await projectUsage(q, projectId);
  for (const [key, amount] of Object.entries(wanted) as [QuotaKey, number][]) {
    if (amount > 0 && used[key] + amount > limits[key]) {
      throw quotaExceeded(
        `${quotaNames[key]} quota exceeded: ${used[key]} of ${limits[key]} used, ${amount} requested`,
      );
    }
  }
}

export function simDatacenters({ db }: SimDeps): CloudProvider['datacenters'] {
  return {
    async list() {
      return (await db()).query<Datacenter>('SELECT id, name, region, status FROM sim_datacenters ORDER BY name');
    },
    async listHosts(_ctx, datacenterId) {
      const d = await db();
      return datacenterId ? hostsWithUsage(d, 'WHERE h.datacenter_id = $1', [datacenterId]) : hostsWithUsage(d, '', []);
    },
    async getHost(_ctx, id) {
      const [h] = await hostsWithUsage(await db(), 'WHERE h.id = $1 OR h.name = $1', [id]);
      if (!h) throw notFound('host', id);
      return h;
    },
    async setHostStatus(_ctx, id, change) {
      const d = await db();
      const rows = await d.query<{ id: string }>(
        `UPDATE sim_hosts SET status = $2, disabled_reason = $3 WHERE id = $1 OR name = $1 RETURNING id`,
        [id, change.enabled ? 'enabled' : 'disabled', change.enabled ? null : change.reason],
      );
      if (!rows[0]) throw notFound('host', id);
      const [h] = await hostsWithUsage(d, 'WHERE h.id = $1', [rows[0].id]);
      return h!;
    },
  };
}

export function simQuotas({ db }: SimDeps): CloudProvider['quotas'] {
  return {
    async compute(ctx, { scope, datacenterId }) {
      const d = await db();
      if (scope === 'datacenter') {
        if (datacenterId) await requireDatacenter(d, datacenterId);
        const hosts = datacenterId
          ? await hostsWithUsage(d, 'WHERE h.datacenter_id = $1', [datacenterId])
          : await hostsWithUsage(d, '', []);
        const sum = (f: (h: Host) => number) => hosts.reduce((a, h) => a + f(h), 0);
        return {
          total_memory_mb: sum((h) => h.total_memory_mb),
          used_memory_mb: sum((h) => h.used_memory_mb),
          total_vcpus: sum((h) => h.total_vcpus),
          used_vcpus: sum((h) => h.used_vcpus),
          total_instances: sum((h) => h.servers),
          used_instances: sum((h) => h.servers),
        };
      }
      const limits = await projectQuotas(d, ctx.projectId);
      let used = await projectUsage(d, ctx.projectId);
      if (datacenterId) {
        await requireDatacenter(d, datacenterId);
        const [s] = await d.query<{ n: string; vcpus: string; ram: string }>(
          'SELECT COUNT(*) AS n, COALESCE(SUM(vcpus),0) AS vcpus, COALESCE(SUM(ram_mb),0) AS ram FROM sim_servers WHERE project_id = $1 AND datacenter_id = $2',
          [ctx.projectId, datacenterId],
        );
        used = { ...used, instances: Number(s?.n ?? 0), vcpus: Number(s?.vcpus ?? 0), ram_mb: Number(s?.ram ?? 0) };
      }
      return {
        total_memory_mb: limits.ram_mb,
        used_memory_mb: used.ram_mb,
        total_vcpus: limits.vcpus,
        used_vcpus: used.vcpus,
        total_instances: limits.instances,
        used_instances: used.instances,
        total_floating_ips: limits.floating_ips,
        used_floating_ips: used.floating_ips,
        total_public_ips: limits.public_ips,
        used_public_ips: used.public_ips,
        total_security_groups: limits.security_groups,
        used_security_groups: used.security_groups,
      };
    },
    async volume(ctx, { scope, datacenterId }) {
      const d = await db();
      if (scope === 'datacenter') {
        if (datacenterId) await requireDatacenter(d, datacenterId);
        // Block storage capacity of the simulated datacenter: one pool per datacenter of fixed size.
        const params: unknown[] = [];
        const where = datacenterId ? (params.push(datacenterId), 'WHERE datacenter_id = $1') : '';
        const [v] = await d.query<{ n: string; gb: string }>(
          `SELECT COUNT(*) AS n, COALESCE(SUM(size_gb),0) AS gb FROM sim_volumes ${where}`,
          params,
        );
        const [dc] = await d.query<{ n: string }>(
          `SELECT COUNT(*) AS n FROM sim_datacenters ${datacenterId ? 'WHERE id = $1' : ''}`,
          params,
        );
        const pools = Number(dc?.n ?? 1);
        return {
          total_gb: pools * storagePoolGb,
          used_gb: Number(v?.gb ?? 0),
          total_volumes: pools * 100000,
          used_volumes: Number(v?.n ?? 0),
        };
      }
      const limits = await projectQuotas(d, ctx.projectId);
      const used = await projectUsage(d, ctx.projectId);
      return {
        total_gb: limits.volume_gb,
        used_gb: used.volume_gb,
        total_volumes: limits.volumes,
        used_volumes: used.volumes,
      };
    },
  };
}

/** Each simulated datacenter's block storage pool. */
export const storagePoolGb = 100 * 1024;

/** Why a host takes no new server: the 409 of a pinned create or a live migration names the host and the reason. */
export function refuseDisabledHost(h: Pick<Host, 'name' | 'status' | 'disabled_reason'>, doing: string): void {
  if (h.status === 'disabled')
    throw conflict(`host ${h.name} is disabled${h.disabled_reason ? ` (${h.disabled_reason})` : ''}: ${doing}`);
}
