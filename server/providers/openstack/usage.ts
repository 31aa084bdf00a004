import 'server-only';
import type { UsageSpan } from '@/lib/usage/series';
import type { CloudProvider } from '../types';
import { orNotFound } from './compute';
import type { OsDeps } from './context';
import { os, type Rest } from './rest';

/** One server of Nova's detailed usage report (os-simple-tenant-usage, detailed=1). */
interface NovaServerUsage {
  instance_id: string;
  tenant_id: string;
  vcpus: number;
  memory_mb: number;
  local_gb: number;
  /** The instance's launched_at; null for one that never launched (Nova charges it nothing). */
  started_at: string | null;
  /** Its terminated_at; null while it exists. */
  ended_at: string | null;
}

type Links = { rel: string; href: string }[] | undefined;

/** Nova's times are UTC without a zone ("2026-12-03T14:05:12.000000"). */
const utc = (t: string) => Date.parse(/(Z|[+-]\d\d:?\d\d)$/.test(t) ? t : `${t}Z`);
/** Nova parses "%Y-%m-%dT%H:%M:%S.%f" (naive UTC). */
const novaTime = (d: Date) => d.toISOString().replace('Z', '');

const nextMarker = (links: Links) => {
  const next = links?.find((l) => l.rel === 'next');
  return next ? (new URL(next.href).searchParams.get('marker') ?? undefined) : undefined;
};

/**
 * Every server of the report for [from, to): one project's (`os-simple-tenant-usage/{id}`) or every project's,
 * following Nova's pages (microversion 2.40 and later page the report by instance with `marker`).
 */
async function serverUsages(rest: Rest, projectId: string | undefined, from: Date, to: Date) {
  const all: NovaServerUsage[] = [];
  let marker: string | undefined;
  for (let i = 0; i < 1000; i++) {
    const query = { start: novaTime(from), end: novaTime(to), detailed: 1, limit: 1000, marker };
    if (projectId !== undefined) {
      const r = await rest.call<{ tenant_usage: { server_usages?: NovaServerUsage[] }; tenant_usage_links?: Links }>(
        'compute',
        'GET',
        `os-simple-tenant-usage/${encodeURIComponent(projectId)}`,
        { query },
      );
      all.push(...(r.body.tenant_usage.server_usages ?? []));
      marker = nextMarker(r.body.tenant_usage_links);
    } else {
      const r = await rest.call<{
        tenant_usages: { server_usages?: NovaServerUsage[] }[];
        tenant_usages_links?: Links;
      }>('compute', 'GET', 'os-simple-tenant-usage', { query });
      for (const t of r.body.tenant_usages) all.push(...(t.server_usages ?? []));
      marker = nextMarker(r.body.tenant_usages_links);
    }
    if (!marker) break;
  }
  return all;
}

/**
 * Which availability zone each server was in: the usage report does not say, so it is read from the server
 * listings, the deleted servers' one included (`deleted=true`, administrators only; a record Nova has since
 * archived is in no zone, so it leaves every datacenter's series).
 */
async function zones(rest: Rest, projectId: string | undefined): Promise<Map<string, string>> {
  type Row = { id: string; 'OS-EXT-AZ:availability_zone'?: string };
  const base = { all_tenants: 1, ...(projectId !== undefined ? { project_id: projectId } : {}) };
  const [live, deleted] = await Promise.all([
    rest.listAll<Row>(os.servers, base),
    rest.listAll<Row>(os.servers, { ...base, deleted: 'true' }),
  ]);
  const out = new Map<string, string>();
  for (const s of [...live, ...deleted])
    if (s['OS-EXT-AZ:availability_zone']) out.set(s.id, s['OS-EXT-AZ:availability_zone']);
  return out;
}

export function osUsage(d: OsDeps): CloudProvider['usage'] {
  return {
    async servers(ctx, q) {
      const rest = d.rest(ctx);
      if (q.projectId !== undefined && q.projectId !== ctx.principal.projectId)
        await orNotFound(rest.get(os.projects, q.projectId), 'project', q.projectId);
      const [usages, zoneOf] = await Promise.all([
        serverUsages(rest, q.projectId, q.from, q.to),
        q.datacenterId !== undefined ? zones(rest, q.projectId) : Promise.resolve(undefined),
      ]);
      const spans: UsageSpan[] = [];
      for (const u of usages) {
        if (u.started_at === null) continue;
        if (zoneOf && zoneOf.get(u.instance_id) !== q.datacenterId) continue;
        spans.push({
          startedAt: utc(u.started_at),
          endedAt: u.ended_at === null ? null : utc(u.ended_at),
          vcpus: u.vcpus,
          memory_mb: u.memory_mb,
          disk_gb: u.local_gb,
        });
      }
      return spans;
    },
  };
}
