import 'server-only';
import type { Queryable } from '../../db/client';
import { notFound } from '../errors';
import type { CloudProvider } from '../types';
import type { SimDeps } from './deps';

type Allocation = {
  id: string;
  project_id: string;
  datacenter_id: string;
  vcpus: number;
  ram_mb: number;
  disk_gb: number;
};

/** A server now holds this flavor: its history gets a row from `at` (creation, or the new flavor of a resize). */
export async function openUsage(q: Queryable, s: Allocation, at: Date): Promise<void> {
  await q.query(
    `INSERT INTO sim_server_usage (server_id, project_id, datacenter_id, vcpus, ram_mb, disk_gb, started_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7)`,
    [s.id, s.project_id, s.datacenter_id, s.vcpus, s.ram_mb, s.disk_gb, at],
  );
}

/** The server no longer holds what its open row says (deleted, or resized to another flavor) from `at`. */
export async function closeUsage(q: Queryable, serverId: string, at: Date): Promise<void> {
  await q.query('UPDATE sim_server_usage SET ended_at = $2 WHERE server_id = $1 AND ended_at IS NULL', [serverId, at]);
}

type UsageRow = {
  started_at: Date | string;
  ended_at: Date | string | null;
  vcpus: number;
  ram_mb: number;
  disk_gb: number;
};

export function simUsage({ db }: SimDeps): CloudProvider['usage'] {
  return {
    async servers(_ctx, q) {
      const d = await db();
      if (q.projectId !== undefined) {
        const [p] = await d.query('SELECT 1 FROM sim_projects WHERE id = $1', [q.projectId]);
        if (!p) throw notFound('project', q.projectId);
      }
      const where = ['started_at < $1', '(ended_at IS NULL OR ended_at > $2)'];
      const params: unknown[] = [q.to, q.from];
      if (q.projectId !== undefined) where.push(`project_id = $${params.push(q.projectId)}`);
      if (q.datacenterId !== undefined) where.push(`datacenter_id = $${params.push(q.datacenterId)}`);
      const rows = await d.query<UsageRow>(
        `SELECT started_at, ended_at, vcpus, ram_mb, disk_gb FROM sim_server_usage WHERE ${where.join(' AND ')}`,
        params,
      );
      return rows.map((r) => ({
        startedAt: new Date(r.started_at).getTime(),
        endedAt: r.ended_at === null ? null : new Date(r.ended_at).getTime(),
        vcpus: r.vcpus,
        memory_mb: r.ram_mb,
        disk_gb: r.disk_gb,
      }));
    },
  };
}
