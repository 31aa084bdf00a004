import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demo, newTenant, signIn, type Client } from './client';
import { startServer, type StartedServer } from './server-process';

/**
 * B.30 "the upload must stream end to end (constant memory whatever the size)": 1 GiB generated on the fly
 * goes through PUT /images/{id}/file while the console's resident memory is sampled from /proc. On a console of its
 * own: the shared one serves every other test file meanwhile, and their work grew its RSS past the bound (130 MB in
 * a CI run, 8 MB for the upload alone).
 */
const GiB = 1024 ** 3;
const chunkSize = 1024 * 1024;
const limitBytes = 100 * 1024 * 1024;

let t: Awaited<ReturnType<typeof newTenant>>;
let pid: number;
let server: StartedServer;

/** VmRSS and VmHWM of the server process, in bytes. */
function memory(): { rss: number; hwm: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
  return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
}
const mb = (b: number) => Math.round((b / 1024 / 1024) * 10) / 10;

/** 1 MiB chunks, each different (its index stamped in), hashed as they are produced. */
function generated(total: number, hash: ReturnType<typeof createHash>): ReadableStream<Uint8Array> {
  const base = Buffer.alloc(chunkSize);
  for (let i = 0; i < chunkSize; i++) base[i] = (i * 131) & 0xff;
  let sent = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= total) return controller.close();
      const n = Math.min(chunkSize, total - sent);
      const chunk = Buffer.from(base.subarray(0, n));
      chunk.writeUInt32BE(sent / chunkSize, 0);
      hash.update(chunk);
      sent += n;
      controller.enqueue(chunk);
    },
  });
}

async function put(c: Client, id: string, body: BodyInit) {
  const init: RequestInit & { duplex: 'half' } = {
    method: 'PUT',
    headers: { 'X-Auth-Token': c.token!, 'Content-Type': 'application/octet-stream' },
    body,
    duplex: 'half',
  };
  return fetch(`${server.url}/api/v1/images/${id}/file`, init);
}

beforeAll(async () => {
  server = await startServer({ ownDatabase: true });
  pid = server.process.pid!;
  const admin = await signIn(demo.admin, server.url);
  t = await newTenant(admin, { base: server.url });
}, 300_000);
afterAll(async () => {
  await server?.stop();
});

describe('B.30 large streamed upload', () => {
  it(
    'takes 1 GiB with the server RSS growing by less than 100 MB, and stores the right size and sha256',
    { timeout: 120_000 },
    async () => {
      expect(fs.existsSync(`/proc/${pid}/status`), 'the server process is visible in /proc').toBe(true);
      // Warm up: load the route and its modules, so their one-time cost is not counted as upload memory.
      const warm = (await t.member.post('/images', { name: 'warm-up' })).body.image.id;
      const w = await put(t.member, warm, generated(8 * chunkSize, createHash('sha256')));
      expect(w.status).toBe(204);

      const id = (await t.member.post('/images', { name: 'one-gib', disk_format: 'raw' })).body.image.id;
      const before = memory();
      let peak = before.rss;
      const sampler = setInterval(() => {
        peak = Math.max(peak, memory().rss);
      }, 50);
      const hash = createHash('sha256');
      const started = Date.now();
      let r: Response;
      try {
        r = await put(t.member, id, generated(GiB, hash));
      } finally {
        clearInterval(sampler);
      }
      const seconds = (Date.now() - started) / 1000;
      const after = memory();
      peak = Math.max(peak, after.rss);
      expect(r.status, await r.text()).toBe(204);

      const img = (await t.member.get(`/images/${id}`)).body.image;
      expect(img).toMatchObject({ status: 'active', size_bytes: GiB, checksum: hash.digest('hex') });

      const growth = peak - before.rss;
      console.log(
        `1 GiB PUT /images/{id}/file in ${seconds.toFixed(1)} s (${mb(GiB / seconds)} MB/s); server RSS before ${mb(before.rss)} MB, ` +
          `peak ${mb(peak)} MB, after ${mb(after.rss)} MB, growth ${mb(growth)} MB; VmHWM before ${mb(before.hwm)} MB, after ${mb(after.hwm)} MB`,
      );
      expect(growth, 'peak RSS growth during the upload').toBeLessThan(limitBytes);
      expect(after.hwm - Math.max(before.hwm, before.rss), 'VmHWM growth').toBeLessThan(limitBytes);

      // Delete it, so 1 GiB does not linger in the test data folder.
      const del = await t.member.delete(`/images/${id}`);
      expect(del.status).toBe(204);
    },
  );
});
