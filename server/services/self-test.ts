import 'server-only';
import { randomBytes } from 'node:crypto';
import type { SelfTestCheck, SelfTestReport } from '@/lib/contract/capabilities';
import {
  contractChecks,
  eventually,
  signInCheck,
  type ContractRun,
  type DriverHarness,
} from '../providers/contract/checks';
import { CloudError, conflict, isCloudError, notSupported } from '../providers/errors';
import { provider } from '../providers/registry';
import type { CloudProvider, ProviderContext } from '../providers/types';
import { requireAdmin, scope, type RequestContext } from './context';

/** One self-test at a time per console: two would share the cloud's quota and each other's timing. */
let running = false;

/** What the self-test needs of the backend besides the contract itself: a scratch project and user of its own. */
const needs = ['POST /projects', 'DELETE /projects/{id}', 'POST /users', 'DELETE /users/{id}'] as const;

/**
 * The conformance self-test (POST /capabilities/self-test): the driver contract suite — the very checks each
 * driver's test file runs — against the configured backend, as a member of a scratch project made for it. Every
 * check creates what it uses and deletes it again; what a failed check left behind is swept, then the user and
 * the project are removed, so a live cloud ends as it was. The report says per check and per operation what
 * passed, with the backend's own error for each failure.
 */
export async function runSelfTest(ctx: RequestContext): Promise<SelfTestReport> {
  requireAdmin(ctx, 'running the conformance self-test');
  const p = provider();
  const admin = scope(ctx);
  const caps = await p.capabilities(admin);
  const lacking = needs.find((k) => caps.unsupported?.[k]);
  if (!caps.identityAdmin || lacking)
    throw notSupported(
      `the self-test runs in a scratch project and user it makes and removes: ${lacking ? caps.unsupported![lacking] : 'identity is managed outside the console'}`,
    );
  if (running) throw conflict('a self-test is already running on this console: wait for its report');
  running = true;
  try {
    return await selfTest(p, admin, caps.volumes);
  } finally {
    running = false;
  }
}

async function selfTest(p: CloudProvider, admin: ProviderContext, hasVolumes: boolean): Promise<SelfTestReport> {
  const started = Date.now();
  const name = `yuntu-selftest-${randomBytes(4).toString('hex')}`;
  const password = `${randomBytes(18).toString('base64url')}-Aa1`;
  const project = await p.identity.createProject(admin, {
    name,
    description: 'scratch project of the conformance self-test; removed when it ends',
  });
  const checks: SelfTestCheck[] = [];
  let run: ContractRun | undefined;
  let userId: string | undefined;
  try {
    userId = (await p.identity.createUser(admin, { name, password, project_id: project.id, role: 'member' })).id;
    const h: DriverHarness = { provider: p, member: { username: name, password }, bootable: await bootable(p, admin) };
    checks.push(
      await timed(signInCheck.name, signInCheck.operations, async () => {
        run = { h, ctx: await signInCheck.run(h) };
      }),
    );
    for (const c of contractChecks)
      checks.push(
        run
          ? await timed(c.name, c.operations, () => c.run(run!))
          : {
              name: c.name,
              operations: c.operations,
              outcome: 'skipped',
              error: 'the member did not sign in',
              duration_ms: 0,
            },
      );
  } catch (e) {
    // Setting up failed (the scratch user, no bootable image): the report says so in place of the checks.
    checks.push({
      name: 'prepares the scratch project',
      operations: ['POST /users'],
      outcome: 'failed',
      error: describe(e),
      duration_ms: 0,
    });
  }
  const scratch = await removeScratch(p, admin, project.id, name, userId, run, hasVolumes);
  return report(p.kind, started, checks, scratch);
}

async function timed(name: string, operations: readonly string[], body: () => Promise<void>): Promise<SelfTestCheck> {
  const t = Date.now();
  try {
    await body();
    return { name, operations: [...operations], outcome: 'passed', error: null, duration_ms: Date.now() - t };
  } catch (e) {
    return { name, operations: [...operations], outcome: 'failed', error: describe(e), duration_ms: Date.now() - t };
  }
}

/** The backend's own words for a CloudError (its kind and message), the check's for a failed expectation. */
function describe(e: unknown): string {
  if (isCloudError(e)) return `${e.kind}: ${e.message}`;
  if (e instanceof Error) return e.message.split('\n')[0]!.slice(0, 500);
  return String(e);
}

/** An active public image the member may boot, and the smallest flavor it fits (what the drivers' tests name). */
async function bootable(p: CloudProvider, admin: ProviderContext): Promise<DriverHarness['bootable']> {
  const images = (await p.images.list(admin, { limit: 100, offset: 0 })).items.filter(
    (i) => i.status === 'active' && i.visibility === 'public',
  );
  const image =
    images.find((i) => /cirros/i.test(i.name)) ??
    [...images].sort((a, b) => (a.size_bytes ?? 0) - (b.size_bytes ?? 0))[0];
  if (!image) throw new CloudError('conflict', 'the cloud has no active public image to boot a test server from');
  const flavors = (await p.flavors.list(admin, { limit: 100, offset: 0 })).items
    .filter((f) => f.ram_mb >= image.min_ram_mb && f.disk_gb >= image.min_disk_gb)
    .sort((a, b) => a.vcpus - b.vcpus || a.ram_mb - b.ram_mb || a.disk_gb - b.disk_gb);
  if (!flavors[0]) throw new CloudError('conflict', `no flavor fits image ${image.name}`);
  return { imageName: image.name, flavorId: flavors[0].id };
}

/**
 * Sweeps what failed checks left in the scratch project (as its member), then removes the user and the project
 * (as the admin). Whatever cannot be removed is named in the report rather than hidden.
 */
async function removeScratch(
  p: CloudProvider,
  admin: ProviderContext,
  projectId: string,
  name: string,
  userId: string | undefined,
  run: ContractRun | undefined,
  hasVolumes: boolean,
): Promise<SelfTestReport['scratch']> {
  try {
    if (run) {
      const m = run.ctx;
      const page = { limit: 100, offset: 0 };
      for (const s of (await p.servers.list(m, page)).items) await p.servers.remove(m, s.id);
      await eventually(
        () => p.servers.list(m, page),
        (r) => r.total === 0,
        180_000,
      );
      if (hasVolumes) {
        for (const v of (await p.volumes.list(m, page)).items) await p.volumes.remove(m, v.id);
        await eventually(
          () => p.volumes.list(m, page),
          (r) => r.total === 0,
          180_000,
        );
      }
      for (const i of (await p.images.list(m, { ...page, visibility: 'private' })).items)
        if (i.owner === projectId) await p.images.remove(m, i.id);
      await p.identity.revoke(m.principal).catch(() => undefined);
    }
    if (userId) await p.identity.deleteUser(admin, userId);
    await p.identity.deleteProject(admin, projectId);
    return { project: name, removed: true, error: null };
  } catch (e) {
    return { project: name, removed: false, error: describe(e) };
  }
}

function report(
  backend: string,
  started: number,
  checks: SelfTestCheck[],
  scratch: SelfTestReport['scratch'],
): SelfTestReport {
  const byOp = new Map<string, SelfTestCheck[]>();
  for (const c of checks) for (const o of c.operations) byOp.set(o, [...(byOp.get(o) ?? []), c]);
  const operations = [...byOp].map(([key, cs]) => {
    const [method = '', path = ''] = key.split(' ');
    const failed = cs.filter((c) => c.outcome === 'failed');
    const outcome = failed.length ? 'failed' : cs.some((c) => c.outcome === 'passed') ? 'passed' : 'skipped';
    return {
      method,
      path,
      outcome: outcome as SelfTestCheck['outcome'],
      errors: failed.map((c) => `${c.name}: ${c.error}`),
    };
  });
  const count = (o: SelfTestCheck['outcome']) => checks.filter((c) => c.outcome === o).length;
  return {
    backend,
    started_at: new Date(started).toISOString(),
    duration_ms: Date.now() - started,
    passed: count('passed'),
    failed: count('failed'),
    skipped: count('skipped'),
    checks,
    operations,
    scratch,
  };
}
