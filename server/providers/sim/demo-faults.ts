import 'server-only';
import { DemoFaults, noFaults } from '@/lib/contract/demo';
import { getDb, type Queryable } from '../../db/client';
import { CloudError } from '../errors';

/**
 * The presenter's fault switches as every console process sees them: stored in sim_demo (so a switch made in one
 * process reaches all of them without a restart) and cached here at most `ttlMs`, so the fault wrapper does not
 * read the database on every provider call. The process that changed them sees the change at once (`remember`).
 */
const ttlMs = 1000;
const cache = globalThis as unknown as { yuntuDemoFaults?: { at: number; faults: DemoFaults } };

/** The stored switches, each missing one neutral (a row written by an older version lacks the newer fields). */
export async function readDemoFaults(q: Queryable): Promise<DemoFaults> {
  const rows = await q.query<{ faults: unknown }>('SELECT faults FROM sim_demo WHERE id = 1');
  const parsed = DemoFaults.safeParse({ ...noFaults, ...(rows[0]?.faults as object | undefined) });
  return parsed.success ? parsed.data : noFaults;
}

export async function currentDemoFaults(): Promise<DemoFaults> {
  const c = cache.yuntuDemoFaults;
  if (c && Date.now() - c.at < ttlMs) return c.faults;
  try {
    const faults = await readDemoFaults(await getDb());
    cache.yuntuDemoFaults = { at: Date.now(), faults };
    return faults;
  } catch {
    // The database unreachable: the calls themselves will say so; no fault is invented here.
    return noFaults;
  }
}

export function rememberDemoFaults(faults: DemoFaults): void {
  cache.yuntuDemoFaults = { at: Date.now(), faults };
}

/** A change (no get or list) in the datacenter the presenter made unavailable: the datacenter it acts in, if any. */
async function datacenterOf(op: string, args: unknown[]): Promise<string | null> {
  for (const a of args.slice(1))
    if (a && typeof a === 'object' && 'datacenter_id' in a && typeof a.datacenter_id === 'string')
      return a.datacenter_id;
  const [section] = op.split('.');
  const table = section === 'servers' ? 'sim_servers' : section === 'volumes' ? 'sim_volumes' : null;
  if (!table || typeof args[1] !== 'string') return null;
  const rows = await (
    await getDb()
  ).query<{ datacenter_id: string }>(`SELECT datacenter_id FROM ${table} WHERE id = $1`, [args[1]]);
  return rows[0]?.datacenter_id ?? null;
}

/** The fault wrapper's live source on the simulator (registry.ts). */
export const simLiveFaults = {
  async faults() {
    const f = await currentDemoFaults();
    return {
      latencyMs: f.latency_ms,
      latencyOperations: f.latency_operations,
      failureRate: f.failure_rate,
      failureOperations: f.failure_operations,
    };
  },
  async check(op: string, args: unknown[]) {
    const dc = (await currentDemoFaults()).datacenter_unavailable;
    // Reads still answer (the console stays browsable, and shows the datacenter unavailable); changes fail.
    const method = op.split('.')[1] ?? '';
    if (!dc || /^(get|list|count|status|usage)/i.test(method)) return;
    if ((await datacenterOf(op, args)) === dc)
      throw new CloudError('unavailable', `datacenter ${dc} is unavailable (presenter's fault): ${op} was refused`);
  },
};
