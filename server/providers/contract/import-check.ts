import 'server-only';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'vitest';
import { guardedFetch, parseAllowList } from '../../net/url-guard';
import { CloudError } from '../errors';
import type { ImportSource } from '../types';
import { emptyImage, type ContractCheck } from './checks';

async function expectCloudError(p: Promise<unknown>, kind: CloudError['kind']) {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e, `expected a CloudError of kind ${kind}`).toBeInstanceOf(CloudError);
  expect((e as CloudError).kind).toBe(kind);
}

async function eventually<T>(fn: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`not reached in ${timeoutMs} ms: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * B.30 from a URL, for every driver: to active, a failed fetch to killed, or not_supported. Kept out of
 * `contractChecks` (checks.ts), which the console's self-test also runs against a live cloud: this one serves the
 * file from the test process's own 127.0.0.1, which only a backend on the same machine (the simulator, the
 * loopback OpenStack whose Glance import filter allows 127.0.0.1, the public clouds' refusals) can reach.
 */
export const importCheck: ContractCheck = {
  name: 'imports an image file from a URL (B.30 源镜像路径) to active, a failed fetch to killed, or says it cannot',
  operations: ['POST /images', 'POST /images/{id}/import', 'GET /images/{id}', 'DELETE /images/{id}'],
  async run({ h, ctx }) {
    // The source: a server on 127.0.0.1 (the loopback OpenStack's Glance allows that host in its import filter).
    const bytes = new Uint8Array(70_000).map((_, i) => (i * 7) % 256);
    const source = http.createServer((req, res) => {
      if (req.url === '/disk.raw') res.writeHead(200, { 'content-length': String(bytes.length) }).end(bytes);
      else res.writeHead(404).end();
    });
    await new Promise<void>((r) => source.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(source.address() as AddressInfo).port}`;
    const from = (url: string): ImportSource => ({
      url,
      open: (signal) =>
        guardedFetch(
          url,
          { allow: parseAllowList('127.0.0.1'), maxBytes: 1 << 20, timeoutMs: 60_000, idleTimeoutMs: 20_000 },
          signal,
        ),
    });
    try {
      if (!(await h.provider.capabilities(ctx)).imageImport) {
        await expectCloudError(
          h.provider.images.importFromUrl(ctx, 'any-image', from(`${base}/disk.raw`)),
          'not_supported',
        );
        return;
      }
      const image = await h.provider.images.createMetadata(ctx, emptyImage('contract-import'));
      const started = await h.provider.images.importFromUrl(ctx, image.id, from(`${base}/disk.raw`));
      expect(started.status).toBe('importing');
      expect(started.import?.status).toBe('importing');
      const done = await eventually(
        () => h.provider.images.get(ctx, image.id),
        (i) => i.status !== 'importing',
      );
      expect(done.status, JSON.stringify(done.import)).toBe('active');
      expect(done.size_bytes).toBe(bytes.length);
      expect(done.import).toMatchObject({ status: 'succeeded', bytes: bytes.length });
      // Only a queued image takes a file.
      await expectCloudError(h.provider.images.importFromUrl(ctx, image.id, from(`${base}/disk.raw`)), 'conflict');
      await h.provider.images.remove(ctx, image.id);

      const failing = await h.provider.images.createMetadata(ctx, emptyImage('contract-import-404'));
      await h.provider.images.importFromUrl(ctx, failing.id, from(`${base}/missing.raw`));
      const killed = await eventually(
        () => h.provider.images.get(ctx, failing.id),
        (i) => i.status !== 'importing',
      );
      expect(killed.status).toBe('killed');
      expect(killed.import?.status).toBe('failed');
      expect(killed.import?.error).toMatch(/source_url/);
      await h.provider.images.remove(ctx, failing.id);
    } finally {
      source.closeAllConnections();
      source.close();
    }
  },
};
