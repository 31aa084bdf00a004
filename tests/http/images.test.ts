import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, client, demo, expectError, newTenant, signIn, waitFor, type Client } from './client';

let admin: Client;
let t: Awaited<ReturnType<typeof newTenant>>;
let other: Awaited<ReturnType<typeof newTenant>>;
let cirrosId: string;

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const jsonPatch = { 'Content-Type': 'application/json-patch+json' };

/** PUT /images/{id}/file with raw bytes. */
async function putFile(c: Client, id: string, bytes: Uint8Array, type = 'application/octet-stream') {
  const r = await fetch(`${baseUrl()}/api/v1/images/${id}/file`, {
    method: 'PUT',
    headers: { 'X-Auth-Token': c.token!, 'Content-Type': type },
    body: bytes as BodyInit,
  });
  const text = await r.text();
  return { status: r.status, headers: r.headers, body: text ? JSON.parse(text) : null };
}

async function download(c: Client, id: string) {
  const r = await fetch(`${baseUrl()}/api/v1/images/${id}/file`, { headers: { 'X-Auth-Token': c.token! } });
  return { status: r.status, headers: r.headers, bytes: new Uint8Array(await r.arrayBuffer()) };
}

async function newImage(c: Client, body: Record<string, unknown> = {}) {
  const r = await c.post('/images', { name: 'img', ...body });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.image as { id: string; name: string; status: string };
}

beforeAll(async () => {
  admin = await signIn(demo.admin);
  t = await newTenant(admin);
  other = await newTenant(admin);
  const images = await t.member.get('/images?name=cirros');
  cirrosId = images.body.images[0].id;
});

describe('B.37-B.38 list images', () => {
  it('shows tenants the public images and their own, with total_count and every B.38 field', async () => {
    const own = await newImage(t.member, { name: 'own-private' });
    const hidden = await newImage(other.member, { name: 'other-private' });
    const r = await t.member.get('/images?limit=100');
    expect(r.status).toBe(200);
    const ids = r.body.images.map((i: { id: string }) => i.id);
    expect(ids).toContain(own.id);
    expect(ids).toContain(cirrosId);
    expect(ids, "another project's private image is not listed").not.toContain(hidden.id);
    expect(r.body.total_count).toBe(r.body.images.length);
    const cirros = r.body.images.find((i: { id: string }) => i.id === cirrosId);
    for (const field of [
      'id',
      'name',
      'architecture',
      'file_url',
      'owner',
      'tags',
      'visibility',
      'protected',
      'min_ram_mb',
      'min_disk_gb',
      'size_bytes',
      'status',
      'disk_format',
      'container_format',
      'checksum',
      'created_at',
      'description',
    ])
      expect(cirros, `field ${field}`).toHaveProperty(field);
    expect(cirros).toMatchObject({
      visibility: 'public',
      protected: true,
      status: 'active',
      file_url: `/api/v1/images/${cirrosId}/file`,
    });
    expect(cirros.checksum).toMatch(/^[0-9a-f]{64}$/);
    expect(cirros.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
  });

  it('filters by name, visibility, status and architecture', async () => {
    const arm = await t.member.get('/images?architecture=aarch64&limit=100');
    expect(arm.body.images.length).toBeGreaterThan(0);
    expect(arm.body.images.every((i: { architecture: string }) => i.architecture === 'aarch64')).toBe(true);
    const priv = await t.member.get('/images?visibility=private&limit=100');
    expect(
      priv.body.images.every(
        (i: { owner: string; visibility: string }) => i.visibility === 'private' && i.owner === t.projectId,
      ),
    ).toBe(true);
    const queued = await t.member.get('/images?status=queued&limit=100');
    expect(queued.body.images.length).toBeGreaterThan(0);
    expect(queued.body.images.every((i: { status: string }) => i.status === 'queued')).toBe(true);
    const named = await t.member.get('/images?name=UBUNTU');
    expect(named.body.images.map((i: { name: string }) => i.name).sort()).toEqual([
      'ubuntu-22.04',
      'ubuntu-22.04-arm64',
    ]);
  });

  it('sorts and pages', async () => {
    const r = await t.member.get('/images?sort=name&limit=2&offset=1');
    expect(r.body.images).toHaveLength(2);
    const all = await t.member.get('/images?sort=name&limit=100');
    expect(r.body.images.map((i: { id: string }) => i.id)).toEqual(
      all.body.images.slice(1, 3).map((i: { id: string }) => i.id),
    );
    expect(r.body.total_count).toBe(all.body.total_count);
  });

  it('refuses an unknown filter value with 400 naming it', async () => {
    const e = expectError(await t.member.get('/images?architecture=sparc'), 400, 'invalid');
    expect(e.details?.map((d) => d.path)).toContain('architecture');
  });

  it('widens to every project for an admin only with all_projects=true', async () => {
    const hidden = await newImage(other.member, { name: 'admin-sees-me' });
    const narrow = await admin.get('/images?name=admin-sees-me');
    expect(narrow.body.total_count).toBe(0);
    const wide = await admin.get('/images?name=admin-sees-me&all_projects=true');
    expect(wide.body.images.map((i: { id: string }) => i.id)).toContain(hidden.id);
  });
});

describe('B.29 create image metadata, B.32 get', () => {
  it('creates a queued image with 201 and every field', async () => {
    const r = await t.member.post('/images', {
      name: 'gis-base',
      description: 'base image',
      disk_format: 'raw',
      container_format: 'bare',
      architecture: 'aarch64',
      min_ram_mb: 512,
      min_disk_gb: 5,
      visibility: 'private',
      protected: false,
      tags: ['gis', 'base'],
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const img = r.body.image;
    expect(img).toMatchObject({
      name: 'gis-base',
      description: 'base image',
      disk_format: 'raw',
      container_format: 'bare',
      architecture: 'aarch64',
      min_ram_mb: 512,
      min_disk_gb: 5,
      visibility: 'private',
      protected: false,
      tags: ['gis', 'base'],
      status: 'queued',
      owner: t.projectId,
      size_bytes: null,
      checksum: null,
      file_url: `/api/v1/images/${img.id}/file`,
    });
    const g = await t.member.get(`/images/${img.id}`);
    expect(g.status).toBe(200);
    expect(g.body.image).toEqual(img);
  });

  it('applies the defaults', async () => {
    const img = await newImage(t.member, { name: 'defaults' });
    expect(img).toMatchObject({
      disk_format: 'qcow2',
      container_format: 'bare',
      architecture: 'x86_64',
      visibility: 'private',
      protected: false,
      tags: [],
      min_ram_mb: 0,
      min_disk_gb: 0,
      description: '',
    });
  });

  it('refuses a missing name, a bad disk_format and an unknown field with 400 naming each', async () => {
    expect(
      expectError(await t.member.post('/images', { disk_format: 'raw' }), 400, 'invalid').details?.map((d) => d.path),
    ).toContain('name');
    expect(
      expectError(await t.member.post('/images', { name: 'x', disk_format: 'floppy' }), 400, 'invalid').details?.map(
        (d) => d.path,
      ),
    ).toContain('disk_format');
    expect(
      expectError(await t.member.post('/images', { name: 'x', colour: 'red' }), 400, 'invalid').details?.map(
        (d) => d.path,
      ),
    ).toContain('colour');
  });

  it('refuses readers with 403', async () => {
    expectError(await t.reader.post('/images', { name: 'nope' }), 403, 'forbidden');
  });

  it("answers 404 for another project's private image", async () => {
    const img = await newImage(other.member, { name: 'secret' });
    expectError(await t.member.get(`/images/${img.id}`), 404, 'not_found');
    expectError(await t.member.get('/images/no-such-image'), 404, 'not_found');
  });

  it('honours Idempotency-Key', async () => {
    const h = { 'Idempotency-Key': `img-${Date.now()}` };
    const a = await t.member.post('/images', { name: 'idem' }, h);
    const b = await t.member.post('/images', { name: 'idem' }, h);
    expect(b.status).toBe(201);
    expect(b.body.image.id).toBe(a.body.image.id);
  });
});

describe('B.30 upload and download the file', () => {
  it('streams a file in: 204, then active with size_bytes and sha256 checksum; download gives the same bytes', async () => {
    const img = await newImage(t.member, { name: 'uploaded' });
    const bytes = new Uint8Array(300_000).map((_, i) => (i * 31) % 251);
    const r = await putFile(t.member, img.id, bytes);
    expect(r.status, JSON.stringify(r.body)).toBe(204);
    const g = await t.member.get(`/images/${img.id}`);
    expect(g.body.image).toMatchObject({ status: 'active', size_bytes: bytes.length, checksum: sha256(bytes) });
    const d = await download(t.member, img.id);
    expect(d.status).toBe(200);
    expect(d.headers.get('content-type')).toBe('application/octet-stream');
    expect(d.headers.get('x-image-size-bytes')).toBe(String(bytes.length));
    expect(sha256(d.bytes)).toBe(sha256(bytes));
  });

  it('puts an image back to queued when its upload is cut off, and stores nothing of it', async () => {
    const img = await newImage(t.member, { name: 'interrupted' });
    const controller = new AbortController();
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      async pull(ctl) {
        if (sent >= 256 * 1024) {
          await new Promise((r) => setTimeout(r, 200));
          controller.abort();
          return;
        }
        ctl.enqueue(new Uint8Array(64 * 1024).fill(7));
        sent += 64 * 1024;
      },
    });
    const init: RequestInit & { duplex: 'half' } = {
      method: 'PUT',
      headers: { 'X-Auth-Token': t.member.token!, 'Content-Type': 'application/octet-stream' },
      body,
      duplex: 'half',
      signal: controller.signal,
    };
    await fetch(`${baseUrl()}/api/v1/images/${img.id}/file`, init).then(
      (r) => r.text(),
      () => undefined,
    );
    const after = await waitFor(
      () => t.member.get(`/images/${img.id}`),
      (x) => x.body.image.status === 'queued',
    );
    expect(after.body.image).toMatchObject({ size_bytes: null, checksum: null });
    const bytes = new Uint8Array([9, 8, 7]);
    expect((await putFile(t.member, img.id, bytes)).status, 'the upload can be sent again').toBe(204);
    expect((await t.member.get(`/images/${img.id}`)).body.image).toMatchObject({
      status: 'active',
      size_bytes: 3,
      checksum: sha256(bytes),
    });
  });

  it('refuses a second upload to an image that is no longer queued with 409', async () => {
    const img = await newImage(t.member, { name: 'twice' });
    expect((await putFile(t.member, img.id, new Uint8Array([1, 2, 3]))).status).toBe(204);
    const e = expectError(await putFile(t.member, img.id, new Uint8Array([4])), 409, 'conflict');
    expect(e.message).toContain('active');
  });

  it('refuses another Content-Type with 400, readers with 403, other projects with 404', async () => {
    const img = await newImage(t.member, { name: 'guarded' });
    expect(
      expectError(await putFile(t.member, img.id, new Uint8Array([1]), 'text/plain'), 400, 'invalid').details?.[0]
        ?.path,
    ).toBe('Content-Type');
    expectError(await putFile(t.reader, img.id, new Uint8Array([1])), 403, 'forbidden');
    expectError(await putFile(other.member, img.id, new Uint8Array([1])), 404, 'not_found');
    expect((await t.member.get(`/images/${img.id}`)).body.image.status, 'refusals leave the image queued').toBe(
      'queued',
    );
  });

  it('refuses a tenant uploading into a public image of the admin project with 403', async () => {
    expectError(await putFile(t.member, cirrosId, new Uint8Array([1])), 403, 'forbidden');
  });

  it('downloads public images; a queued image has no file yet (409)', async () => {
    const d = await download(t.member, cirrosId);
    expect(d.status).toBe(200);
    const cirros = (await t.member.get(`/images/${cirrosId}`)).body.image;
    expect(d.bytes.length).toBe(cirros.size_bytes);
    expect(sha256(d.bytes)).toBe(cirros.checksum);
    const img = await newImage(t.member, { name: 'empty' });
    const r = await fetch(`${baseUrl()}/api/v1/images/${img.id}/file`, {
      headers: { 'X-Auth-Token': t.member.token! },
    });
    expect(r.status).toBe(409);
    const other404 = await download(other.member, img.id);
    expect(other404.status).toBe(404);
  });

  it('answers 401 without a token', async () => {
    expectError(await client().put('/images/whatever/file', 'x'), 401, 'unauthorized');
  });
});

describe('B.29 create an image from a server', () => {
  let serverId: string;
  beforeAll(async () => {
    const s = await t.member.post('/servers', { name: 'snap-src', flavor_id: 's1.small', image_id: cirrosId });
    expect(s.status, JSON.stringify(s.body)).toBe(202);
    serverId = s.body.id;
    await waitFor(
      () => t.member.get(`/servers/${serverId}`),
      (x) => x.body.server.status === 'active',
    );
  });

  it('answers 202 saving, then active with a real file, size and checksum', async () => {
    const r = await t.member.post('/images', { server_id: serverId, name: 'snap-1', description: 'nightly' });
    expect(r.status, JSON.stringify(r.body)).toBe(202);
    expect(r.body.image).toMatchObject({
      name: 'snap-1',
      description: 'nightly',
      owner: t.projectId,
      visibility: 'private',
    });
    // 'saving' lasts 150 ms at SIM_SPEED=20; until it ends the file is not the image's yet.
    if (r.body.image.status === 'saving') expect(r.body.image).toMatchObject({ size_bytes: null, checksum: null });
    else expect(r.body.image.status).toBe('active');
    const img = (
      await waitFor(
        () => t.member.get(`/images/${r.body.image.id}`),
        (x) => x.body.image.status === 'active',
      )
    ).body.image;
    expect(img.size_bytes).toBeGreaterThan(0);
    expect(img.min_disk_gb).toBe(20);
    const d = await download(t.member, img.id);
    expect(d.bytes.length).toBe(img.size_bytes);
    expect(sha256(d.bytes)).toBe(img.checksum);
  });

  it('works for a stopped server too', async () => {
    await t.member.post(`/servers/${serverId}/stop`);
    await waitFor(
      () => t.member.get(`/servers/${serverId}`),
      (x) => x.body.server.status === 'stopped',
    );
    const r = await t.member.post('/images', { server_id: serverId, name: 'snap-stopped' });
    expect(r.status, JSON.stringify(r.body)).toBe(202);
    await t.member.post(`/servers/${serverId}/start`);
  });

  it('refuses a server that is not active or stopped with 409 naming its status', async () => {
    const s = await t.member.post('/servers', { name: 'snap-building', flavor_id: 's1.small', image_id: cirrosId });
    const e = expectError(await t.member.post('/images', { server_id: s.body.id, name: 'too-early' }), 409, 'conflict');
    expect(e.message).toContain('building');
  });

  it("refuses an unknown or another project's server with 400 naming server_id, a missing name likewise", async () => {
    expect(
      expectError(await t.member.post('/images', { server_id: 'nope', name: 'x' }), 400, 'invalid').details?.map(
        (d) => d.path,
      ),
    ).toContain('server_id');
    expect(
      expectError(await other.member.post('/images', { server_id: serverId, name: 'x' }), 400, 'invalid').details?.map(
        (d) => d.path,
      ),
    ).toContain('server_id');
    expect(
      expectError(await t.member.post('/images', { server_id: serverId }), 400, 'invalid').details?.map((d) => d.path),
    ).toContain('name');
  });
});

describe('B.31 delete image', () => {
  it('deletes an own image with 204 and its file with it', async () => {
    const img = await newImage(t.member, { name: 'doomed' });
    await putFile(t.member, img.id, new Uint8Array([1, 2, 3]));
    const r = await t.member.delete(`/images/${img.id}`);
    expect(r.status).toBe(204);
    expectError(await t.member.get(`/images/${img.id}`), 404, 'not_found');
    expect((await download(t.member, img.id)).status).toBe(404);
  });

  it('refuses a protected image with 409', async () => {
    const img = await newImage(t.member, { name: 'keep', protected: true });
    const e = expectError(await t.member.delete(`/images/${img.id}`), 409, 'conflict');
    expect(e.message).toContain('protected');
    expectError(await admin.delete(`/images/${cirrosId}`), 409, 'conflict');
  });

  it("refuses readers (403), another project's private image (404) and a public image of another project (403)", async () => {
    const img = await newImage(t.member, { name: 'mine' });
    expectError(await t.reader.delete(`/images/${img.id}`), 403, 'forbidden');
    expectError(await other.member.delete(`/images/${img.id}`), 404, 'not_found');
    expectError(await t.member.delete(`/images/${cirrosId}`), 403, 'forbidden');
    expect((await t.member.get(`/images/${img.id}`)).status).toBe(200);
  });
});

describe('B.34-B.36 update image (JSON patch)', () => {
  it('applies replace, add and remove operations and answers 200 with the image', async () => {
    const img = await newImage(t.member, { name: 'patch-me', tags: ['one'], description: 'd' });
    const r = await t.member.patch(
      `/images/${img.id}`,
      [
        { op: 'replace', path: '/name', value: 'patched' },
        { op: 'replace', path: '/min_ram_mb', value: 256 },
        { op: 'add', path: '/tags/-', value: 'two' },
        { op: 'remove', path: '/tags/0' },
        { op: 'remove', path: '/description' },
      ],
      jsonPatch,
    );
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.image).toMatchObject({
      id: img.id,
      name: 'patched',
      min_ram_mb: 256,
      tags: ['two'],
      description: '',
    });
    expect((await t.member.get(`/images/${img.id}`)).body.image.name).toBe('patched');
  });

  it('refuses each broken rule: add on a present property, replace/remove on an absent one (409), read-only (403), bad value (400)', async () => {
    const img = await newImage(t.member, { name: 'rules', tags: ['x'] });
    const p = (ops: unknown) => t.member.patch(`/images/${img.id}`, ops, jsonPatch);
    expect(expectError(await p([{ op: 'add', path: '/name', value: 'y' }]), 409, 'conflict').message).toContain('name');
    expect(expectError(await p([{ op: 'replace', path: '/colour', value: 'red' }]), 409, 'conflict').message).toContain(
      'colour',
    );
    expect(expectError(await p([{ op: 'remove', path: '/colour' }]), 409, 'conflict').message).toContain('colour');
    expect(expectError(await p([{ op: 'remove', path: '/tags/3' }]), 409, 'conflict').message).toContain('/tags/3');
    expect(expectError(await p([{ op: 'add', path: '/tags/-', value: 'x' }]), 409, 'conflict').message).toContain('x');
    for (const prop of ['id', 'owner', 'size_bytes', 'checksum', 'status', 'created_at', 'file_url'])
      expect(
        expectError(await p([{ op: 'replace', path: `/${prop}`, value: 'z' }]), 403, 'forbidden').message,
        prop,
      ).toContain(prop);
    expect(
      expectError(await p([{ op: 'replace', path: '/name', value: '' }]), 400, 'invalid').details?.map((d) => d.path),
    ).toContain('name');
    expect(
      expectError(await p([{ op: 'replace', path: '/visibility', value: 'shared' }]), 400, 'invalid').details?.map(
        (d) => d.path,
      ),
    ).toContain('visibility');
    expect(expectError(await p([{ op: 'move', path: '/name' }]), 400, 'invalid').details?.map((d) => d.path)).toContain(
      '0.op',
    );
  });

  it('applies all operations or none', async () => {
    const img = await newImage(t.member, { name: 'atomic' });
    expectError(
      await t.member.patch(
        `/images/${img.id}`,
        [
          { op: 'replace', path: '/name', value: 'half-done' },
          { op: 'add', path: '/name', value: 'oops' },
        ],
        jsonPatch,
      ),
      409,
      'conflict',
    );
    expect((await t.member.get(`/images/${img.id}`)).body.image.name).toBe('atomic');
  });

  it('requires the JSON-patch content type', async () => {
    const img = await newImage(t.member, { name: 'ctype' });
    const e = expectError(
      await t.member.patch(`/images/${img.id}`, [{ op: 'replace', path: '/name', value: 'x' }]),
      415,
      'unsupported_media_type',
    );
    expect(e.details?.map((d) => d.path)).toContain('Content-Type');
  });

  it("refuses readers (403), another project's image (404), a public image of another project (403)", async () => {
    const img = await newImage(t.member, { name: 'owned' });
    const ops = [{ op: 'replace', path: '/name', value: 'stolen' }];
    expectError(await t.reader.patch(`/images/${img.id}`, ops, jsonPatch), 403, 'forbidden');
    expectError(await other.member.patch(`/images/${img.id}`, ops, jsonPatch), 404, 'not_found');
    expectError(await t.member.patch(`/images/${cirrosId}`, ops, jsonPatch), 403, 'forbidden');
    expect((await t.member.get(`/images/${cirrosId}`)).body.image.name).toBe('cirros-0.6.2');
  });

  it('lets an unprotected image be deleted after protected is replaced by false', async () => {
    const img = await newImage(t.member, { name: 'unprotect', protected: true });
    const r = await t.member.patch(
      `/images/${img.id}`,
      [{ op: 'replace', path: '/protected', value: false }],
      jsonPatch,
    );
    expect(r.body.image.protected).toBe(false);
    expect((await t.member.delete(`/images/${img.id}`)).status).toBe(204);
  });
});
