import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, demo, newTenant, signIn, waitFor, type Client } from './client';

/** tus 1.0.0 by hand: what a browser's tus client does, request by request. */
let admin: Client;
let t: Awaited<ReturnType<typeof newTenant>>;
let other: Awaited<ReturnType<typeof newTenant>>;

const b64 = (s: string) => Buffer.from(s).toString('base64');
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

function tus(
  c: Client | undefined,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: BodyInit,
  signal?: AbortSignal,
) {
  const h: Record<string, string> = { 'Tus-Resumable': '1.0.0', ...headers };
  if (c?.token) h['X-Auth-Token'] = c.token;
  const init: RequestInit & { duplex?: 'half' } = { method, headers: h, body, signal };
  if (body instanceof ReadableStream) init.duplex = 'half';
  return fetch(baseUrl() + path, init);
}

async function createUpload(c: Client, imageId: string, length: number) {
  const r = await tus(c, 'POST', '/api/v1/uploads', {
    'Upload-Length': String(length),
    'Upload-Metadata': `image_id ${b64(imageId)},filename ${b64('disk.qcow2')}`,
  });
  return r;
}

async function queuedImage(c: Client, name: string) {
  const r = await c.post('/images', { name });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.image.id as string;
}

const patchHeaders = (offset: number) => ({
  'Upload-Offset': String(offset),
  'Content-Type': 'application/offset+octet-stream',
});

beforeAll(async () => {
  admin = await signIn(demo.admin);
  t = await newTenant(admin);
  other = await newTenant(admin);
});

describe('resumable upload (tus 1.0.0) at /api/v1/uploads', () => {
  it('creates, writes in chunks, resumes after an interrupted PATCH via HEAD, and lands in the image', async () => {
    const imageId = await queuedImage(t.member, 'tus-image');
    const total = 3 * 1024 * 1024 + 12345;
    const data = new Uint8Array(total);
    for (let i = 0; i < total; i++) data[i] = (i * 7 + (i >> 11)) & 0xff;

    const created = await createUpload(t.member, imageId, total);
    expect(created.status, await created.clone().text()).toBe(201);
    expect(created.headers.get('tus-resumable')).toBe('1.0.0');
    const location = created.headers.get('location')!;
    expect(location).toMatch(/^\/api\/v1\/uploads\/[\w-]+$/);

    // First chunk: 1 MiB.
    const first = await tus(t.member, 'PATCH', location, patchHeaders(0), data.slice(0, 1024 * 1024));
    expect(first.status).toBe(204);
    expect(first.headers.get('upload-offset')).toBe(String(1024 * 1024));

    // Second chunk is cut off: the body stream sends 512 KiB, then the client gives up.
    const controller = new AbortController();
    let sent = 0;
    const cut = new ReadableStream<Uint8Array>({
      async pull(ctl) {
        if (sent >= 512 * 1024) {
          await new Promise((r) => setTimeout(r, 300));
          controller.abort();
          return;
        }
        ctl.enqueue(data.slice(1024 * 1024 + sent, 1024 * 1024 + sent + 64 * 1024));
        sent += 64 * 1024;
      },
    });
    await tus(t.member, 'PATCH', location, patchHeaders(1024 * 1024), cut, controller.signal).then(
      (r) => r.text(),
      () => undefined,
    );

    // HEAD tells where to resume: somewhere between the first chunk and what was sent.
    const head = await waitFor(
      () => tus(t.member, 'HEAD', location),
      (r) => r.status === 200 && Number(r.headers.get('upload-offset')) >= 1024 * 1024,
    );
    const offset = Number(head.headers.get('upload-offset'));
    expect(head.headers.get('upload-length')).toBe(String(total));
    expect(head.headers.get('cache-control')).toContain('no-store');
    expect(offset).toBeGreaterThanOrEqual(1024 * 1024);
    expect(offset).toBeLessThanOrEqual(1024 * 1024 + 512 * 1024);

    // A PATCH at the wrong offset is refused (409, tus), the right one finishes the upload.
    const wrong = await tus(t.member, 'PATCH', location, patchHeaders(offset + 1), data.slice(offset + 1, offset + 2));
    expect(wrong.status).toBe(409);
    const rest = await tus(t.member, 'PATCH', location, patchHeaders(offset), data.slice(offset));
    expect(rest.status, await rest.clone().text()).toBe(204);
    expect(rest.headers.get('upload-offset')).toBe(String(total));

    const img = (await t.member.get(`/images/${imageId}`)).body.image;
    expect(img).toMatchObject({ status: 'active', size_bytes: total, checksum: sha256(data) });
    const download = await fetch(`${baseUrl()}/api/v1/images/${imageId}/file`, {
      headers: { 'X-Auth-Token': t.member.token! },
    });
    expect(sha256(new Uint8Array(await download.arrayBuffer()))).toBe(sha256(data));
    expect((await tus(t.member, 'HEAD', location)).status, 'a finished upload is gone').toBe(404);
  });

  it("keeps one user's upload from every other user (404), even in the same project", async () => {
    const imageId = await queuedImage(t.member, 'tus-private');
    const created = await createUpload(t.member, imageId, 10);
    const location = created.headers.get('location')!;
    const colleague = await newTenant(admin);
    for (const stranger of [other.member, t.reader, colleague.member]) {
      expect((await tus(stranger, 'HEAD', location)).status).toBe(404);
      expect((await tus(stranger, 'PATCH', location, patchHeaders(0), new Uint8Array(10))).status).toBe(404);
      expect((await tus(stranger, 'DELETE', location)).status).toBe(404);
    }
    expect((await tus(t.member, 'HEAD', location)).headers.get('upload-offset')).toBe('0');
    expect((await tus(t.member, 'DELETE', location)).status).toBe(204);
    expect((await tus(t.member, 'HEAD', location)).status).toBe(404);
  });

  it('refuses a creation without image_id (400), for an image not the caller’s (404), not queued (409), by a reader (403)', async () => {
    const noImage = await tus(t.member, 'POST', '/api/v1/uploads', {
      'Upload-Length': '5',
      'Upload-Metadata': `filename ${b64('x')}`,
    });
    expect(noImage.status).toBe(400);
    const body = await noImage.json();
    expect(body.error.details[0].path).toBe('Upload-Metadata');

    const theirs = await queuedImage(other.member, 'their-image');
    const notMine = await createUpload(t.member, theirs, 5);
    expect(notMine.status).toBe(404);
    expect((await notMine.json()).error.type).toBe('not_found');

    const cirros = (await t.member.get('/images?name=cirros')).body.images[0].id;
    expect(
      (await createUpload(t.member, cirros, 5)).status,
      "a public image of the admin project is not the tenant's to fill",
    ).toBe(403);

    const done = await queuedImage(t.member, 'already-active');
    await fetch(`${baseUrl()}/api/v1/images/${done}/file`, {
      method: 'PUT',
      headers: { 'X-Auth-Token': t.member.token!, 'Content-Type': 'application/octet-stream' },
      body: 'abc',
    });
    const active = await createUpload(t.member, done, 5);
    expect(active.status).toBe(409);
    expect((await active.json()).error.message).toContain('active');

    const imageId = await queuedImage(t.member, 'reader-target');
    expect((await createUpload(t.reader, imageId, 5)).status).toBe(403);
  });

  it('requires authentication (401) except for the CORS preflight', async () => {
    expect((await tus(undefined, 'POST', '/api/v1/uploads', { 'Upload-Length': '5' })).status).toBe(401);
    const options = await fetch(baseUrl() + '/api/v1/uploads', { method: 'OPTIONS' });
    expect(options.status).toBe(204);
    expect(options.headers.get('tus-version')).toContain('1.0.0');
    expect(options.headers.get('tus-extension')).toContain('creation');
  });

  it('refuses the final chunk when the image stopped being queued meanwhile (409) and keeps the image as it is', async () => {
    const imageId = await queuedImage(t.member, 'raced');
    const created = await createUpload(t.member, imageId, 4);
    const location = created.headers.get('location')!;
    await fetch(`${baseUrl()}/api/v1/images/${imageId}/file`, {
      method: 'PUT',
      headers: { 'X-Auth-Token': t.member.token!, 'Content-Type': 'application/octet-stream' },
      body: 'direct',
    });
    const r = await tus(t.member, 'PATCH', location, patchHeaders(0), new Uint8Array([1, 2, 3, 4]));
    expect(r.status).toBe(409);
    const img = (await t.member.get(`/images/${imageId}`)).body.image;
    expect(img).toMatchObject({
      status: 'active',
      size_bytes: 6,
      checksum: sha256(new TextEncoder().encode('direct')),
    });
  });
});
