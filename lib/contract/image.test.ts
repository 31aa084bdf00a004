import { describe, expect, it } from 'vitest';
import {
  applyImagePatch,
  ImageCreateBody,
  ImagePatchInput,
  ImageProperties,
  maxImageProperties,
  type Image,
} from './image';

const image: Image = {
  id: 'img-1',
  name: 'cirros',
  description: 'test image',
  architecture: 'x86_64',
  file_url: '/api/v1/images/img-1/file',
  owner: 'p1',
  tags: ['a', 'b'],
  visibility: 'private',
  protected: false,
  min_ram_mb: 64,
  min_disk_gb: 1,
  size_bytes: 10,
  status: 'active',
  disk_format: 'qcow2',
  container_format: 'bare',
  checksum: 'abc',
  properties: { gis_crs: 'EPSG:4490' },
  import: null,
  created_at: '2026-01-01T00:00:00.000000Z',
  updated_at: '2026-01-01T00:00:00.000000Z',
};
const patch = (ops: unknown) => applyImagePatch(image, ImagePatchInput.parse(ops));
const failure = (ops: unknown) => {
  const r = patch(ops);
  if (r.ok) throw new Error(`expected a refusal, got ${JSON.stringify(r.changes)}`);
  return r.error;
};

describe('applyImagePatch (B.34-B.36)', () => {
  it('replaces properties the image has and reports only what changed', () => {
    const r = patch([
      { op: 'replace', path: '/name', value: 'cirros-2' },
      { op: 'replace', path: '/min_ram_mb', value: 128 },
      { op: 'replace', path: '/architecture', value: 'x86_64' },
    ]);
    expect(r.ok && r.changes).toEqual({ name: 'cirros-2', min_ram_mb: 128 });
  });

  it('adds a tag with /tags/- and at an index, removes and replaces one by index', () => {
    const r = patch([
      { op: 'add', path: '/tags/-', value: 'c' },
      { op: 'add', path: '/tags/0', value: 'z' },
      { op: 'remove', path: '/tags/1' },
      { op: 'replace', path: '/tags/1', value: 'y' },
    ]);
    expect(r.ok && r.image.tags).toEqual(['z', 'y', 'c']);
  });

  it('removes an optional property back to its empty value', () => {
    const r = patch([
      { op: 'remove', path: '/description' },
      { op: 'remove', path: '/tags' },
    ]);
    expect(r.ok && r.changes).toEqual({ description: '', tags: [] });
  });

  it('refuses read-only properties with forbidden, whatever the operation', () => {
    for (const prop of ['id', 'owner', 'size_bytes', 'checksum', 'status', 'created_at', 'file_url']) {
      for (const op of ['add', 'replace', 'remove'])
        expect(failure([{ op, path: `/${prop}`, value: 'x' }]), `${op} /${prop}`).toMatchObject({
          kind: 'forbidden',
          path: prop,
        });
    }
  });

  it('refuses add on a property the image has (409)', () => {
    expect(failure([{ op: 'add', path: '/name', value: 'x' }])).toMatchObject({ kind: 'conflict', path: 'name' });
  });

  it('refuses replace and remove on a property the image lacks (409)', () => {
    expect(failure([{ op: 'replace', path: '/colour', value: 'red' }])).toMatchObject({
      kind: 'conflict',
      path: '/colour',
    });
    expect(failure([{ op: 'remove', path: '/colour' }])).toMatchObject({ kind: 'conflict', path: '/colour' });
    expect(failure([{ op: 'remove', path: '/tags/5' }])).toMatchObject({ kind: 'conflict', path: 'tags.5' });
    expect(failure([{ op: 'replace', path: '/tags/-', value: 'x' }])).toMatchObject({ kind: 'conflict' });
  });

  it('refuses adding a tag the image already has, or past the end (409)', () => {
    expect(failure([{ op: 'add', path: '/tags/-', value: 'a' }])).toMatchObject({ kind: 'conflict', path: 'tags.-' });
    expect(failure([{ op: 'add', path: '/tags/9', value: 'q' }])).toMatchObject({ kind: 'conflict', path: 'tags.9' });
  });

  it('refuses bad values with invalid naming the property', () => {
    expect(failure([{ op: 'replace', path: '/name', value: '' }])).toMatchObject({ kind: 'invalid', path: 'name' });
    expect(failure([{ op: 'replace', path: '/visibility', value: 'shared' }])).toMatchObject({
      kind: 'invalid',
      path: 'visibility',
    });
    expect(failure([{ op: 'replace', path: '/min_disk_gb', value: -1 }])).toMatchObject({
      kind: 'invalid',
      path: 'min_disk_gb',
    });
    expect(failure([{ op: 'replace', path: '/protected' }])).toMatchObject({ kind: 'invalid', path: 'protected' });
    expect(failure([{ op: 'add', path: '/tags/-', value: '' }])).toMatchObject({ kind: 'invalid', path: 'tags.-' });
    expect(failure([{ op: 'replace', path: '/name/0', value: 'x' }])).toMatchObject({ kind: 'invalid', path: 'name' });
  });

  it('refuses removing a required property (403, as Glance does for base properties)', () => {
    expect(failure([{ op: 'remove', path: '/name' }])).toMatchObject({ kind: 'forbidden', path: 'name' });
  });

  it('is all or nothing: a later refusal leaves nothing applied', () => {
    const before = structuredClone(image);
    expect(
      failure([
        { op: 'replace', path: '/name', value: 'new' },
        { op: 'add', path: '/name', value: 'x' },
      ]).kind,
    ).toBe('conflict');
    expect(image).toEqual(before);
  });
});

describe('custom image properties (B.35 add/replace/remove on /<key>)', () => {
  it('adds one the image lacks, replaces and removes one it has, and reports each kind of change', () => {
    const r = patch([
      { op: 'add', path: '/gis_extent', value: '73.5,18.2,135.1,53.6' },
      { op: 'add', path: '/Gis.Source:v-2', value: '' },
      { op: 'replace', path: '/gis_crs', value: 'EPSG:4326' },
    ]);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.image.properties).toEqual({
      gis_crs: 'EPSG:4326',
      gis_extent: '73.5,18.2,135.1,53.6',
      'Gis.Source:v-2': '',
    });
    expect(r.properties).toEqual({
      added: { gis_extent: '73.5,18.2,135.1,53.6', 'Gis.Source:v-2': '' },
      replaced: { gis_crs: 'EPSG:4326' },
      removed: [],
    });
    expect(r.changes).toEqual({});
    const removed = patch([{ op: 'remove', path: '/gis_crs' }]);
    expect(removed.ok && removed.image.properties).toEqual({});
    expect(removed.ok && removed.properties.removed).toEqual(['gis_crs']);
    // The input image is never changed in place.
    expect(image.properties).toEqual({ gis_crs: 'EPSG:4490' });
  });

  it('keeps B.35: add on a present key and replace/remove on an absent one are conflicts naming /<key>', () => {
    expect(failure([{ op: 'add', path: '/gis_crs', value: 'EPSG:4326' }])).toMatchObject({
      kind: 'conflict',
      path: '/gis_crs',
    });
    expect(failure([{ op: 'replace', path: '/gis_source', value: 'x' }])).toMatchObject({
      kind: 'conflict',
      path: '/gis_source',
    });
    expect(failure([{ op: 'remove', path: '/gis_source' }])).toMatchObject({ kind: 'conflict', path: '/gis_source' });
    // Within one patch the rules see the earlier operations: add then add again conflicts.
    expect(
      failure([
        { op: 'add', path: '/a', value: '1' },
        { op: 'add', path: '/a', value: '2' },
      ]),
    ).toMatchObject({ kind: 'conflict', path: '/a' });
  });

  it('refuses a bad key with 400 naming it', () => {
    for (const key of ['9lives', '_x', 'bad key', 'a~1b', 'ünï', 'a'.repeat(256), '-x'])
      expect(failure([{ op: 'add', path: `/${key}`, value: 'v' }]), key).toMatchObject({
        kind: 'invalid',
        path: `/${key}`,
      });
    // The longest key Glance stores is fine.
    expect(patch([{ op: 'add', path: `/${'k'.repeat(255)}`, value: 'v' }]).ok).toBe(true);
  });

  it('refuses a reserved name (image fields, Glance base, os_/hw_/img_/yuntu_ prefixes) with 400 naming it', () => {
    for (const key of [
      'properties',
      'min_ram',
      'size',
      'locations',
      'os_distro',
      'OS_glance_x',
      'hw_disk_bus',
      'img_config_drive',
      'yuntu_sha256',
      'instance_uuid',
      'trait:CUSTOM_X',
    ])
      expect(failure([{ op: 'add', path: `/${key}`, value: 'v' }]), key).toMatchObject({
        kind: 'invalid',
        path: `/${key}`,
      });
    // Removing one is refused the same way rather than as "absent": the name is never a custom property.
    expect(failure([{ op: 'remove', path: '/os_distro' }])).toMatchObject({ kind: 'invalid', path: '/os_distro' });
  });

  it('refuses a value that is not a string, too long or missing, and an index, naming /<key>', () => {
    for (const value of [42, true, null, ['x'], { a: 'b' }, 'v'.repeat(256)])
      expect(failure([{ op: 'add', path: '/gis_srid', value }]), JSON.stringify(value)).toMatchObject({
        kind: 'invalid',
        path: '/gis_srid',
      });
    expect(failure([{ op: 'replace', path: '/gis_crs' }])).toMatchObject({ kind: 'invalid', path: '/gis_crs' });
    expect(failure([{ op: 'add', path: '/gis_crs/0', value: 'x' }])).toMatchObject({
      kind: 'invalid',
      path: '/gis_crs',
    });
    expect(patch([{ op: 'add', path: '/gis_srid', value: 'v'.repeat(255) }]).ok).toBe(true);
  });

  it(`allows at most ${maxImageProperties} custom properties, naming the one past the limit`, () => {
    // One short of the limit (the fixture has gis_crs): one more add fits, a second one is refused.
    const props = Object.fromEntries(Array.from({ length: maxImageProperties - 2 }, (_, i) => [`p${i}`, 'v']));
    const nearly: Image = { ...image, properties: { ...image.properties, ...props } };
    const on = (img: Image, ops: unknown) => applyImagePatch(img, ImagePatchInput.parse(ops));
    const full = on(nearly, [{ op: 'add', path: '/last', value: 'v' }]);
    if (!full.ok) throw new Error(full.error.message);
    expect(Object.keys(full.image.properties)).toHaveLength(maxImageProperties);
    expect(
      on(nearly, [
        { op: 'add', path: '/last', value: 'v' },
        { op: 'add', path: '/one_too_many', value: 'v' },
      ]),
    ).toMatchObject({ ok: false, error: { kind: 'invalid', path: '/one_too_many' } });
    // At the limit, replacing adds nothing and a remove makes room for an add in the same patch.
    expect(on(full.image, [{ op: 'replace', path: '/p0', value: 'w' }]).ok).toBe(true);
    expect(
      on(full.image, [
        { op: 'remove', path: '/p0' },
        { op: 'add', path: '/q', value: 'v' },
      ]).ok,
    ).toBe(true);
  });

  it('still refuses read-only fields with forbidden and leaves unknown JSON pointers to the schema', () => {
    expect(failure([{ op: 'add', path: '/owner', value: 'x' }])).toMatchObject({ kind: 'forbidden', path: 'owner' });
    const nested = ImagePatchInput.safeParse([{ op: 'add', path: '/gis/crs', value: 'x' }]);
    expect(nested.error?.issues.map((i) => i.path.join('.'))).toEqual(['0.path']);
  });
});

describe('ImageProperties at creation', () => {
  it('takes custom properties and names each bad key or value', () => {
    expect(ImageCreateBody.parse({ name: 'x', properties: { gis_crs: 'EPSG:4490' } })).toMatchObject({
      properties: { gis_crs: 'EPSG:4490' },
    });
    expect(ImageCreateBody.parse({ name: 'x' })).toMatchObject({ properties: {} });
    const bad = ImageCreateBody.safeParse({
      name: 'x',
      properties: { '9x': 'a', os_distro: 'b', gis_srid: 4490, ok: 'fine' },
    });
    expect(bad.error?.issues.map((i) => i.path.join('.')).sort()).toEqual([
      'properties.9x',
      'properties.gis_srid',
      'properties.os_distro',
    ]);
    const many = Object.fromEntries(Array.from({ length: maxImageProperties + 1 }, (_, i) => [`p${i}`, 'v']));
    expect(ImageProperties.safeParse(many).error?.issues[0]?.message).toContain(String(maxImageProperties));
  });
});

describe('ImageCreateBody', () => {
  it('picks the form by server_id and names the bad field', () => {
    expect(ImageCreateBody.parse({ name: 'x' })).toMatchObject({
      name: 'x',
      disk_format: 'qcow2',
      visibility: 'private',
    });
    expect(ImageCreateBody.parse({ server_id: 's', name: 'snap' })).toEqual({
      server_id: 's',
      name: 'snap',
      description: '',
    });
    const missing = ImageCreateBody.safeParse({ server_id: 's' });
    expect(missing.error?.issues.map((i) => i.path.join('.'))).toEqual(['name']);
    const unknown = ImageCreateBody.safeParse({ name: 'x', colour: 'red' });
    expect(unknown.error?.issues.map((i) => i.path.join('.'))).toEqual(['colour']);
  });
});
