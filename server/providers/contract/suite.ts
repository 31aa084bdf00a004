import 'server-only';
import { expect, it, describe } from 'vitest';
import { CloudError } from '../errors';
import type { CloudProvider, Principal, ProviderContext } from '../types';

/** What a driver's test harness supplies: the provider and credentials of a member of one project. */
export interface DriverHarness {
  provider: CloudProvider;
  member: { username: string; password: string };
  /** An image and flavor the member may boot. */
  bootable: { imageName: string; flavorId: string };
}

export function contextOf(principal: Principal): ProviderContext {
  return { principal, projectId: principal.projectId, allProjects: false, requestId: 'contract-suite' };
}

async function eventually<T>(fn: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`not reached in ${timeoutMs} ms: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function expectCloudError(p: Promise<unknown>, kind: CloudError['kind']) {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e, `expected a CloudError of kind ${kind}`).toBeInstanceOf(CloudError);
  expect((e as CloudError).kind).toBe(kind);
  return e as CloudError;
}

/**
 * The driver contract: what every backend must do, whatever it talks to. Each driver's test file calls this
 * with its harness (the simulator always; OpenStack when OPENSTACK_AUTH_URL is set).
 */
export function driverContract(name: string, setup: () => Promise<DriverHarness>) {
  describe(`driver contract: ${name}`, () => {
    let h: DriverHarness;
    let ctx: ProviderContext;

    it('authenticates a member and refuses a wrong password as unauthorized', async () => {
      h = await setup();
      const principal = await h.provider.identity.authenticate(h.member);
      expect(principal.userName).toBe(h.member.username);
      expect(principal.projectId).toBeTruthy();
      ctx = contextOf(principal);
      await expectCloudError(h.provider.identity.authenticate({ ...h.member, password: 'wrong-password' }), 'unauthorized');
    });

    it('lists datacenters and flavors, and finds a flavor by id', async () => {
      const dcs = await h.provider.datacenters.list(ctx);
      expect(dcs.length).toBeGreaterThan(0);
      const flavors = await h.provider.flavors.list(ctx, { limit: 100, offset: 0 });
      expect(flavors.total).toBeGreaterThan(0);
      const f = await h.provider.flavors.get(ctx, h.bootable.flavorId);
      expect(f.id).toBe(h.bootable.flavorId);
      await expectCloudError(h.provider.flavors.get(ctx, 'no-such-flavor'), 'not_found');
    });

    it('reports compute and volume quotas with usage', async () => {
      const c = await h.provider.quotas.compute(ctx, { scope: 'project' });
      expect(c.total_vcpus).toBeGreaterThanOrEqual(c.used_vcpus);
      const v = await h.provider.quotas.volume(ctx, { scope: 'project' });
      expect(v.total_gb).toBeGreaterThanOrEqual(v.used_gb);
    });

    it('runs a server through its life: build, stop, start, reboot, rename, delete', async () => {
      const images = await h.provider.images.list(ctx, { limit: 100, offset: 0, name: h.bootable.imageName });
      const image = images.items.find((i) => i.status === 'active');
      expect(image, `an active image named like ${h.bootable.imageName}`).toBeDefined();
      const created = await h.provider.servers.create(ctx, {
        name: 'contract-server',
        description: '',
        flavor_id: h.bootable.flavorId,
        image_id: image!.id,
        networks: [],
        block_devices: [],
        metadata: { purpose: 'contract' },
        security_group_ids: [],
      });
      expect(created.status).toBe('building');
      expect(created.project_id).toBe(ctx.projectId);
      const active = await eventually(() => h.provider.servers.get(ctx, created.id), (s) => s.status === 'active');
      expect(active.flavor_id).toBe(h.bootable.flavorId);
      expect(active.metadata).toEqual({ purpose: 'contract' });

      const listed = await h.provider.servers.list(ctx, { limit: 100, offset: 0, name: 'contract-server' });
      expect(listed.items.map((s) => s.id)).toContain(created.id);

      await expectCloudError(h.provider.servers.start(ctx, created.id), 'conflict');
      await h.provider.servers.stop(ctx, created.id);
      await eventually(() => h.provider.servers.get(ctx, created.id), (s) => s.status === 'stopped');
      await h.provider.servers.start(ctx, created.id);
      await eventually(() => h.provider.servers.get(ctx, created.id), (s) => s.status === 'active');
      await h.provider.servers.reboot(ctx, created.id, 'soft');
      await eventually(() => h.provider.servers.get(ctx, created.id), (s) => s.status === 'active');
      const renamed = await h.provider.servers.update(ctx, created.id, { name: 'contract-renamed' });
      expect(renamed.name).toBe('contract-renamed');
      await h.provider.servers.remove(ctx, created.id);
      await eventually(
        () => h.provider.servers.get(ctx, created.id).then(() => 'still there', (e: unknown) => (e instanceof CloudError ? e.kind : 'other')),
        (v) => v === 'not_found',
      );
    });

    it('answers not_found for a server of another id', async () => {
      await expectCloudError(h.provider.servers.get(ctx, '00000000-0000-0000-0000-000000000000'), 'not_found');
    });
  });
}
