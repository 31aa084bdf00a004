import { beforeAll, describe, expect, it } from 'vitest';
import { deleteAndWait, demo, expectError, newTenant, signIn, waitFor, type Client } from './client';

/**
 * Volume types and retype (issue 18) on the running backend: the simulator's three types, and Cinder's on the
 * loopback OpenStack (its default `__DEFAULT__` and the `ssd` type scripts/openstack/fixtures.sh adds on the same
 * fake backend, so a retype happens in place).
 */
type VolumeType = { id: string; name: string; description: string; is_default: boolean; multiattach: boolean };

let admin: Client;
let t: Awaited<ReturnType<typeof newTenant>>;
let other: Awaited<ReturnType<typeof newTenant>>;
let types: VolumeType[];

const volumeOf = (c: Client, id: string) => async () => (await c.get(`/volumes/${id}`)).body.volume;
async function volume(c: Client, body: Record<string, unknown>) {
  const r = await c.post('/volumes', body);
  expect(r.status, JSON.stringify(r.body)).toBe(202);
  return waitFor(volumeOf(c, r.body.volume.id), (v) => v.status === 'available');
}

beforeAll(async () => {
  admin = await signIn(demo.admin);
  t = await newTenant(admin, { quotas: { volumes: 20, volume_gb: 100 } });
  other = await newTenant(admin);
  const r = await t.member.get('/volume-types');
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  types = r.body.volume_types;
});

describe('GET /volume-types', () => {
  it("lists the backend's types, one of them the default, to anyone signed in", async () => {
    expect(types.length).toBeGreaterThanOrEqual(2);
    expect(types.filter((x) => x.is_default).length).toBe(1);
    for (const x of types) {
      expect(typeof x.id).toBe('string');
      expect(x.name.length).toBeGreaterThan(0);
      expect(typeof x.description).toBe('string');
      expect(typeof x.multiattach).toBe('boolean');
    }
    expect((await t.member.get('/volume-types')).body.total_count).toBe(types.length);
    expect((await t.reader.get('/volume-types')).status).toBe(200);
  });

  it('makes a volume of a listed type, and names volume_type for a type the backend does not have', async () => {
    const other = types.find((x) => !x.is_default)!;
    const v = await volume(t.member, { size_gb: 1, name: 'typed', volume_type: other.name });
    expect(v.volume_type).toBe(other.name);
    const e = expectError(await t.member.post('/volumes', { size_gb: 1, volume_type: 'no-such-type' }), 400, 'invalid');
    expect(e.message).toContain('volume_type');
    await deleteAndWait(t.member, `/volumes/${v.id}`);
  });
});

describe('POST /volumes/{id}/retype', () => {
  let vol: { id: string; volume_type: string };
  let target: VolumeType;

  beforeAll(async () => {
    vol = await volume(t.member, { size_gb: 1, name: 'to-retype' });
    target = types.find((x) => x.name !== vol.volume_type)!;
  });

  it('changes the type: retyping, then back to its status with the new type', async () => {
    const r = await t.member.post(`/volumes/${vol.id}/retype`, { volume_type: target.name });
    expect(r.status, JSON.stringify(r.body)).toBe(202);
    expect(['retyping', 'available']).toContain(r.body.volume.status);
    const after = await waitFor(
      volumeOf(t.member, vol.id),
      (v) => v.status === 'available' && v.volume_type === target.name,
    );
    expect(after.volume_type).toBe(target.name);
    vol = after;
  });

  it("refuses the volume's own type and an unknown one, naming volume_type (400)", async () => {
    const same = expectError(await t.member.post(`/volumes/${vol.id}/retype`, { volume_type: vol.volume_type }), 400);
    expect(same.message).toContain('volume_type');
    const unknown = expectError(await t.member.post(`/volumes/${vol.id}/retype`, { volume_type: 'no-such-type' }), 400);
    expect(unknown.message).toContain('volume_type');
    const bad = expectError(
      await t.member.post(`/volumes/${vol.id}/retype`, { volume_type: target.name, migration_policy: 'always' }),
      400,
      'invalid',
    );
    expect(JSON.stringify(bad.details)).toContain('migration_policy');
  });

  it('is 404 for another project and 403 for a reader', async () => {
    const back = types.find((x) => x.name !== vol.volume_type)!.name;
    expectError(await other.member.post(`/volumes/${vol.id}/retype`, { volume_type: back }), 404, 'not_found');
    expectError(await t.reader.post(`/volumes/${vol.id}/retype`, { volume_type: back }), 403, 'forbidden');
    await deleteAndWait(t.member, `/volumes/${vol.id}`);
  });
});
