import 'server-only';
import type { Project, ProjectPurge, ProjectResource, PurgeStep } from '@/lib/contract/auth';
import type { ListResult } from '@/lib/contract/common';
import { FloatingIpListQuery } from '@/lib/contract/floating-ip';
import { ImageListQuery } from '@/lib/contract/image';
import { LoadBalancerListQuery } from '@/lib/contract/load-balancer';
import { NetworkListQuery } from '@/lib/contract/network';
import type { OperationKey } from '@/lib/contract/operations';
import { PublicIpListQuery } from '@/lib/contract/public-ip';
import { SecurityGroupListQuery } from '@/lib/contract/security-group';
import { ServerListQuery } from '@/lib/contract/server';
import { SnapshotListQuery } from '@/lib/contract/snapshot';
import { VolumeListQuery } from '@/lib/contract/volume';
import { getDb } from '../db/client';
import { log } from '../log';
import { CloudError, conflict, isCloudError, notFound, notSupported } from '../providers/errors';
import { provider } from '../providers/registry';
import type { ProviderContext } from '../providers/types';
import { requireAdmin, scope, type RequestContext } from './context';

/*
 * "Delete everything in it" (issue 14): the project's resources are removed one by one in the order a real cloud
 * needs (load balancers → floating/public IPs → servers → volumes → images; networks, routers and security groups
 * go with the project itself, through the provider's deleteProject, which unplugs routers first). The task's state
 * lives in the console's database (project_purges), each step's outcome written as it ends, so nothing is held in
 * memory only: a task whose process died (its heartbeat stale) is resumed by the next read of it — GET /projects or
 * GET /projects/{id}/purge — with the reader's (an administrator's) credentials. A failed step is named with the
 * backend's reason; the others go on, and the task ends `failed` with the project left holding what could not go.
 * POST again retries with what is left.
 */

/** A heartbeat older than this means the process running the task is gone. */
const staleAfterMs = 60_000;
const heartbeatMs = 10_000;
/** How long one removal may take to finish on the backend (a server's teardown on a real cloud). */
const goneWithinMs = 300_000;

interface PurgeRow {
  project_id: string;
  project_name: string;
  status: ProjectPurge['status'];
  steps: PurgeStep[];
  error: string | null;
  started_at: Date | string;
  updated_at: Date | string;
}

const iso = (d: Date | string) => new Date(d).toISOString();

function toPurge(r: PurgeRow): ProjectPurge {
  const done = r.steps.filter((s) => s.state === 'done').length;
  return {
    project_id: r.project_id,
    project_name: r.project_name,
    status: r.status,
    steps: r.steps,
    done,
    total: r.steps.length,
    ...(r.error ? { error: r.error } : {}),
    started_at: iso(r.started_at),
    updated_at: iso(r.updated_at),
  };
}

/** The detached task's provider context: the administrator's, without the request's abort signal (it outlives it). */
function taskScope(ctx: RequestContext): ProviderContext {
  const s = scope(ctx, { allProjects: true });
  return { ...s, signal: undefined };
}

/** A service-level operation the backend's table declares unsupported is refused with its reason. */
async function refuseUnsupported(ctx: RequestContext, key: OperationKey): Promise<void> {
  const caps = await provider().capabilities(scope(ctx));
  const why = caps.unsupported?.[key];
  if (why) throw notSupported(why);
  if (!caps.identityAdmin) throw notSupported('identity is managed outside the console');
}

async function findProject(ctx: RequestContext, projectId: string): Promise<Project> {
  const found = (await provider().identity.listProjects(scope(ctx))).find((p) => p.id === projectId);
  if (!found) throw notFound('project', projectId);
  return found;
}

/** Every page of a list (the backends cap a page at 100). */
async function everything<T>(list: (offset: number) => Promise<ListResult<T>>): Promise<T[]> {
  const out: T[] = [];
  for (let offset = 0; ; offset += 100) {
    const page = await list(offset);
    out.push(...page.items);
    if (page.items.length < 100 || out.length >= page.total) return out;
  }
}

/** A section the cloud lacks (no Octavia, no public IPs) holds nothing. */
async function noneIfUnsupported<T>(p: Promise<T[]>): Promise<T[]> {
  try {
    return await p;
  } catch (e) {
    if (isCloudError(e) && e.kind === 'not_supported') return [];
    throw e;
  }
}

const page = { limit: 100, all_projects: true } as const;

/** What the project holds, by name, in the order of removal. */
async function collect(adminCtx: ProviderContext, projectId: string): Promise<ProjectResource[]> {
  const p = provider();
  const caps = await p.capabilities(adminCtx);
  // Each list narrowed to the project at the backend (as `GET /servers?project_id=` is), not the whole cloud's read
  // and filtered here; the filter below stays for what a backend lists beside it (a shared network, a public image).
  const admin: ProviderContext = { ...adminCtx, onlyProjectId: projectId };
  const mine = <T extends { project_id?: string | null }>(xs: T[]) => xs.filter((x) => x.project_id === projectId);
  const [lbs, fips, pips, servers, snapshots, volumes, images, networks, groups] = await Promise.all([
    caps.loadBalancers
      ? noneIfUnsupported(
          everything((offset) => p.loadBalancers.list(admin, LoadBalancerListQuery.parse({ ...page, offset }))),
        )
      : [],
    noneIfUnsupported(
      everything((offset) => p.floatingIps.list(admin, FloatingIpListQuery.parse({ ...page, offset }))),
    ),
    caps.publicIps
      ? noneIfUnsupported(everything((offset) => p.publicIps.list(admin, PublicIpListQuery.parse({ ...page, offset }))))
      : [],
    everything((offset) => p.servers.list(admin, ServerListQuery.parse({ ...page, offset }))),
    caps.volumes
      ? noneIfUnsupported(everything((offset) => p.snapshots.list(admin, SnapshotListQuery.parse({ ...page, offset }))))
      : [],
    caps.volumes
      ? noneIfUnsupported(everything((offset) => p.volumes.list(admin, VolumeListQuery.parse({ ...page, offset }))))
      : [],
    everything((offset) => p.images.list(admin, ImageListQuery.parse({ ...page, offset }))),
    everything((offset) => p.networks.list(admin, NetworkListQuery.parse({ ...page, offset }))),
    everything((offset) => p.securityGroups.list(admin, SecurityGroupListQuery.parse({ ...page, offset }))),
  ]);
  const named = (type: ProjectResource['type'], xs: { id: string; name?: string | null }[]) =>
    xs.map((x) => ({ type, id: x.id, name: x.name || x.id }));
  const fipIds = new Set(mine(fips).map((f) => f.id));
  const address = (x: { id: string; floating_ip_address?: string; ip_address?: string; address?: string }) => ({
    id: x.id,
    name: x.floating_ip_address ?? x.ip_address ?? x.address ?? x.id,
  });
  return [
    ...named('load_balancer', mine(lbs)),
    ...named('floating_ip', mine(fips).map(address)),
    // On OpenStack public IPs are floating IPs too: one address is listed (and removed) once.
    ...named(
      'public_ip',
      mine(pips)
        .filter((x) => !fipIds.has(x.id))
        .map(address),
    ),
    ...named('server', mine(servers)),
    ...named('snapshot', mine(snapshots)),
    ...named('volume', mine(volumes)),
    ...named(
      'image',
      images.filter((i) => i.owner === projectId),
    ),
    ...named('network', mine(networks)),
    ...named('security_group', mine(groups)),
  ];
}

export async function listProjectResources(ctx: RequestContext, projectId: string): Promise<ProjectResource[]> {
  requireAdmin(ctx, "listing a project's resources");
  await refuseUnsupported(ctx, 'GET /projects/{id}/resources');
  await findProject(ctx, projectId);
  return collect(taskScope(ctx), projectId);
}

async function readRow(projectId: string): Promise<PurgeRow | undefined> {
  const db = await getDb();
  return (await db.query<PurgeRow>('SELECT * FROM project_purges WHERE project_id = $1', [projectId]))[0];
}

export async function getPurge(ctx: RequestContext, projectId: string): Promise<ProjectPurge> {
  requireAdmin(ctx, "reading a project's delete-everything task");
  await refuseUnsupported(ctx, 'GET /projects/{id}/purge');
  await resumeStale(ctx);
  const row = await readRow(projectId);
  if (!row) throw new CloudError('not_found', `project ${projectId} has no delete-everything task`);
  return toPurge(row);
}

/** The unfinished tasks' progress by project, for the project list; stale ones are resumed first. */
export async function purgeSummaries(ctx: RequestContext): Promise<Map<string, ProjectPurge>> {
  await resumeStale(ctx);
  const db = await getDb();
  const rows = await db.query<PurgeRow>("SELECT * FROM project_purges WHERE status <> 'done'");
  return new Map(rows.map((r) => [r.project_id, toPurge(r)]));
}

export async function startPurge(ctx: RequestContext, projectId: string): Promise<ProjectPurge> {
  requireAdmin(ctx, 'deleting projects');
  await refuseUnsupported(ctx, 'POST /projects/{id}/purge');
  if (projectId === ctx.principal.projectId)
    throw conflict(`project ${projectId} is the one this session works in: switch to another project first`);
  const project = await findProject(ctx, projectId);
  const admin = taskScope(ctx);
  const steps: PurgeStep[] = (await collect(admin, projectId)).map((r) => ({ ...r, state: 'pending' }));
  const db = await getDb();
  // Claimed in one statement: of two concurrent starts, or a start racing a resume, one wins. A 'done' task is not
  // claimed at first: it may have ended (on any replica) between findProject above and here, and restarting it would
  // run a task on a project that is gone.
  const claim = (orDone: boolean) =>
    db.query<PurgeRow>(
      `INSERT INTO project_purges (project_id, project_name, status, steps, error, started_at, updated_at, heartbeat_at)
       VALUES ($1, $2, 'running', $3, NULL, now(), now(), now())
       ON CONFLICT (project_id) DO UPDATE SET project_name = EXCLUDED.project_name, status = 'running',
         steps = EXCLUDED.steps, error = NULL, started_at = now(), updated_at = now(), heartbeat_at = now()
       WHERE project_purges.status = 'failed' OR (project_purges.status = 'done' AND $5::boolean)
         OR (project_purges.status = 'running' AND project_purges.heartbeat_at < now() - ($4 || ' milliseconds')::interval)
       RETURNING *`,
      [projectId, project.name, JSON.stringify(steps), String(staleAfterMs), orDone],
    );
  let claimed = await claim(false);
  if (!claimed[0] && (await readRow(projectId))?.status === 'done') {
    // Gone now: the 404 a later request gets. Still there: a project of a reused id (the seed's), deleted again.
    await findProject(ctx, projectId);
    claimed = await claim(true);
  }
  if (!claimed[0]) throw conflict(`project ${project.name} is already being deleted: follow its task`);
  void run(admin, projectId);
  return toPurge(claimed[0]);
}

/** Tasks whose process is gone (a restart) are claimed again and run on from their first unfinished step. */
async function resumeStale(ctx: RequestContext): Promise<void> {
  const db = await getDb();
  const stale = await db.query<{ project_id: string }>(
    `UPDATE project_purges SET heartbeat_at = now() WHERE status = 'running'
       AND heartbeat_at < now() - ($1 || ' milliseconds')::interval RETURNING project_id`,
    [String(staleAfterMs)],
  );
  for (const r of stale) {
    log.info({ projectId: r.project_id }, 'resuming a delete-everything task a restart cut off');
    void run(taskScope(ctx), r.project_id);
  }
}

const message = (e: unknown) =>
  isCloudError(e) ? e.message : e instanceof Error ? e.message : 'the backend failed without a reason';

async function run(admin: ProviderContext, projectId: string): Promise<void> {
  const db = await getDb();
  const beat = setInterval(() => {
    void db
      .query("UPDATE project_purges SET heartbeat_at = now() WHERE project_id = $1 AND status = 'running'", [projectId])
      .catch(() => undefined);
  }, heartbeatMs);
  try {
    const row = await readRow(projectId);
    if (!row || row.status !== 'running') return;
    const steps = row.steps;
    const save = (status: PurgeRow['status'] = 'running', error: string | null = null) =>
      db.query(
        'UPDATE project_purges SET steps = $2, status = $3, error = $4, updated_at = now(), heartbeat_at = now() WHERE project_id = $1',
        [projectId, JSON.stringify(steps), status, error],
      );
    for (const step of steps) {
      // Networks and security groups go with the project (deleteProject unplugs its routers first).
      if (step.state === 'done' || step.type === 'network' || step.type === 'security_group') continue;
      try {
        await removeOne(admin, step);
        step.state = 'done';
        delete step.error;
      } catch (e) {
        step.state = 'failed';
        step.error = message(e);
      }
      await save();
    }
    const failed = steps.filter((s) => s.state === 'failed');
    if (failed.length) {
      await save(
        'failed',
        `${failed.length} of ${steps.length} could not be deleted: ${failed.map((s) => s.name).join(', ')}; the project stays with them`,
      );
      return;
    }
    try {
      await provider().identity.deleteProject(admin, projectId);
    } catch (e) {
      if (!(isCloudError(e) && e.kind === 'not_found')) {
        await save('failed', `the project could not be deleted: ${message(e)}`);
        return;
      }
    }
    for (const s of steps) s.state = 'done';
    await save('done');
  } catch (e) {
    // The database itself failed: the heartbeat stops, so the next read resumes the task.
    log.error({ err: e, projectId }, 'a delete-everything task stopped');
  } finally {
    clearInterval(beat);
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls until the resource is gone (not_found); a resource that stays is a failure naming how long was waited. */
async function untilGone(what: string, get: () => Promise<unknown>): Promise<void> {
  const deadline = Date.now() + goneWithinMs;
  for (let wait = 250; Date.now() < deadline; wait = Math.min(wait * 2, 3000)) {
    try {
      const r = await get();
      const status = (Object.values(r as Record<string, unknown>)[0] as { status?: string } | undefined)?.status;
      if (status === 'error' || status === 'error_deleting')
        throw new CloudError('conflict', `${what} went to ${status} while being deleted`);
    } catch (e) {
      if (isCloudError(e) && e.kind === 'not_found') return;
      throw e;
    }
    await sleep(wait);
  }
  throw new CloudError('unavailable', `${what} was still there ${goneWithinMs / 1000} s after its deletion was asked`);
}

const goneAlready = (e: unknown) => {
  if (!(isCloudError(e) && e.kind === 'not_found')) throw e;
};

async function removeOne(admin: ProviderContext, step: PurgeStep): Promise<void> {
  const p = provider();
  const what = `${step.type.replace('_', ' ')} ${step.name}`;
  switch (step.type) {
    case 'load_balancer':
      await p.loadBalancers.remove(admin, step.id).catch(goneAlready);
      return untilGone(what, () => p.loadBalancers.get(admin, step.id).then((lb) => ({ lb })));
    case 'floating_ip':
      return p.floatingIps.remove(admin, step.id).catch(goneAlready);
    case 'public_ip':
      return p.publicIps.remove(admin, step.id).catch(goneAlready);
    case 'server':
      await p.servers.remove(admin, step.id).catch(goneAlready);
      return untilGone(what, () => p.servers.get(admin, step.id).then((server) => ({ server })));
    case 'volume': {
      // The servers are gone, so Nova/the simulator detached it; wait for the detachment to settle first.
      await untilSettled(what, () => p.volumes.get(admin, step.id));
      await p.volumes.remove(admin, step.id).catch(goneAlready);
      return untilGone(what, () => p.volumes.get(admin, step.id).then((volume) => ({ volume })));
    }
    case 'snapshot':
      await untilSettled(what, () => p.snapshots.get(admin, step.id));
      await p.snapshots.remove(admin, step.id).catch(goneAlready);
      return untilGone(what, () => p.snapshots.get(admin, step.id).then((snapshot) => ({ snapshot })));
    case 'image':
      return p.images.remove(admin, step.id).catch(goneAlready);
    case 'network':
    case 'security_group':
      return;
  }
}

/** A volume still detaching after its server went is waited for (a removal would be refused as in use). */
async function untilSettled(what: string, get: () => Promise<{ status: string }>): Promise<void> {
  const deadline = Date.now() + goneWithinMs;
  for (let wait = 250; Date.now() < deadline; wait = Math.min(wait * 2, 3000)) {
    let status: string;
    try {
      status = (await get()).status;
    } catch (e) {
      if (isCloudError(e) && e.kind === 'not_found') return;
      throw e;
    }
    if (!['in-use', 'attaching', 'detaching', 'creating', 'extending', 'reserved'].includes(status)) return;
    await sleep(wait);
  }
  throw new CloudError('conflict', `${what} was still attached ${goneWithinMs / 1000} s after its servers went`);
}
