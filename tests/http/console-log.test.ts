import { beforeAll, describe, expect, it } from 'vitest';
import { backend, deleteAndWait, demo, expectError, newTenant, signIn, waitFor, type Client } from './client';

/**
 * A server's console log (issue 18) on the running backend: the simulator writes a boot log from what it knows of
 * the server; Nova's fake hypervisor on the loopback OpenStack answers its fixed three lines
 * ("FAKE CONSOLE OUTPUT\nANOTHER\nLAST LINE") through the real os-getConsoleOutput call.
 */
const onSim = backend === 'sim';

let admin: Client;
let t: Awaited<ReturnType<typeof newTenant>>;
let other: Awaited<ReturnType<typeof newTenant>>;
let server: { id: string; name: string };

beforeAll(async () => {
  admin = await signIn(demo.admin);
  t = await newTenant(admin);
  other = await newTenant(admin);
  const cirros = (await t.member.get('/images?name=cirros')).body.images[0].id;
  const r = await t.member.post('/servers', { name: 'console-1', flavor_id: 's1.small', image_id: cirros });
  expect(r.status, JSON.stringify(r.body)).toBe(202);
  server = (
    await waitFor(
      () => t.member.get(`/servers/${r.body.id}`),
      (x) => x.body.server.status === 'active',
    )
  ).body.server;
}, 300_000);

describe('GET /servers/{id}/console-log', () => {
  it('answers the last lines of the console, counted', async () => {
    const r = await waitFor(
      () => t.member.get(`/servers/${server.id}/console-log`),
      // The simulated guest takes a few (scaled) seconds to reach its login prompt after it is active.
      (x) => x.status !== 200 || !onSim || x.body.output.includes('login:'),
    );
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(typeof r.body.output).toBe('string');
    expect(r.body.output.length).toBeGreaterThan(0);
    expect(r.body.lines).toBe(r.body.output.split('\n').length);
    expect(r.body.lines).toBeLessThanOrEqual(100);
    if (onSim) {
      expect(r.body.output).toContain(`${server.name} login:`);
      expect(r.body.output).toContain('Cloud-init');
    } else expect(r.body.output).toContain('LAST LINE');
  });

  it('keeps only the lines asked for', async () => {
    const r = await t.member.get(`/servers/${server.id}/console-log?lines=2`);
    expect(r.status).toBe(200);
    expect(r.body.lines).toBeLessThanOrEqual(2);
    expect(r.body.output.split('\n').length).toBe(r.body.lines);
    const e = expectError(await t.member.get(`/servers/${server.id}/console-log?lines=0`), 400, 'invalid');
    expect(JSON.stringify(e.details)).toContain('lines');
    expectError(await t.member.get(`/servers/${server.id}/console-log?lines=lots`), 400, 'invalid');
  });

  // Simulator only: Nova's fake hypervisor (the loopback OpenStack's) answers the same three fixed lines whatever
  // the guest does, so there is no reboot to see in it; on a real hypervisor the console is the guest's own.
  it.runIf(onSim)('shows a reboot as a shutdown and a new boot', async () => {
    expect((await t.member.post(`/servers/${server.id}/reboot`, { type: 'soft' })).status).toBe(202);
    const r = await waitFor(
      () => t.member.get(`/servers/${server.id}/console-log?lines=1000`),
      (x) => x.body.output.includes('reboot: Restarting system') && x.body.output.trimEnd().endsWith('login:'),
    );
    expect(r.body.output.match(/Linux version/g)?.length).toBe(2);
  });

  it('is readable by a reader, and 404 for another project and an unknown server', async () => {
    expect((await t.reader.get(`/servers/${server.id}/console-log`)).status).toBe(200);
    expectError(await other.member.get(`/servers/${server.id}/console-log`), 404, 'not_found');
    expectError(await t.member.get('/servers/no-such-server/console-log'), 404, 'not_found');
  });

  it('goes with the server', async () => {
    await deleteAndWait(t.member, `/servers/${server.id}`, 120_000);
    expectError(await t.member.get(`/servers/${server.id}/console-log`), 404, 'not_found');
  }, 180_000);
});
