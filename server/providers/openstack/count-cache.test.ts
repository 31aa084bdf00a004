import { describe, expect, it, vi } from 'vitest';
import { emptyStatusCounts } from '@/lib/contract/server-status-counts';
import { cachedCounts, forgetCounts, TTL_MS } from './count-cache';

const counts = (active: number) => ({ ...emptyStatusCounts(), active });

describe('the overview counts cache', () => {
  it('answers a scope from one listing for TTL_MS, shares a listing in flight, and never mixes scopes', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const list = vi.fn(async (n: number) => counts(n));
      const [a, b] = await Promise.all([
        cachedCounts('project:a', () => list(1)),
        cachedCounts('project:a', () => list(9)),
      ]);
      expect([a.active, b.active, list.mock.calls.length]).toEqual([1, 1, 1]);
      expect((await cachedCounts('project:b', () => list(2))).active, 'another project lists its own').toBe(2);
      vi.advanceTimersByTime(TTL_MS - 1);
      expect((await cachedCounts('project:a', () => list(3))).active).toBe(1);
      vi.advanceTimersByTime(1);
      expect((await cachedCounts('project:a', () => list(4))).active, 'listed again after TTL_MS').toBe(4);
      forgetCounts();
      expect((await cachedCounts('project:a', () => list(5))).active, 'a write to Nova forgets them').toBe(5);
    } finally {
      vi.useRealTimers();
    }
  });

  it('keeps no failed listing', async () => {
    await expect(cachedCounts('project:f', async () => Promise.reject(new Error('nova down')))).rejects.toThrow();
    expect((await cachedCounts('project:f', async () => counts(7))).active).toBe(7);
  });
});
