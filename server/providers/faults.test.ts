import { describe, expect, it } from 'vitest';
import { CloudError } from './errors';
import { withFaults } from './faults';
import type { CloudProvider } from './types';

/** A provider with just enough for the wrapper to proxy. */
function fakeProvider(): CloudProvider {
  const calls: string[] = [];
  const section = (name: string) =>
    new Proxy(
      {},
      {
        get: (_t, prop) => async () => {
          calls.push(`${name}.${String(prop)}`);
          return 'ok';
        },
      },
    );
  return {
    kind: 'sim',
    identity: section('identity'),
    servers: section('servers'),
    flavors: section('flavors'),
    calls,
  } as unknown as CloudProvider;
}

describe('withFaults', () => {
  it('returns the provider untouched when no fault is configured', () => {
    const p = fakeProvider();
    expect(withFaults(p, { latencyMs: 0, rates: {}, timeoutRate: 0 })).toBe(p);
  });

  it('fails the named operation at its rate with an unavailable error naming it', async () => {
    const p = withFaults(fakeProvider(), {
      latencyMs: 0,
      rates: { 'servers.create': 1 },
      timeoutRate: 0,
      random: () => 0.5,
    });
    const e = await p.servers.create({} as never, {} as never).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(CloudError);
    expect((e as CloudError).kind).toBe('unavailable');
    expect((e as CloudError).message).toContain('servers.create');
    await expect(p.servers.list({} as never, {} as never)).resolves.toBe('ok');
    await expect(p.flavors.list({} as never, {} as never)).resolves.toBe('ok');
  });

  it('uses the section rate, then the wildcard, and never touches identity', async () => {
    let n = 0;
    const random = () => [0.05, 0.5][n++ % 2]!;
    const p = withFaults(fakeProvider(), { latencyMs: 0, rates: { '*': 0.1 }, timeoutRate: 0, random });
    const results = await Promise.all(
      Array.from({ length: 4 }, () =>
        p.flavors.get({} as never, 'x').then(
          () => 'ok',
          () => 'fail',
        ),
      ),
    );
    expect(results).toEqual(['fail', 'ok', 'fail', 'ok']);
    await expect(p.identity.authenticate({ username: 'a', password: 'b' })).resolves.toBe('ok');
  });

  it('adds latency around the configured mean', async () => {
    const p = withFaults(fakeProvider(), { latencyMs: 40, rates: {}, timeoutRate: 0, random: () => 0.5 });
    const t0 = Date.now();
    await p.servers.list({} as never, {} as never);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(35);
  });
});
