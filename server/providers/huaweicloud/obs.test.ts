import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ProviderContext } from '../types';

/**
 * Image upload and download on Huawei Cloud: the file goes to OBS (signed OBS requests, multipart above the part
 * size, resumable), IMS registers it into the queued image and exports it back — all against the local fake
 * (tests/fakes/huaweicloud.ts + huaweicloud-obs.ts), which checks every OBS signature and assembles the parts.
 */
process.env.YUNTU_DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'yuntu-huawei-obs-'));
process.env.YUNTU_SECRET_KEY = '44'.repeat(32);
// The embedded database the driver keeps its jobs in (cloud_jobs), opened before the fake's first call: its start
// takes seconds on a busy machine, and a kept-alive connection to the fake would be reset meanwhile.
await (await import('../../db/client')).getDb();

const { startHuaweiFake, FAKE_IMAGE_ID } = await import('@/tests/fakes/huaweicloud');
const { OBS_MIN_PART } = await import('@/tests/fakes/huaweicloud-obs');
const { createHuaweiCloudProvider } = await import('./index');
const { obsClient } = await import('./obs');
const { CloudError } = await import('../errors');

const AK = 'HPUAFAKEACCESSKEY003';
const SK = 'obsFakeSecretKey0123456789abcdefghijABCDE';
const PROJECT = '2605767a5c00d5762f1ac00e4b2cba6f';
const BUCKET = 'yuntu-test';
const PART = OBS_MIN_PART; // the smallest part OBS takes, so a few hundred KiB make a multipart upload
const fake = await startHuaweiFake({ keys: { [AK]: SK }, projectId: PROJECT, delayMs: 40, obsBuckets: [BUCKET] });
const obsSettings = {
  bucket: BUCKET,
  endpoint: `${fake.url}/obs`,
  partSize: PART,
  keepObjects: false,
  imsWaitMs: 5000,
  prefix: 'yuntu-images/',
};
const base = {
  region: 'cn-test-1',
  projectId: PROJECT,
  endpointTemplate: fake.endpointTemplate,
  timeoutMs: 5000,
  adminKeys: AK,
};
const provider = createHuaweiCloudProvider({ ...base, obs: obsSettings });
let ctx: ProviderContext;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'yuntu-obs-files-'));

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const bytesOf = (n: number, seed = 7) => {
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) b[i] = (i * 31 + seed) % 251;
  return b;
};
const streamOf = (b: Uint8Array, chunk = 37_000) =>
  new ReadableStream<Uint8Array>({
    start(c) {
      for (let i = 0; i < b.length; i += chunk) c.enqueue(b.slice(i, i + chunk));
      c.close();
    },
  });
const obsLog = () => fake.state.log.filter((l) => l.path.startsWith('/obs/'));
const partPuts = (from: number) =>
  fake.state.log
    .slice(from)
    .filter((l) => l.method === 'PUT' && l.query?.includes('partNumber='))
    .map((l) => Number(new URLSearchParams(l.query).get('partNumber')));
const kindOf = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: unknown) => (e instanceof CloudError ? e.kind : String(e)),
  );
const metadata = (name: string) => ({
  name,
  description: 'from the OBS test',
  disk_format: 'qcow2' as const,
  container_format: 'bare' as const,
  architecture: 'x86_64' as const,
  min_ram_mb: 0,
  min_disk_gb: 1,
  visibility: 'private' as const,
  protected: false,
  tags: ['env=test'],
  properties: {},
});
const newImage = (name: string) => provider.images.createMetadata(ctx, metadata(name));
const objects = () => [...(fake.state.obs.buckets.get(BUCKET)?.keys() ?? [])];

beforeAll(async () => {
  const principal = await provider.identity.authenticate({ username: AK, password: SK });
  ctx = { principal, projectId: principal.projectId, allProjects: false, requestId: 'hw-obs-test' };
});
beforeEach(() => fake.state.obs.faults.failParts.clear());
afterAll(async () => {
  await fake.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('huaweicloud image files through OBS', () => {
  it('publishes upload and download as supported once a bucket is configured, refused with the reason without one', async () => {
    const caps = await provider.capabilities(ctx);
    expect(caps.imageUpload).toBe(true);
    for (const k of ['PUT /images/{id}/file', 'GET /images/{id}/file', 'POST /images#metadata'] as const)
      expect(caps.unsupported?.[k], k).toBeUndefined();
    const bare = createHuaweiCloudProvider(base);
    const none = await bare.capabilities(ctx);
    expect(none.imageUpload).toBe(false);
    expect(none.unsupported?.['PUT /images/{id}/file']).toMatch(/HUAWEICLOUD_OBS_BUCKET/);
    await expect(bare.images.createMetadata(ctx, metadata('no-bucket'))).rejects.toThrow(/HUAWEICLOUD_OBS_BUCKET/);
  });

  it('uploads a small file with one signed PutObject; IMS imports it: active, right size and SHA-256; the object is removed', async () => {
    const image = await newImage('obs-small');
    expect(image.status).toBe('queued');
    expect(image.description).toBe('from the OBS test');
    expect(image.tags).toEqual(['env=test']);
    const bytes = bytesOf(4096);
    const from = fake.state.log.length;
    const done = await provider.images.upload(ctx, image.id, streamOf(bytes, 1000), bytes.length);
    expect(done.status).toBe('active');
    expect(done.size_bytes).toBe(bytes.length);
    expect(done.checksum).toBe(sha256(bytes));
    expect(done.tags, 'the checksum tag is not one of the image tags').toEqual(['env=test']);
    const sent = fake.state.log.slice(from).filter((l) => l.path.startsWith('/obs/'));
    expect(sent.map((l) => `${l.method} ${l.status}`)).toEqual(['PUT 200', 'DELETE 204']);
    expect(
      sent.every((l) => l.ak === AK),
      'every OBS request was signed with the caller’s key',
    ).toBe(true);
    // IMS holds the very bytes: its own MD5 agrees.
    expect(fake.state.images.get(image.id)?.checksum).toBe(createHash('md5').update(bytes).digest('hex'));
    expect(objects(), 'the imported object was deleted').toEqual([]);
  });

  it('sends a big file as a multipart upload (initiate, parts, complete) from the resumable upload’s file', async () => {
    const image = await newImage('obs-multipart');
    const bytes = bytesOf(3 * PART + 12_345, 3);
    const file = path.join(tmp, 'multipart.qcow2');
    fs.writeFileSync(file, bytes);
    const from = fake.state.log.length;
    const done = await provider.images.uploadFromFile(ctx, image.id, file);
    expect(done.status).toBe('active');
    expect(done.size_bytes).toBe(bytes.length);
    expect(done.checksum).toBe(sha256(bytes));
    const calls = fake.state.log
      .slice(from)
      .filter((l) => l.path.startsWith('/obs/'))
      .map(
        (l) =>
          `${l.method}${l.query?.includes('uploads') ? ' uploads' : ''}${l.query?.includes('partNumber') ? ' part' : l.query?.includes('uploadId') ? ' uploadId' : ''}`,
      );
    expect(calls).toEqual([
      'GET uploads',
      'POST uploads',
      'PUT part',
      'PUT part',
      'PUT part',
      'PUT part',
      'POST uploadId',
      'DELETE',
    ]);
    expect(partPuts(from)).toEqual([1, 2, 3, 4]);
    expect(fake.state.obs.uploads.size, 'no multipart upload is left open').toBe(0);
  });

  it('streams a PUT body into parts, one part in memory, and ends active', async () => {
    const image = await newImage('obs-stream-parts');
    const bytes = bytesOf(2 * PART + 1, 11);
    const from = fake.state.log.length;
    const done = await provider.images.upload(ctx, image.id, streamOf(bytes, 65_536), bytes.length);
    expect(done.status).toBe('active');
    expect(done.checksum).toBe(sha256(bytes));
    expect(partPuts(from)).toEqual([1, 2, 3]);
  });

  it('resumes an interrupted multipart upload: the second attempt sends only the parts OBS lacks', async () => {
    const image = await newImage('obs-resume');
    const bytes = bytesOf(4 * PART - 10, 5);
    const file = path.join(tmp, 'resume.qcow2');
    fs.writeFileSync(file, bytes);
    fake.state.obs.faults.failParts.add(3);
    const first = fake.state.log.length;
    expect(await kindOf(provider.images.uploadFromFile(ctx, image.id, file))).toBe('unavailable');
    expect(partPuts(first).filter((n) => n === 3).length, 'part 3 was retried before giving up').toBe(3);
    expect((await provider.images.get(ctx, image.id)).status, 'the image still awaits its file').toBe('queued');
    expect(fake.state.obs.uploads.size, 'the unfinished upload stays in OBS to be resumed').toBe(1);
    fake.state.obs.faults.failParts.clear();
    const second = fake.state.log.length;
    const done = await provider.images.uploadFromFile(ctx, image.id, file);
    expect(partPuts(second), 'parts 1 and 2 were kept, 3 and 4 sent').toEqual([3, 4]);
    expect(done.status).toBe('active');
    expect(done.size_bytes).toBe(bytes.length);
    expect(done.checksum).toBe(sha256(bytes));
  });

  it('deleting an image whose upload was given up on aborts its unfinished multipart upload in OBS', async () => {
    const image = await newImage('obs-abandoned');
    const file = path.join(tmp, 'abandoned.qcow2');
    fs.writeFileSync(file, bytesOf(3 * PART, 2));
    fake.state.obs.faults.failParts.add(2);
    expect(await kindOf(provider.images.uploadFromFile(ctx, image.id, file))).toBe('unavailable');
    const open = () => [...fake.state.obs.uploads.values()].filter((u) => u.key.includes(image.id)).length;
    expect(open(), 'the parts wait for a resume').toBe(1);
    await provider.images.remove(ctx, image.id);
    expect(open(), 'the image is gone, so are its parts').toBe(0);
    expect(await kindOf(provider.images.get(ctx, image.id))).toBe('not_found');
  });

  it("answers IMS's refusal of the file as a 409 with its reason, and the image reads killed", async () => {
    const image = await newImage('obs-empty');
    const err = await provider.images.upload(ctx, image.id, streamOf(Buffer.alloc(0)), 0).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CloudError);
    expect((err as InstanceType<typeof CloudError>).kind).toBe('conflict');
    expect((err as Error).message).toMatch(/IMG\.0071/);
    expect((err as Error).message, 'the message names the image').toContain(image.id);
    expect((await provider.images.get(ctx, image.id)).status).toBe('killed');
    expect(objects(), 'the object IMS refused is removed').toEqual([]);
  });

  it('refuses a body of another length than Content-Length and stores nothing', async () => {
    const image = await newImage('obs-length');
    const bytes = bytesOf(PART + 500);
    const err = await provider.images.upload(ctx, image.id, streamOf(bytes), bytes.length + 1).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CloudError);
    expect((err as InstanceType<typeof CloudError>).kind).toBe('invalid');
    expect((err as Error).message).toMatch(/Content-Length/);
    expect(fake.state.obs.uploads.size, 'the multipart upload was aborted').toBe(0);
    expect(objects()).toEqual([]);
    expect((await provider.images.get(ctx, image.id)).status).toBe('queued');
  });

  it('downloads through an IMS export to OBS, the same bytes, and removes the export afterwards', async () => {
    const image = await newImage('obs-download');
    const bytes = bytesOf(PART + 777, 9);
    await provider.images.upload(ctx, image.id, streamOf(bytes), bytes.length);
    const { stream, size } = await provider.images.download(ctx, image.id);
    expect(size).toBe(bytes.length);
    const back = Buffer.from(await new Response(stream).arrayBuffer());
    expect(back.equals(bytes)).toBe(true);
    await new Promise((r) => setTimeout(r, 50));
    expect(objects(), 'the export object is deleted once read').toEqual([]);
  });

  it('will not export a public image of the cloud, and takes no file into an active image', async () => {
    expect(await kindOf(provider.images.download(ctx, FAKE_IMAGE_ID))).toBe('not_supported');
    const image = await newImage('obs-twice');
    await provider.images.upload(ctx, image.id, streamOf(bytesOf(10)), 10);
    expect(await kindOf(provider.images.upload(ctx, image.id, streamOf(bytesOf(10)), 10))).toBe('conflict');
  });

  it('refuses a wrong signature with OBS’s 403 SignatureDoesNotMatch, which the driver reports as unauthorized', async () => {
    const forged = obsClient(obsSettings, 'cn-test-1', { accessKey: AK, secretKey: 'not-the-secret' }, 5000);
    const before = obsLog().length;
    const stored = objects();
    const err = await forged.putObject('yuntu-images/forged.qcow2', bytesOf(10)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CloudError);
    expect((err as InstanceType<typeof CloudError>).kind).toBe('unauthorized');
    expect((err as Error).message, 'the refusal never echoes the signature detail').not.toMatch(/StringToSign/);
    const logged = obsLog().slice(before);
    expect(logged.map((l) => [l.status, l.ak])).toEqual([[403, null]]);
    expect(objects(), 'nothing was stored').toEqual(stored);
    // The fake's answer is OBS's own error document.
    const raw = await fetch(`${fake.url}/obs/${BUCKET}/x`, {
      method: 'PUT',
      headers: { Date: new Date().toUTCString(), Authorization: `OBS ${AK}:AAAAAAAAAAAAAAAAAAAAAAAAAAA=` },
      body: 'x',
    });
    expect(raw.status).toBe(403);
    expect(await raw.text()).toMatch(/<Code>SignatureDoesNotMatch<\/Code>/);
  });
});
