import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHuaweiFake } from '../fakes/huaweicloud';
import { signIn, type Client } from './client';
import { startServer, type StartedServer } from './server-process';

/**
 * Image files on the Huawei Cloud backend over HTTP: a console of its own (YUNTU_BACKEND=huaweicloud) pointed at the
 * local fake, whose OBS (at /obs) checks every signature. The browser's resumable upload (tus) and the direct PUT
 * both end in an active IMS image with the file's size and SHA-256; the download comes back through IMS's export.
 */
const AK = 'HPUAHTTPTESTKEY00001';
const SK = 'httpTestSecretKey0123456789abcdefghijABCD';
const PROJECT = '3605767a5c00d5762f1ac00e4b2cba6f';
const BUCKET = 'yuntu-http-images';
const PART = 100 * 1024;

let fake: Awaited<ReturnType<typeof startHuaweiFake>>;
let server: StartedServer;
let c: Client;

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const bytesOf = (n: number, seed: number) => {
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) b[i] = (i * 17 + seed + (i >> 10)) % 253;
  return b;
};
const b64 = (s: string) => Buffer.from(s).toString('base64');
const tus = (method: string, path: string, headers: Record<string, string> = {}, body?: Uint8Array) =>
  fetch(server.url + path, {
    method,
    headers: { 'Tus-Resumable': '1.0.0', 'X-Auth-Token': c.token!, ...headers },
    body: body as BodyInit | undefined,
  });
const obsRequests = (from: number) => fake.state.log.slice(from).filter((l) => l.path.startsWith('/obs/'));
async function queued(name: string): Promise<string> {
  const r = await c.post('/images', { name, disk_format: 'qcow2' });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  expect(r.body.image.status).toBe('queued');
  return r.body.image.id as string;
}

beforeAll(async () => {
  fake = await startHuaweiFake({ keys: { [AK]: SK }, projectId: PROJECT, delayMs: 50, obsBuckets: [BUCKET] });
  // Its own database on PostgreSQL runs: its sessions and audit rows are a Huawei console's, not the shared one's.
  server = await startServer({
    ownDatabase: true,
    env: {
      YUNTU_BACKEND: 'huaweicloud',
      HUAWEICLOUD_REGION: 'cn-test-1',
      HUAWEICLOUD_PROJECT_ID: PROJECT,
      HUAWEICLOUD_ENDPOINT_TEMPLATE: fake.endpointTemplate,
      HUAWEICLOUD_OBS_BUCKET: BUCKET,
      HUAWEICLOUD_OBS_ENDPOINT: `${fake.url}/obs`,
      HUAWEICLOUD_OBS_PART_SIZE: String(PART),
      HUAWEICLOUD_IMS_WAIT_MS: '10000',
      PUBLIC_CLOUD_ADMIN_KEYS: AK,
      PUBLIC_CLOUD_TIMEOUT_MS: '10000',
    },
  });
  c = await signIn({ username: AK, password: SK }, server.url);
}, 180_000);
afterAll(async () => {
  await server?.stop();
  await fake?.close();
});

describe('Huawei image files through OBS, over HTTP', () => {
  it('publishes upload and download as supported', async () => {
    const r = await c.get('/capabilities');
    expect(r.status).toBe(200);
    const op = (m: string, p: string) =>
      (r.body.operations as { method: string; path: string; supported: boolean; parts: Record<string, string> }[]).find(
        (o) => o.method === m && o.path === p,
      );
    expect(op('PUT', '/images/{id}/file')?.supported).toBe(true);
    expect(op('GET', '/images/{id}/file')?.supported).toBe(true);
    // An empty image awaiting its file can be made (no `metadata` refusal); IMS's metadata call still cannot make
    // it public, for ARM, or with custom properties: those options are refused with IMS's reasons.
    expect(Object.keys(op('POST', '/images')?.parts ?? {}).sort()).toEqual([
      'architecture=aarch64',
      'properties',
      'visibility=public',
    ]);
  });

  it('a resumable (tus) upload, interrupted and resumed, becomes a multipart OBS upload and an active image', async () => {
    const id = await queued('http-tus-huawei');
    const data = bytesOf(3 * PART + 4321, 1);
    const created = await tus('POST', '/api/v1/uploads', {
      'Upload-Length': String(data.length),
      'Upload-Metadata': `image_id ${b64(id)},filename ${b64('disk.qcow2')}`,
    });
    expect(created.status).toBe(201);
    const at = new URL(created.headers.get('location')!, server.url).pathname;
    const patch = (offset: number, chunk: Uint8Array) =>
      tus('PATCH', at, { 'Upload-Offset': String(offset), 'Content-Type': 'application/offset+octet-stream' }, chunk);
    // The first half, then the client "loses" its place and asks the server for the offset.
    const half = Math.floor(data.length / 2);
    expect((await patch(0, data.subarray(0, half))).status).toBe(204);
    const head = await tus('HEAD', at);
    expect(Number(head.headers.get('upload-offset'))).toBe(half);
    const from = fake.state.log.length;
    const last = await patch(half, data.subarray(half));
    expect(last.status, await last.text()).toBe(204);
    expect(last.headers.get('x-image-status')).toBe('active');
    const sent = obsRequests(from);
    expect(
      sent.every((l) => l.ak === AK),
      'every OBS request was signed with the user’s own key',
    ).toBe(true);
    expect(sent.filter((l) => l.method === 'PUT' && l.query?.includes('partNumber=')).length, 'four parts').toBe(4);
    const img = await c.get(`/images/${id}`);
    expect(img.body.image).toMatchObject({ status: 'active', size_bytes: data.length, checksum: sha256(data) });
    expect(fake.state.obs.buckets.get(BUCKET)?.size, 'the imported object was removed from OBS').toBe(0);
  });

  it('a direct PUT of the file streams to OBS and the download returns the same bytes', async () => {
    const id = await queued('http-put-huawei');
    const data = bytesOf(2 * PART + 99, 2);
    const put = await c.put(`/images/${id}/file`, data, { 'Content-Type': 'application/octet-stream' });
    expect(put.status, JSON.stringify(put.body)).toBe(204);
    const img = await c.get(`/images/${id}`);
    expect(img.body.image).toMatchObject({ status: 'active', size_bytes: data.length, checksum: sha256(data) });
    const r = await fetch(`${server.url}/api/v1/images/${id}/file`, { headers: { 'X-Auth-Token': c.token! } });
    expect(r.status).toBe(200);
    const back = Buffer.from(await r.arrayBuffer());
    expect(back.length).toBe(data.length);
    expect(sha256(back)).toBe(sha256(data));
    // A second upload into the now active image is the contract's 409, naming the image.
    const again = await c.put(`/images/${id}/file`, data, { 'Content-Type': 'application/octet-stream' });
    expect(again.status).toBe(409);
    expect(JSON.stringify(again.body)).toContain('http-put-huawei');
  });

  it('refuses what IMS cannot register, naming the field', async () => {
    const r = await c.post('/images', { name: 'arm-image', architecture: 'aarch64' });
    expect(r.status).toBe(501);
    expect(JSON.stringify(r.body)).toContain('architecture');
  });
});
