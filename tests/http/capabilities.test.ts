import { beforeAll, describe, expect, it } from 'vitest';
import { operations } from '@/lib/contract/operations';
import { backend, client, demo, expectError, newTenant, signIn, type Client } from './client';

let admin: Client;

beforeAll(async () => {
  admin = await signIn(demo.admin);
});

interface Row {
  method: string;
  path: string;
  supported: boolean;
  reason: string | null;
  options: { name: string; supported: boolean; reason: string | null }[];
  parts: Record<string, string>;
}

describe('GET /capabilities: the conformance table every console reads', () => {
  it('is readable by a tenant member and a reader, listing every operation of the API', async () => {
    const t = await newTenant(admin);
    for (const who of [t.member, t.reader]) {
      const r = await who.get<{ backend: string; operations: Row[]; total_count: number; supported_count: number }>(
        '/capabilities',
      );
      expect(r.status).toBe(200);
      expect(r.body.backend).toBe(backend);
      expect(r.body.total_count).toBe(operations.length);
      const keys = new Set(r.body.operations.map((o) => `${o.method} ${o.path}`));
      for (const op of operations)
        expect(keys.has(`${op.method.toUpperCase()} ${op.path}`), `${op.method} ${op.path} is listed`).toBe(true);
      for (const o of r.body.operations)
        expect(o.parts, `${o.method} ${o.path} names its limited parts`).toBeTypeOf('object');
    }
  });

  // Simulator only, by its subject: the OpenStack driver declares what its cloud lacks (mode ro, IPv6 public IPs,
  // Neutron's default quotas, multiattach where no type is shareable), which capability-options.test.ts checks
  // against the loopback cloud both ways, 501 where declared and none elsewhere.
  it.runIf(backend === 'sim')(
    'declares every operation supported on the simulator, and refuses only the options it does not model',
    async () => {
      const t = await newTenant(admin);
      const r = await t.member.get<{ operations: Row[]; total_count: number; supported_count: number }>(
        '/capabilities',
      );
      expect(r.body.supported_count).toBe(r.body.total_count);
      expect(r.body.operations.filter((o) => !o.supported || o.reason !== null)).toEqual([]);
      // Ports are not simulated: that option answers 501 (capability-options.test.ts sends it).
      const refused = r.body.operations.flatMap((o) =>
        o.options.filter((x) => !x.supported).map((x) => `${o.method} ${o.path}#${x.name}`),
      );
      expect(refused.sort()).toEqual(['POST /servers#networks.port_id']);
      for (const o of r.body.operations)
        expect(Object.keys(o.parts).sort(), `${o.method} ${o.path}: parts are the refused options`).toEqual(
          o.options
            .filter((x) => !x.supported)
            .map((x) => x.name)
            .sort(),
        );
    },
  );

  it('still needs a signed-in caller', async () => {
    expectError(await client().get('/capabilities'), 401, 'unauthorized');
  });
});
