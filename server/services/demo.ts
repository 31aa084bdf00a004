import 'server-only';
import fs from 'node:fs';
import path from 'node:path';
import type { QuotaLimits } from '@/lib/contract/auth';
import { noFaults, type DemoEstate, type DemoFaults, type DemoFaultsInput, type DemoState } from '@/lib/contract/demo';
import type { OperationKey } from '@/lib/contract/operations';
import { config } from '../config';
import { getDb, type Queryable } from '../db/client';
import { log } from '../log';
import { CloudError, notSupported } from '../providers/errors';
import { provider } from '../providers/registry';
import { projectUsage } from '../providers/sim/compute';
import { readDemoFaults, rememberDemoFaults } from '../providers/sim/demo-faults';
import { projectQuotas } from '../providers/sim/identity';
import { effectiveStatus, iso, recordEvent } from '../providers/sim/state';
import { demoPasswordHashes, seedDemoInto } from '../seed/demo';
import { seedEstateInto } from '../seed/estate';
import { requireAdmin, scope, type RequestContext } from './context';

/**
 * The presenter's panel (issue 17): the simulated cloud put back to the demo seed without a restart, and fault
 * switches that take effect at once. Simulator only: every other driver's unsupported.ts table refuses these
 * operations with its reason, and the console hides the panel there.
 */

/** What a fault changed that clearing it gives back. */
interface Saved {
  /** The quotas a "quota nearly exhausted" replaced. */
  quotas?: { project_id: string; quotas: QuotaLimits };
  /** The servers a "host down" put in error, with the status each had. */
  host_servers?: { id: string; project_id: string; status: string }[];
}

async function refuseUnlessSimulator(ctx: RequestContext, key: OperationKey): Promise<void> {
  const caps = await provider().capabilities(scope(ctx));
  const why = caps.unsupported?.[key];
  if (why) throw notSupported(why);
  if (config().YUNTU_BACKEND !== 'sim') throw notSupported("the presenter's panel drives the simulated cloud only");
}

async function stateRow(q: Queryable) {
  await q.query(`INSERT INTO sim_demo (id) VALUES (1) ON CONFLICT (id) DO NOTHING`);
  const [r] = await q.query<{ estate: DemoEstate; saved: Saved; reset_at: Date | string | null }>(
    'SELECT estate, saved, reset_at FROM sim_demo WHERE id = 1 FOR UPDATE',
  );
  return r!;
}

export async function getDemo(ctx: RequestContext): Promise<DemoState> {
  await refuseUnlessSimulator(ctx, 'GET /demo');
  const db = await getDb();
  const [r] = await db.query<{ estate: DemoEstate; reset_at: Date | string | null }>(
    'SELECT estate, reset_at FROM sim_demo WHERE id = 1',
  );
  return {
    estate: r?.estate ?? 'small',
    faults: await readDemoFaults(db),
    reset_at: r?.reset_at ? iso(r.reset_at) : null,
  };
}

const estateServers: Record<DemoEstate, number> = { small: 0, '1000': 1000, '10000': 10000 };

/**
 * Empties every sim_ table (but the demo state) and the console tables that hold cloud state, then writes the seed,
 * in one transaction: a failure leaves the cloud as it was. The seed's ids are fixed (seed/demo.ts), so sessions
 * stay valid; a session whose user, project or role the seed does not have ends (its holder signs in once more).
 */
export async function resetDemo(
  ctx: RequestContext,
  estate: DemoEstate = 'small',
): Promise<{ estate: DemoEstate; took_ms: number }> {
  requireAdmin(ctx, "the presenter's panel");
  await refuseUnlessSimulator(ctx, 'POST /demo/reset');
  const started = performance.now();
  const hashes = await demoPasswordHashes();
  const db = await getDb();
  const imageIds = await db.tx(async (q) => {
    await stateRow(q);
    const tables = await q.query<{ tablename: string }>(
      `SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename LIKE 'sim\\_%' AND tablename <> 'sim_demo'`,
    );
    const names = [...tables.map((t) => t.tablename), 'events', 'project_purges', 'idempotency', 'user_setup_links'];
    await q.query(`TRUNCATE ${names.map((n) => `"${n}"`).join(', ')} RESTART IDENTITY CASCADE`);
    const ids = await seedDemoInto(q, hashes);
    if (estateServers[estate]) await seedEstateInto(q, { servers: estateServers[estate] });
    await q.query(
      `DELETE FROM tokens t WHERE NOT EXISTS (
         SELECT 1 FROM sim_memberships m JOIN sim_users u ON u.id = m.user_id
         WHERE m.user_id = t.user_id AND m.project_id = t.project_id AND t.roles = jsonb_build_array(m.role)
           AND u.read_only = t.read_only)`,
    );
    await q.query(`UPDATE sim_demo SET estate = $1, faults = '{}', saved = '{}', reset_at = now() WHERE id = 1`, [
      estate,
    ]);
    return ids;
  });
  rememberDemoFaults(noFaults);
  // Image files of images the seed does not have (uploads since): the rows are gone, the files would stay forever.
  const keep = new Set(imageIds);
  try {
    for (const f of fs.readdirSync(config().imageDir))
      if (!keep.has(f)) fs.rmSync(path.join(config().imageDir, f), { force: true, recursive: true });
  } catch (e) {
    log.warn({ err: e }, 'removing image files after a demo reset failed');
  }
  return { estate, took_ms: Math.round(performance.now() - started) };
}

const missing = (field: string, kind: string, id: string) =>
  new CloudError('not_found', `${field}: ${kind} ${id} was not found`, [{ path: field, message: `no ${kind} ${id}` }]);

/** The margin a "quota nearly exhausted" leaves: one more small server, one more volume. */
const margin: QuotaLimits = {
  instances: 1,
  vcpus: 2,
  ram_mb: 4096,
  volumes: 1,
  volume_gb: 20,
  floating_ips: 1,
  public_ips: 1,
  security_groups: 1,
};

export async function setDemoFaults(ctx: RequestContext, input: DemoFaultsInput): Promise<DemoFaults> {
  requireAdmin(ctx, "the presenter's panel");
  await refuseUnlessSimulator(ctx, 'PUT /demo/faults');
  const db = await getDb();
  const faults = await db.tx(async (q) => {
    const row = await stateRow(q);
    const before = await readDemoFaults(q);
    const next: DemoFaults = { ...before, ...input };
    const saved: Saved = { ...row.saved };

    if (input.host_down !== undefined && next.host_down !== before.host_down) {
      if (before.host_down) await hostBack(q, before.host_down, saved);
      if (next.host_down) next.host_down = await hostDown(q, next.host_down, saved);
    }
    if (input.datacenter_unavailable !== undefined && next.datacenter_unavailable !== before.datacenter_unavailable) {
      if (before.datacenter_unavailable)
        await q.query(`UPDATE sim_datacenters SET status = 'available' WHERE id = $1`, [before.datacenter_unavailable]);
      if (next.datacenter_unavailable) {
        const r = await q.query(`UPDATE sim_datacenters SET status = 'unavailable' WHERE id = $1 RETURNING id`, [
          next.datacenter_unavailable,
        ]);
        if (!r[0]) throw missing('datacenter_unavailable', 'datacenter', next.datacenter_unavailable);
      }
    }
    if (input.quota_nearly_exhausted !== undefined && next.quota_nearly_exhausted !== before.quota_nearly_exhausted) {
      if (saved.quotas) {
        await q.query('UPDATE sim_projects SET quotas = $2 WHERE id = $1', [
          saved.quotas.project_id,
          JSON.stringify(saved.quotas.quotas),
        ]);
        delete saved.quotas;
      }
      const pid = next.quota_nearly_exhausted;
      if (pid) {
        const exists = await q.query('SELECT id FROM sim_projects WHERE id = $1', [pid]);
        if (!exists[0]) throw missing('quota_nearly_exhausted', 'project', pid);
        saved.quotas = { project_id: pid, quotas: await projectQuotas(q, pid, true) };
        const used = await projectUsage(q, pid);
        const tight = Object.fromEntries(
          (Object.keys(margin) as (keyof QuotaLimits)[]).map((k) => [k, used[k] + margin[k]]),
        );
        await q.query('UPDATE sim_projects SET quotas = $2 WHERE id = $1', [pid, JSON.stringify(tight)]);
      }
    }
    await q.query('UPDATE sim_demo SET faults = $1, saved = $2 WHERE id = 1', [
      JSON.stringify(next),
      JSON.stringify(saved),
    ]);
    return next;
  });
  rememberDemoFaults(faults);
  return faults;
}

/** The host (by id or name) goes down: every server on it goes to error, each change on the events stream. */
async function hostDown(q: Queryable, idOrName: string, saved: Saved): Promise<string> {
  const [h] = await q.query<{ id: string }>(
    'UPDATE sim_hosts SET down = true WHERE id = $1 OR name = $1 RETURNING id',
    [idOrName],
  );
  if (!h) throw missing('host_down', 'host', idOrName);
  const servers = await q.query<{
    id: string;
    project_id: string;
    status: string;
    next_status: string | null;
    settle_at: Date | null;
  }>('SELECT id, project_id, status, next_status, settle_at FROM sim_servers WHERE host_id = $1 FOR UPDATE', [h.id]);
  saved.host_servers = [];
  const now = new Date();
  for (const s of servers) {
    const status = effectiveStatus(s);
    if (status === 'error') continue;
    saved.host_servers.push({ id: s.id, project_id: s.project_id, status });
    await q.query(
      `UPDATE sim_servers SET status = 'error', next_status = NULL, settle_at = NULL, updated_at = now() WHERE id = $1`,
      [s.id],
    );
    await recordEvent(q, { resourceType: 'server', id: s.id, projectId: s.project_id }, 'error', now);
  }
  return h.id;
}

/**
 * The host comes back, and so do its servers: each one still in error goes back to the status it had (the presenter
 * shows a recovery; on a real cloud an administrator would reset or rebuild them).
 */
async function hostBack(q: Queryable, id: string, saved: Saved): Promise<void> {
  await q.query('UPDATE sim_hosts SET down = false WHERE id = $1', [id]);
  const now = new Date();
  for (const s of saved.host_servers ?? []) {
    const r = await q.query(
      `UPDATE sim_servers SET status = $2, updated_at = now() WHERE id = $1 AND status = 'error' AND host_id = $3 RETURNING id`,
      [s.id, s.status, id],
    );
    if (r[0]) await recordEvent(q, { resourceType: 'server', id: s.id, projectId: s.project_id }, s.status, now);
  }
  delete saved.host_servers;
}
