import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demo, expectError, newTenant, signIn, waitFor, type Client } from '../http/client';
import { activeServer, cirrosImageId } from '../http/network-fixtures';
import { openstackScript } from './cloud';

/**
 * One OpenStack service stops while the console runs: the calls that need it answer 503 naming it, the rest of
 * the console keeps working, and nothing is left half-done in the console's own records (the idempotency key of
 * a failed create is released, the audit says it failed). This file stops neutron-server of the loopback cloud,
 * so it runs alone (the `openstack` test project runs its files one after another, after the HTTP tests).
 */
let admin: Client;
let t: Awaited<ReturnType<typeof newTenant>>;
let neutronStopped = false;
let serverId = '';

beforeAll(async () => {
  admin = await signIn(demo.admin);
  t = await newTenant(admin);
  // A server, so that the servers list has ports to read from Neutron (an empty list needs only Nova).
  serverId = (await activeServer(t.member, await cirrosImageId(t.member), 'fault-srv')).id;
});

afterAll(async () => {
  // Whatever happened, the cloud is whole again for whoever comes next.
  if (neutronStopped) await openstackScript('up.sh');
  if (serverId) await t.member.delete(`/servers/${serverId}`);
});

describe('neutron-server stopped', () => {
  it('answers 503 naming Neutron where it is needed, serves everything else, and loses nothing', async () => {
    const before = (await t.member.get('/networks')).body.networks.length as number;
    await openstackScript('down.sh', 'neutron-server');
    neutronStopped = true;

    for (const path of [
      '/networks',
      '/security-groups',
      '/floating-ips',
      '/public-ips',
      '/servers',
      `/servers/${serverId}`,
    ]) {
      const r = await t.member.get(path);
      expect(r.status, `${path}: ${JSON.stringify(r.body)}`).toBe(503);
      const e = expectError(r, 503, 'unavailable');
      expect(e.message, path).toContain('network service (Neutron)');
      expect(e.message, path).not.toMatch(/at \w+ \(|ECONNREFUSED|127\.0\.0\.1/);
    }
    // What does not need Neutron still works: images, flavors, volumes, quotas, datacenters, the audit log, the session itself.
    for (const path of [
      '/images',
      '/flavors',
      '/volumes',
      '/quotas/compute',
      '/quotas/volume',
      '/datacenters',
      '/audit',
      '/auth/tokens',
      '/capabilities',
    ]) {
      const r = await t.member.get(path);
      expect(r.status, `${path}: ${JSON.stringify(r.body)}`).toBe(200);
    }
    expect((await t.member.get('/health')).status).toBe(200);

    // A create during the outage fails cleanly; its Idempotency-Key is released for the retry.
    const key = `fault-${Date.now()}`;
    const failed = await t.member.post('/networks', { name: 'during-outage' }, { 'Idempotency-Key': key });
    expect(expectError(failed, 503, 'unavailable').message).toContain('network service (Neutron)');
    const audit = await t.member.get('/audit?action=network.create&result=failure');
    expect(audit.body.records.map((r: { request_id: string }) => r.request_id)).toContain(failed.body.error.request_id);
    expect(
      audit.body.records.find((r: { request_id: string }) => r.request_id === failed.body.error.request_id),
    ).toMatchObject({ status_code: 503 });

    await openstackScript('up.sh');
    neutronStopped = false;
    // neutron-server opens its port before it serves: wait for the first good answer.
    const back = await waitFor(
      () => t.member.get('/networks'),
      (r) => r.status === 200,
      120_000,
    );
    expect(back.body.networks).toHaveLength(before);
    expect(back.body.networks.map((n: { name: string }) => n.name)).not.toContain('during-outage');
    const retried = await t.member.post('/networks', { name: 'during-outage' }, { 'Idempotency-Key': key });
    expect(retried.status, JSON.stringify(retried.body)).toBe(201);
    expect(retried.headers.get('idempotent-replayed')).toBeNull();
    const replayed = await t.member.post('/networks', { name: 'during-outage' }, { 'Idempotency-Key': key });
    expect(replayed.headers.get('idempotent-replayed')).toBe('true');
    expect(replayed.body.network.id).toBe(retried.body.network.id);
    expect((await t.member.get('/networks?name=during-outage')).body.total_count).toBe(1);
  });
});
