import 'server-only';
import type { Host, HostMigrateServersInput, HostMigrationResult } from '@/lib/contract/datacenter';
import { serverRules, type Server } from '@/lib/contract/server';
import { CloudError, conflict, notFound } from '../providers/errors';
import { provider } from '../providers/registry';
import { requireAdmin, scope, type RequestContext } from './context';

/** Compute hosts for maintenance (admins): one host, taking it out of scheduling and back, emptying it. */

export async function getHost(ctx: RequestContext, id: string): Promise<Host> {
  requireAdmin(ctx, 'compute hosts');
  return provider().datacenters.getHost(scope(ctx), id);
}

export async function disableHost(ctx: RequestContext, id: string, reason: string): Promise<Host> {
  requireAdmin(ctx, 'taking a host out of scheduling');
  return provider().datacenters.setHostStatus(scope(ctx), id, { enabled: false, reason });
}

export async function enableHost(ctx: RequestContext, id: string): Promise<Host> {
  requireAdmin(ctx, 'putting a host back into scheduling');
  return provider().datacenters.setHostStatus(scope(ctx), id, { enabled: true });
}

/** Every server of every project on the host (a page of 100 at a time: the list's own cap). */
async function serversOn(ctx: RequestContext, host: Host, projectId: string | undefined): Promise<Server[]> {
  const all: Server[] = [];
  const pctx = scope(ctx, { allProjects: true });
  for (let offset = 0; ; offset += 100) {
    const page = await provider().servers.list(pctx, { host: host.name, limit: 100, offset, all_projects: true });
    all.push(...page.items);
    // One project's servers are picked here, not by the backend: Nova lists another project's only with all_tenants.
    if (page.items.length < 100 || all.length >= page.total)
      return projectId ? all.filter((s) => s.project_id === projectId) : all;
  }
}

const free = (h: Host) => ({
  vcpus: h.total_vcpus - h.used_vcpus,
  memory_mb: h.total_memory_mb - h.used_memory_mb,
});

/**
 * Live-migrates every active server off the host, one after the other, each to `target` or to the enabled host of
 * its datacenter with the most free memory (counting what this batch already sent there). A server that cannot go
 * (stopped, in a transition, no host with room, the backend's refusal) is answered 'refused' with why; the others
 * are 'started' (the move goes on in the background; the server reads `migrating` until it lands).
 */
export async function migrateServersOff(
  ctx: RequestContext,
  id: string,
  { target_host: target, project_id: projectId }: HostMigrateServersInput,
): Promise<{ host: Host; results: HostMigrationResult[] }> {
  requireAdmin(ctx, 'migrating the servers off a host');
  const p = provider();
  const host = await p.datacenters.getHost(scope(ctx), id);
  const hosts = await p.datacenters.listHosts(scope(ctx));
  if (target !== undefined) {
    const t = hosts.find((h) => h.name === target || h.id === target);
    if (!t) throw notFound('host', target);
    if (t.id === host.id) throw conflict(`target_host ${t.name} is the host being emptied`);
    if (t.status === 'disabled')
      throw conflict(`target_host ${t.name} is disabled${t.disabled_reason ? ` (${t.disabled_reason})` : ''}`);
  }
  // What each candidate has left as this batch fills it (the backends' own figures lag behind a migration).
  const room = new Map(hosts.map((h) => [h.id, free(h)]));
  const flavors = new Map((await p.flavors.list(scope(ctx), { limit: 100, offset: 0 })).items.map((f) => [f.id, f]));
  const results: HostMigrationResult[] = [];
  for (const s of await serversOn(ctx, host, projectId)) {
    const base = { server_id: s.id, name: s.name };
    if (!serverRules.allowed('live-migrate', s.status)) {
      results.push({
        ...base,
        outcome: 'refused',
        error: serverRules.conflictMessage('live-migrate', `server ${s.name}`, s.status),
      });
      continue;
    }
    const need = flavors.get(s.flavor_id);
    const fits = (h: Host) => {
      const r = room.get(h.id)!;
      return !need || (r.vcpus >= need.vcpus && r.memory_mb >= need.ram_mb);
    };
    const candidates = hosts.filter(
      (h) =>
        h.id !== host.id &&
        h.status === 'enabled' &&
        h.datacenter_id === s.datacenter_id &&
        (target === undefined || h.name === target || h.id === target),
    );
    const to = candidates.filter(fits).sort((a, b) => room.get(b.id)!.memory_mb - room.get(a.id)!.memory_mb)[0];
    if (!to) {
      results.push({
        ...base,
        outcome: 'refused',
        error: candidates.length
          ? `no enabled host in datacenter ${s.datacenter_id} has room for server ${s.name}`
          : `no other enabled host in datacenter ${s.datacenter_id}${target ? ` named ${target}` : ''}`,
      });
      continue;
    }
    try {
      await p.servers.liveMigrate(scope(ctx), s.id, to.name);
      const r = room.get(to.id)!;
      if (need) room.set(to.id, { vcpus: r.vcpus - need.vcpus, memory_mb: r.memory_mb - need.ram_mb });
      results.push({ ...base, outcome: 'started', target_host: to.name });
    } catch (e) {
      if (!(e instanceof CloudError) || e.kind === 'internal') throw e;
      results.push({ ...base, outcome: 'refused', target_host: to.name, error: e.message });
    }
  }
  return { host: await p.datacenters.getHost(scope(ctx), host.id), results };
}
