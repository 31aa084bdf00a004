import { describe, expect, it } from 'vitest';
import { usageCsv, usageCsvHeader } from '@/lib/contract/usage';
import { usageSeries, type UsageSpan } from './series';

const H = 3_600_000;
const t0 = Date.parse('2026-12-01T00:00:00.000Z');
const span = (startedAt: number, endedAt: number | null, vcpus = 2, memory_mb = 2048, disk_gb = 20): UsageSpan => ({
  startedAt,
  endedAt,
  vcpus,
  memory_mb,
  disk_gb,
});

describe('usageSeries', () => {
  it('gives one point per step from `from`, the last one cut at `to`', () => {
    const points = usageSeries([], t0, t0 + 2.5 * H, 'hour');
    expect(points.map((p) => p.at)).toEqual([
      '2026-12-01T00:00:00.000Z',
      '2026-12-01T01:00:00.000Z',
      '2026-12-01T02:00:00.000Z',
    ]);
    expect(points.every((p) => p.vcpus === 0 && p.servers === 0)).toBe(true);
  });

  it('counts a server spanning the whole range in every point, in full', () => {
    const points = usageSeries([span(t0 - 10 * H, t0 + 10 * H)], t0, t0 + 3 * H, 'hour');
    expect(points).toEqual(
      [0, 1, 2].map((i) => ({
        at: new Date(t0 + i * H).toISOString(),
        vcpus: 2,
        memory_mb: 2048,
        disk_gb: 20,
        servers: 1,
      })),
    );
  });

  it('counts a server started before `from` and still running at `to` (no end) in full', () => {
    const points = usageSeries([span(t0 - H, null, 4, 8192, 80)], t0, t0 + 2 * H, 'hour');
    expect(points.map((p) => [p.vcpus, p.memory_mb, p.disk_gb, p.servers])).toEqual([
      [4, 8192, 80, 1],
      [4, 8192, 80, 1],
    ]);
  });

  it('averages a server over the part of the step it lived', () => {
    // Started at 00:30, ended at 01:15: half of the first hour, a quarter of the second, nothing in the third.
    const points = usageSeries([span(t0 + 0.5 * H, t0 + 1.25 * H)], t0, t0 + 3 * H, 'hour');
    expect(points.map((p) => [p.vcpus, p.memory_mb, p.disk_gb, p.servers])).toEqual([
      [1, 1024, 10, 0.5],
      [0.5, 512, 5, 0.25],
      [0, 0, 0, 0],
    ]);
  });

  it('weights the last, shorter point by its own length', () => {
    // The range ends at 01:30; the server lived 01:00–01:15: a quarter of an hour of a half-hour point.
    const points = usageSeries([span(t0 + H, t0 + 1.25 * H)], t0, t0 + 1.5 * H, 'hour');
    expect(points.map((p) => p.vcpus)).toEqual([0, 1]);
    expect(points[1]!.servers).toBe(0.5);
  });

  it('counts nothing for a zero-length server, one that ended before `from` or one started after `to`', () => {
    const spans = [span(t0 + H, t0 + H), span(t0 - 5 * H, t0 - H), span(t0 + 5 * H, null), span(t0, t0)];
    expect(usageSeries(spans, t0, t0 + 2 * H, 'hour').every((p) => p.vcpus === 0 && p.servers === 0)).toBe(true);
  });

  it('adds servers up, and its points times their lengths give the vCPU-hours', () => {
    const spans = [span(t0, null, 1), span(t0 + 6 * H, t0 + 18 * H, 2), span(t0 - 3 * H, t0 + 30 * H, 4)];
    const points = usageSeries(spans, t0, t0 + 36 * H, 'day');
    expect(points.map((p) => p.at)).toEqual(['2026-12-01T00:00:00.000Z', '2026-12-02T00:00:00.000Z']);
    const hours = [24, 12];
    const vcpuHours = points.reduce((n, p, i) => n + p.vcpus * hours[i]!, 0);
    // 1 vCPU × 36 h + 2 × 12 h + 4 × 30 h.
    expect(vcpuHours).toBeCloseTo(36 + 24 + 120, 6);
    expect(points[0]!.servers).toBeCloseTo(1 + 0.5 + 1, 6);
  });
});

describe('usageCsv', () => {
  it('has the header row and one row per point', () => {
    const csv = usageCsv(usageSeries([span(t0, null)], t0, t0 + 2 * H, 'hour'));
    expect(csv.split('\r\n')).toEqual([
      usageCsvHeader,
      '2026-12-01T00:00:00.000Z,2,2048,20,1',
      '2026-12-01T01:00:00.000Z,2,2048,20,1',
      '',
    ]);
  });
});
