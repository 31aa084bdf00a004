import { describe, expect, it } from 'vitest';
import { applyImagePatch, ImageCreateBody, ImagePatchInput, type Image } from './image';

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
      path: 'colour',
    });
    expect(failure([{ op: 'remove', path: '/colour' }])).toMatchObject({ kind: 'conflict', path: 'colour' });
    expect(failure([{ op: 'remove', path: '/tags/5' }])).toMatchObject({ kind: 'conflict', path: 'tags.5' });
    expect(failure([{ op: 'replace', path: '/tags/-', value: 'x' }])).toMatchObject({ kind: 'conflict' });
  });

  it('refuses adding a tag the image already has, or past the end (409)', () => {
    expect(failure([{ op: 'add', path: '/tags/-', value: 'a' }])).toMatchObject({ kind: 'conflict', path: 'tags.-' });
    expect(failure([{ op: 'add', path: '/tags/9', value: 'q' }])).toMatchObject({ kind: 'conflict', path: 'tags.9' });
  });

  it('refuses an unknown property to add, and bad values, with invalid naming the property', () => {
    expect(failure([{ op: 'add', path: '/colour', value: 'red' }])).toMatchObject({ kind: 'invalid', path: 'colour' });
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
