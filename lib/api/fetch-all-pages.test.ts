import { describe, expect, it } from 'vitest';
import { fetchAllPages, type ListParams, type Page } from './list';

/** A collection of `n` numbered items served in pages, recording each request and how many were in flight at once. */
function collection(n: number, delayMs = 10) {
  const calls: ListParams[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const fetchPage = async (p: ListParams): Promise<Page<number>> => {
    calls.push(p);
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    await new Promise((r) => setTimeout(r, delayMs));
    inFlight--;
    const from = p.offset ?? 0;
    const items = Array.from({ length: Math.max(0, Math.min(p.limit ?? 20, n - from)) }, (_, i) => from + i);
    return { items, total: n };
  };
  return { fetchPage, calls, maxInFlight: () => maxInFlight };
}

describe('fetchAllPages', () => {
  it('asks once when the first page holds everything', async () => {
    const c = collection(42);
    const r = await fetchAllPages(c.fetchPage, { sort: 'name' });
    expect(r).toEqual({ items: Array.from({ length: 42 }, (_, i) => i), total: 42 });
    expect(c.calls).toEqual([{ sort: 'name', limit: 100, offset: 0 }]);
  });

  it('asks the remaining pages side by side once the first tells the total, in order', async () => {
    const c = collection(1050);
    const r = await fetchAllPages(c.fetchPage);
    expect(r.total).toBe(1050);
    expect(r.items).toEqual(Array.from({ length: 1050 }, (_, i) => i));
    expect(c.calls.map((p) => p.offset)).toEqual([0, 100, 200, 300, 400, 500, 600, 700, 800, 900, 1000]);
    // Not one after another: up to six at a time (the browser's connections per host).
    expect(c.maxInFlight()).toBe(6);
  });

  it('stops at max', async () => {
    const c = collection(10_000, 1);
    const r = await fetchAllPages(c.fetchPage, {}, 300);
    expect(c.calls.map((p) => p.offset)).toEqual([0, 100, 200]);
    expect(r.items).toHaveLength(300);
    expect(r.total).toBe(10_000);
  });

  it('fails when a page fails', async () => {
    const c = collection(250);
    await expect(
      fetchAllPages(async (p) =>
        (p.offset ?? 0) === 200 ? Promise.reject(new Error('page 3 failed')) : c.fetchPage(p),
      ),
    ).rejects.toThrow('page 3 failed');
  });
});
