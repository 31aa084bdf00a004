import { usageStepMs, type UsagePoint, type UsageStep } from '@/lib/contract/usage';

/** One server's allocation over time, as a backend reports it: from its start until its end (null: still there). */
export interface UsageSpan {
  startedAt: number;
  /** Epoch ms; null while the server still exists. */
  endedAt: number | null;
  vcpus: number;
  memory_mb: number;
  disk_gb: number;
}

/** Four decimals: exact enough to add the points back up to a backend's vCPU-hours, short enough to read. */
const round = (n: number) => Math.round(n * 1e4) / 1e4;

/**
 * The series of `GET /usage`: one point per step from `from`, the last one cut at `to`. Each value is the
 * time-weighted average over the point's interval [at, min(at + step, to)) of what the spans allocated: a 2-vCPU
 * server that lived half of an hour counts 1 in that hour's point, and `servers` 0.5. So a point's value times
 * its interval's length is the exact vCPU-hours (MiB-hours, GiB-hours, server-hours) of that interval, which
 * is what Nova's usage report totals. A zero-length span (started and ended at once) allocated nothing.
 */
export function usageSeries(spans: readonly UsageSpan[], from: number, to: number, step: UsageStep): UsagePoint[] {
  const size = usageStepMs[step];
  const points: UsagePoint[] = [];
  for (let a = from; a < to; a += size) {
    const b = Math.min(a + size, to);
    let vcpus = 0;
    let memory = 0;
    let disk = 0;
    let servers = 0;
    for (const s of spans) {
      const overlap = Math.min(s.endedAt ?? Number.POSITIVE_INFINITY, b) - Math.max(s.startedAt, a);
      if (overlap <= 0) continue;
      const share = overlap / (b - a);
      vcpus += s.vcpus * share;
      memory += s.memory_mb * share;
      disk += s.disk_gb * share;
      servers += share;
    }
    points.push({
      at: new Date(a).toISOString(),
      vcpus: round(vcpus),
      memory_mb: round(memory),
      disk_gb: round(disk),
      servers: round(servers),
    });
  }
  return points;
}
