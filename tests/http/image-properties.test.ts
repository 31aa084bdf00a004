import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demo, expectError, newTenant, signIn, type Client } from './client';

/*
 * Custom image properties (GIS metadata such as gis_crs) through the standard's JSON patch (B.34-B.36). Holds on
 * the simulator and on OpenStack (Glance's own free-form properties): listed in scripts/test-openstack.mjs.
 */

let t: Awaited<ReturnType<typeof newTenant>>;
let other: Awaited<ReturnType<typeof newTenant>>;
let publicImageId: string;
const jsonPatch = { 'Content-Type': 'application/json-patch+json' };
/** Deleted afterwards: on a real cloud they would stay in Glance. */
const created: string[] = [];

async function newImage(c: Client, body: Record<string, unknown> = {}) {
  const r = await c.post('/images', { name: 'img', ...body });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  created.push(r.body.image.id);
  return r.body.image as { id: string; name: string; status: string; properties: Record<string, string> };
}

beforeAll(async () => {
  const admin = await signIn(demo.admin);
  t = await newTenant(admin);
  other = await newTenant(admin);
  // The admin project's public cirros (seeded on the simulator, scripts/openstack/fixtures.sh on OpenStack).
  const images = await t.member.get('/images?name=cirros');
  publicImageId = images.body.images[0].id;
});

afterAll(async () => {
  for (const id of created) await t.member.delete(`/images/${id}`);
});

describe('B.34-B.36 custom image properties (GIS metadata)', () => {
  const detailPaths = (e: { details?: { path: string }[] }) => e.details?.map((d) => d.path);

  it('adds, replaces and removes custom properties with the standard JSON patch; GET and the list show them', async () => {
    const img = await newImage(t.member, { name: 'gis-dem' });
    expect(img).toMatchObject({ properties: {} });
    const p = (ops: unknown) => t.member.patch(`/images/${img.id}`, ops, jsonPatch);
    const added = await p([
      { op: 'add', path: '/gis_crs', value: 'EPSG:4490' },
      { op: 'add', path: '/gis.extent', value: '73.5,18.2,135.1,53.6' },
      { op: 'add', path: '/gis:source', value: '国家基础地理信息中心' },
    ]);
    expect(added.status, JSON.stringify(added.body)).toBe(200);
    expect(added.body.image.properties).toEqual({
      gis_crs: 'EPSG:4490',
      'gis.extent': '73.5,18.2,135.1,53.6',
      'gis:source': '国家基础地理信息中心',
    });
    const replaced = await p([
      { op: 'replace', path: '/gis_crs', value: 'EPSG:4326' },
      { op: 'remove', path: '/gis.extent' },
    ]);
    expect(replaced.status, JSON.stringify(replaced.body)).toBe(200);
    const expected = { gis_crs: 'EPSG:4326', 'gis:source': '国家基础地理信息中心' };
    expect(replaced.body.image.properties).toEqual(expected);
    expect((await t.member.get(`/images/${img.id}`)).body.image.properties).toEqual(expected);
    const listed = await t.member.get('/images?name=gis-dem');
    expect(listed.body.images.find((i: { id: string }) => i.id === img.id).properties).toEqual(expected);
    // Properties at creation (6.3 c metadata create) too.
    const withProps = await newImage(t.member, { name: 'gis-born', properties: { gis_crs: 'EPSG:4490' } });
    expect(withProps).toMatchObject({ properties: { gis_crs: 'EPSG:4490' } });
  });

  it('keeps B.35 for custom properties: add on a present one, replace/remove on an absent one are 409 naming it', async () => {
    const img = await newImage(t.member, { name: 'gis-rules', properties: { gis_crs: 'EPSG:4490' } });
    const p = (ops: unknown) => t.member.patch(`/images/${img.id}`, ops, jsonPatch);
    expect(expectError(await p([{ op: 'add', path: '/gis_crs', value: 'x' }]), 409, 'conflict').message).toContain(
      '/gis_crs',
    );
    expect(
      expectError(await p([{ op: 'replace', path: '/gis_source', value: 'x' }]), 409, 'conflict').message,
    ).toContain('/gis_source');
    expect(expectError(await p([{ op: 'remove', path: '/gis_source' }]), 409, 'conflict').message).toContain(
      '/gis_source',
    );
  });

  it('refuses a bad key, a bad value, a reserved name and too many with 400 naming /<key>, changing nothing', async () => {
    const img = await newImage(t.member, { name: 'gis-bad', properties: { gis_crs: 'EPSG:4490' } });
    const p = (ops: unknown) => t.member.patch(`/images/${img.id}`, ops, jsonPatch);
    for (const key of ['9lives', 'bad key', '_x', 'k'.repeat(256)]) {
      const e = expectError(await p([{ op: 'add', path: `/${key}`, value: 'v' }]), 400, 'invalid');
      expect(detailPaths(e), key).toEqual([`/${key}`]);
    }
    for (const value of [4490, 'v'.repeat(256)])
      expect(detailPaths(expectError(await p([{ op: 'add', path: '/gis_srid', value }]), 400, 'invalid'))).toEqual([
        '/gis_srid',
      ]);
    for (const key of ['os_distro', 'hw_disk_bus', 'yuntu_sha256', 'min_ram', 'properties', 'instance_uuid']) {
      const e = expectError(await p([{ op: 'add', path: `/${key}`, value: 'v' }]), 400, 'invalid');
      expect(detailPaths(e), key).toEqual([`/${key}`]);
      expect(e.message, key).toContain('reserved');
    }
    // 63 more fill the image's 64; the 64th added in the same patch (one op past 50 is the schema's limit) is refused.
    const fill = Array.from({ length: 40 }, (_, i) => ({ op: 'add', path: `/p${i}`, value: 'v' }));
    expect((await p(fill)).status).toBe(200);
    const more = Array.from({ length: 23 }, (_, i) => ({ op: 'add', path: `/q${i}`, value: 'v' }));
    const over = expectError(await p([...more, { op: 'add', path: '/one_too_many', value: 'v' }]), 400, 'invalid');
    expect(detailPaths(over)).toEqual(['/one_too_many']);
    expect(over.message).toContain('64');
    expect(Object.keys((await t.member.get(`/images/${img.id}`)).body.image.properties)).toHaveLength(41);
    const exact = await p(more);
    expect(exact.status, JSON.stringify(exact.body)).toBe(200);
    expect(Object.keys(exact.body.image.properties)).toHaveLength(64);
    // At creation: each bad entry named under properties.
    const created = expectError(
      await t.member.post('/images', { name: 'gis-bad-create', properties: { os_type: 'linux', gis_srid: 4490 } }),
      400,
      'invalid',
    );
    expect(detailPaths(created)?.sort()).toEqual(['properties.gis_srid', 'properties.os_type']);
  });

  it("refuses another project's image with 404, readers with 403, a public image of another project with 403", async () => {
    const img = await newImage(t.member, { name: 'gis-owned', properties: { gis_crs: 'EPSG:4490' } });
    const ops = [{ op: 'add', path: '/gis_source', value: 'stolen' }];
    expectError(await other.member.patch(`/images/${img.id}`, ops, jsonPatch), 404, 'not_found');
    expectError(await t.reader.patch(`/images/${img.id}`, ops, jsonPatch), 403, 'forbidden');
    expectError(await t.member.patch(`/images/${publicImageId}`, ops, jsonPatch), 403, 'forbidden');
    expect((await t.member.get(`/images/${img.id}`)).body.image.properties).toEqual({ gis_crs: 'EPSG:4490' });
  });
});
