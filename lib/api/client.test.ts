import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Server } from '@/lib/contract/server';
import { ApiError, get } from './client';

/** Answers every fetch with `status` and `body`, recording the URLs asked for. */
function answer(status: number, body: unknown) {
  const urls: string[] = [];
  vi.stubGlobal('fetch', async (url: string) => {
    urls.push(url);
    return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
  });
  return urls;
}

afterEach(() => vi.unstubAllGlobals());

describe('get, the typed read client', () => {
  it('fills the path template with encoded params and answers the success body', async () => {
    const server = { id: 'a/b', name: 'web' };
    const urls = answer(200, { server });
    const r = await get('GET /servers/{id}', { params: { id: 'a/b' } });
    // The type is the operation's success body: `r.server` is a Server without any cast by the caller.
    const typed: Server = r.server;
    expect(typed).toEqual(server);
    expect(urls).toEqual(['/api/v1/servers/a%2Fb']);
  });

  it('sends the query the operation reads, leaving out empty values', async () => {
    const urls = answer(200, { servers: [], total_count: 0 });
    const r = await get('GET /servers', { query: { status: 'active', name: '', limit: 50, datacenter_id: undefined } });
    expect(r.total_count).toBe(0);
    expect(urls).toEqual(['/api/v1/servers?status=active&limit=50']);
  });

  it("throws the API's error with its message and type", async () => {
    answer(404, {
      error: {
        code: 404,
        type: 'not_found',
        title: 'Not Found',
        message: 'server s-9 was not found',
        request_id: 'r-1',
      },
    });
    const e = await get('GET /servers/{id}', { params: { id: 's-9' } }).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(ApiError);
    expect(e).toMatchObject({ status: 404, type: 'not_found', message: 'server s-9 was not found', requestId: 'r-1' });
  });

  it('refuses what the operation does not take (checked by tsc: each @ts-expect-error must meet an error)', () => {
    answer(200, {});
    const reads = [
      // @ts-expect-error: GET /servers/{id} needs its id.
      () => get('GET /servers/{id}'),
      // @ts-expect-error: GET /servers reads no `colour`.
      () => get('GET /servers', { query: { colour: 'red' } }),
      // @ts-expect-error: GET /datacenters reads no query at all.
      () => get('GET /datacenters', { query: { limit: 1 } }),
      // @ts-expect-error: POST /servers is no read.
      () => get('POST /servers'),
      // @ts-expect-error: no such operation.
      () => get('GET /servers/{id}/console'),
      async () => {
        const r = await get('GET /servers/{id}', { params: { id: 's-1' } });
        // @ts-expect-error: the answer of GET /servers/{id} is { server }, not a list.
        return r.servers;
      },
    ];
    expect(reads).toHaveLength(6);
  });
});
