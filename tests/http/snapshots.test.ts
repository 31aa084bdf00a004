import { beforeAll, describe, expect, it } from 'vitest';
import { deleteAndWait, demo, expectError, newTenant, signIn, waitFor, type Client } from './client';

/**
 * Volume snapshots (issue 18) on the running backend: the simulator, and Cinder on the loopback OpenStack (its fake
 * volume driver makes snapshots and volumes from them for real, in its database).
 */

let admin: Client;
let t: Awaited<ReturnType<typeof newTenant>>;
let other: Awaited<ReturnType<typeof newTenant>>;
let cirrosId: string;

const volumeOf = (c: Client, id: string) => async () => (await c.get(`/volumes/${id}`)).body.volume;
const snapshotOf = (c: Client, id: string) => async () => (await c.get(`/snapshots/${id}`)).body.snapshot;

async function volume(c: Client, body: Record<string, unknown>) {
  const r = await c.post('/volumes', body);
  expect(r.status, JSON.stringify(r.body)).toBe(202);
  return waitFor(volumeOf(c, r.body.volume.id), (v) => v.status === 'available');
}
async function snapshot(c: Client, body: Record<string, unknown>) {
  const r = await c.post('/snapshots', body);
  expect(r.status, JSON.stringify(r.body)).toBe(202);
  return waitFor(snapshotOf(c, r.body.snapshot.id), (s) => s.status === 'available');
}
async function server(c: Client, name: string, extra: Record<string, unknown> = {}) {
  const r = await c.post('/servers', { name, flavor_id: 's1.small', image_id: cirrosId, ...extra });
  expect(r.status, JSON.stringify(r.body)).toBe(202);
  return (
    await waitFor(
      () => c.get(`/servers/${r.body.id}`),
      (x) => x.body.server.status === 'active' || x.body.server.status === 'error',
    )
  ).body.server;
}

beforeAll(async () => {
  admin = await signIn(demo.admin);
  t = await newTenant(admin, { quotas: { volumes: 50, volume_gb: 200 } });
  other = await newTenant(admin);
  cirrosId = (await t.member.get('/images?name=cirros')).body.images[0].id;
});

describe('snapshots of a volume', () => {
  let vol: { id: string; size_gb: number; datacenter_id: string };
  let snap: { id: string };

  beforeAll(async () => {
    vol = await volume(t.member, { size_gb: 2, name: 'snap-source' });
  });

  it('answers 202 creating, then available, with the volume and its size', async () => {
    const r = await t.member.post('/snapshots', { volume_id: vol.id, name: 'before-upgrade', description: 'v1' });
    expect(r.status, JSON.stringify(r.body)).toBe(202);
    expect(['creating', 'available']).toContain(r.body.snapshot.status);
    const s = await waitFor(snapshotOf(t.member, r.body.snapshot.id), (x) => x.status === 'available');
    expect(s).toMatchObject({
      id: r.body.snapshot.id,
      project_id: t.projectId,
      name: 'before-upgrade',
      description: 'v1',
      volume_id: vol.id,
      size_gb: 2,
      status: 'available',
    });
    expect(Date.parse(s.created_at)).not.toBeNaN();
    snap = s;
  });

  it('lists it, filtered by volume, by name and by status, with a total', async () => {
    const byVolume = await t.member.get(`/snapshots?volume_id=${vol.id}`);
    expect(byVolume.status).toBe(200);
    expect(byVolume.body.snapshots.map((s: { id: string }) => s.id)).toEqual([snap.id]);
    expect(byVolume.body.total_count).toBe(1);
    const byName = await t.member.get('/snapshots?name=upgrade&status=available');
    expect(byName.body.snapshots.map((s: { id: string }) => s.id)).toContain(snap.id);
    const none = await t.member.get('/snapshots?status=error');
    expect(none.body.snapshots.map((s: { id: string }) => s.id)).not.toContain(snap.id);
  });

  it('renames it and changes its description', async () => {
    const r = await t.member.patch(`/snapshots/${snap.id}`, { name: 'renamed', description: 'v2' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.snapshot).toMatchObject({ id: snap.id, name: 'renamed', description: 'v2' });
    expect((await t.member.get(`/snapshots/${snap.id}`)).body.snapshot.name).toBe('renamed');
    const empty = expectError(await t.member.patch(`/snapshots/${snap.id}`, {}), 400, 'invalid');
    expect(JSON.stringify(empty.details)).toContain('name');
  });

  it('makes a volume from it, at least as large, marked with where it came from', async () => {
    const small = expectError(
      await t.member.post('/volumes', { size_gb: 1, source: { snapshot_id: snap.id } }),
      400,
      'invalid',
    );
    expect(small.message).toContain('size_gb');
    const v = await volume(t.member, { size_gb: 3, name: 'from-snap', source: { snapshot_id: snap.id } });
    expect(v).toMatchObject({ size_gb: 3, source_snapshot_id: snap.id, datacenter_id: vol.datacenter_id });
    await deleteAndWait(t.member, `/volumes/${v.id}`);
  });

  it('refuses to delete the volume while it has snapshots, naming them (409)', async () => {
    const e = expectError(await t.member.delete(`/volumes/${vol.id}`), 409, 'conflict');
    expect(e.message.toLowerCase()).toContain('snapshot');
  });

  it('snapshots an attached volume only with force', async () => {
    const s = await server(t.member, 'snap-holder');
    expect(s.status).toBe('active');
    const attached = await volume(t.member, { size_gb: 1, name: 'attached-source' });
    expect((await t.member.post(`/volumes/${attached.id}/attach`, { server_id: s.id })).status).toBe(202);
    await waitFor(volumeOf(t.member, attached.id), (v) => v.status === 'in-use');
    const e = expectError(await t.member.post('/snapshots', { volume_id: attached.id }), 409, 'conflict');
    expect(e.message).toContain('force');
    const forced = await snapshot(t.member, { volume_id: attached.id, name: 'crash-consistent', force: true });
    expect(forced.volume_id).toBe(attached.id);
    await deleteAndWait(t.member, `/snapshots/${forced.id}`);
    await deleteAndWait(t.member, `/servers/${s.id}`, 120_000);
    await waitFor(volumeOf(t.member, attached.id), (v) => v.status === 'available');
    await deleteAndWait(t.member, `/volumes/${attached.id}`);
  }, 300_000);

  it('boots a server from it (block_devices source_type snapshot)', async () => {
    const bootSnap = await snapshot(t.member, { volume_id: vol.id, name: 'boot-source' });
    const s = await server(t.member, 'from-snapshot', {
      block_devices: [{ source_type: 'snapshot', uuid: bootSnap.id, size_gb: 2, boot_index: 1 }],
    });
    expect(s.status).toBe('active');
    expect(s.volume_ids.length).toBe(1);
    const disk = await waitFor(volumeOf(t.member, s.volume_ids[0]), (v) => v.status === 'in-use');
    expect(disk).toMatchObject({ size_gb: 2, source_snapshot_id: bootSnap.id });
    await deleteAndWait(t.member, `/servers/${s.id}`, 120_000);
    // The disk was made for the server and goes with it (delete_on_termination), so the snapshot can go.
    await waitFor(
      () => t.member.get(`/volumes/${disk.id}`),
      (r) => r.status === 404,
      120_000,
    );
    await deleteAndWait(t.member, `/snapshots/${bootSnap.id}`);
  }, 300_000);

  it('names an unknown snapshot as the source field (400), on volumes and on servers', async () => {
    const v = expectError(
      await t.member.post('/volumes', { size_gb: 1, source: { snapshot_id: 'no-such-snapshot' } }),
      400,
      'invalid',
    );
    expect(v.message).toContain('source.snapshot_id');
    const b = expectError(
      await t.member.post('/servers', {
        name: 'x',
        flavor_id: 's1.small',
        image_id: cirrosId,
        block_devices: [{ source_type: 'snapshot', uuid: 'no-such-snapshot', size_gb: 1 }],
      }),
      400,
      'invalid',
    );
    expect(b.message).toContain('block_devices');
  });

  it('keeps it from another project (404) and from a reader (403 on changes)', async () => {
    expectError(await other.member.get(`/snapshots/${snap.id}`), 404, 'not_found');
    expectError(await other.member.patch(`/snapshots/${snap.id}`, { name: 'x' }), 404, 'not_found');
    expectError(await other.member.delete(`/snapshots/${snap.id}`), 404, 'not_found');
    const list = await other.member.get('/snapshots');
    expect(list.body.snapshots.map((s: { id: string }) => s.id)).not.toContain(snap.id);
    const e = expectError(await other.member.post('/snapshots', { volume_id: vol.id }), 400, 'invalid');
    expect(e.message).toContain('volume_id');
    expect((await t.reader.get(`/snapshots/${snap.id}`)).status).toBe(200);
    expectError(await t.reader.post('/snapshots', { volume_id: vol.id }), 403, 'forbidden');
    expectError(await t.reader.delete(`/snapshots/${snap.id}`), 403, 'forbidden');
  });

  it('counts its size in the gigabytes quota', async () => {
    // What the tenant holds now: the source volume and its one snapshot (every other disk of this file is gone).
    const q = (await t.member.get('/quotas/volume')).body;
    expect(q.used_volumes).toBe(1);
    expect(q.used_gb).toBe(vol.size_gb + 2);
  });

  it('deletes it, then the volume can go', async () => {
    await deleteAndWait(t.member, `/snapshots/${snap.id}`);
    expectError(await t.member.get(`/snapshots/${snap.id}`), 404, 'not_found');
    await deleteAndWait(t.member, `/volumes/${vol.id}`);
  });
});

describe('bad input', () => {
  it('names the field', async () => {
    const e = expectError(await t.member.post('/snapshots', { name: 'x' }), 400, 'invalid');
    expect(JSON.stringify(e.details)).toContain('volume_id');
    const f = expectError(await t.member.post('/snapshots', { volume_id: 'v', force: 'yes' }), 400, 'invalid');
    expect(JSON.stringify(f.details)).toContain('force');
    expectError(await t.member.get('/snapshots?status=nope'), 400, 'invalid');
    expectError(await t.member.get('/snapshots?sort=colour'), 400, 'invalid');
  });
});
