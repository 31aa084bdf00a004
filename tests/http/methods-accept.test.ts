/**
 * The statuses of a call the path or the caller's Accept rules out before any operation runs: 405 with Allow for a
 * method the path does not have (proxy.ts, from the operation table), 406 for an Accept that allows nothing the
 * operation answers with (define-route.ts), each with the contract's error body; and the OpenAPI document listing
 * them. The 501 of a backend lacking an operation is tested with the drivers that lack some (capabilities.test.ts).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, client, demo, expectError, newTenant, signIn, type Client } from './client';

let t: Awaited<ReturnType<typeof newTenant>>;

beforeAll(async () => {
  const admin: Client = await signIn(demo.admin);
  t = await newTenant(admin);
});

describe('405: a method the path does not have', () => {
  it.each([
    ['PATCH', '/servers', 'GET, HEAD, OPTIONS, POST'],
    ['DELETE', '/datacenters', 'GET, HEAD, OPTIONS'],
    ['GET', '/servers/s-1/reboot', 'OPTIONS, POST'],
    ['POST', '/servers/status-counts', 'GET, HEAD, OPTIONS'],
  ])('answers %s %s with the error body and Allow: %s', async (method, path, allow) => {
    const r = await t.member.call(method, path, method === 'GET' ? undefined : {});
    const e = expectError(r, 405, 'method_not_allowed');
    expect(r.headers.get('allow')).toBe(allow);
    expect(e.message, 'names the method and the allowed ones').toContain(method);
    expect(e.message).toContain(allow);
    expect(e.details).toEqual([{ path: 'method', message: `must be one of ${allow}` }]);
    expect(r.headers.get('content-type')).toMatch(/^application\/json/);
  });

  // The streaming uploads skip proxy.ts (it would buffer their bodies): scripts/serve.mjs gives them the same 405.
  it.each([
    ['POST', '/images/img-1/file', '/images/{id}/file', 'GET, HEAD, OPTIONS, PUT'],
    ['DELETE', '/images/img-1/file', '/images/{id}/file', 'GET, HEAD, OPTIONS, PUT'],
    ['PATCH', '/images/img-1/file', '/images/{id}/file', 'GET, HEAD, OPTIONS, PUT'],
    ['GET', '/uploads', '/uploads', 'DELETE, HEAD, OPTIONS, PATCH, POST'],
    ['PUT', '/uploads/0123abcd', '/uploads/{id}', 'DELETE, HEAD, OPTIONS, PATCH, POST'],
  ])(
    'answers %s %s (a streaming path) with the same error body, Allow and headers',
    async (method, path, template, allow) => {
      const r = await t.member.call(method, path, method === 'GET' ? undefined : 'x'.repeat(1 << 16));
      const e = expectError(r, 405, 'method_not_allowed');
      expect(r.headers.get('allow')).toBe(allow);
      expect(e.message).toBe(`method ${method} is not allowed on ${template}; allowed: ${allow}`);
      expect(e.details).toEqual([{ path: 'method', message: `must be one of ${allow}` }]);
      expect(r.headers.get('content-type')).toMatch(/^application\/json/);
      // The same security headers as any other answer on that path (next.config.ts gives them there).
      const ordinary = await fetch(`${baseUrl()}/api/v1${path}`, { method: 'OPTIONS' });
      for (const h of ['content-security-policy', 'x-frame-options', 'x-content-type-options', 'referrer-policy'])
        expect(r.headers.get(h), h).toBe(ordinary.headers.get(h));
      // And before authentication, as proxy.ts answers.
      expect((await client().call(method, path, method === 'GET' ? undefined : '{}')).status).toBe(405);
    },
  );

  it('answers before authentication: the path has no such method whoever calls', async () => {
    const r = await client().call('PUT', '/datacenters', {});
    expectError(r, 405, 'method_not_allowed');
    expect(r.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
  });

  it('answers OPTIONS with 204 and the same Allow', async () => {
    const r = await fetch(`${baseUrl()}/api/v1/servers`, { method: 'OPTIONS' });
    expect(r.status).toBe(204);
    expect(r.headers.get('allow')).toBe('GET, HEAD, OPTIONS, POST');
  });

  it('leaves a path of no operation to the JSON 404', async () => {
    expectError(await t.member.call('PATCH', '/servers/s-1/explode', {}), 404, 'not_found');
  });
});

describe('406: an Accept that allows no type the operation answers with', () => {
  it.each(['application/xml', 'text/html', 'application/json;q=0, */*'])(
    'refuses Accept: %s in JSON, naming Accept',
    async (accept) => {
      const r = await t.member.get('/servers', { Accept: accept });
      const e = expectError(r, 406, 'not_acceptable');
      expect(r.headers.get('content-type')).toMatch(/^application\/json/);
      expect(e.details).toEqual([{ path: 'Accept', message: 'must allow application/json' }]);
    },
  );

  it.each([
    '*/*',
    'application/*',
    'application/json',
    'text/html, application/json;q=0.5',
    'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
  ])('answers Accept: %s', async (accept) => {
    const r = await t.member.get('/servers', { Accept: accept });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.servers).toEqual([]);
  });

  it('lets an image file download and the events stream accept their own types', async () => {
    const img = await t.member.post('/images', { name: 'accept-me' });
    expect(img.status, JSON.stringify(img.body)).toBe(201);
    const path = `/images/${img.body.image.id}/file`;
    const asJson = expectError(await t.member.get(path, { Accept: 'application/json' }), 406, 'not_acceptable');
    expect(asJson.details).toEqual([{ path: 'Accept', message: 'must allow application/octet-stream' }]);
    // Past negotiation, the queued image has no file yet: the operation's own answer, not a 406.
    expect((await t.member.get(path, { Accept: 'application/octet-stream' })).status).toBe(409);

    expectError(await t.member.get('/events', { Accept: 'application/json' }), 406, 'not_acceptable');
    const controller = new AbortController();
    const stream = await fetch(`${baseUrl()}/api/v1/events`, {
      headers: { 'X-Auth-Token': t.member.token!, Accept: 'text/event-stream' },
      signal: controller.signal,
    });
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
    controller.abort();
  });
});

describe('the OpenAPI document', () => {
  it('lists the statuses every operation can answer, with the Error body', async () => {
    const doc = (await client().get('/openapi.json')).body;
    const responses = doc.paths['/servers'].post.responses;
    for (const s of ['202', '400', '401', '403', '406', '409', '413', '415', '429', '500', '501', '503'])
      expect(responses[s], `POST /servers ${s}`).toBeDefined();
    expect(responses['406'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/Error' });
    expect(Object.keys(doc.paths['/auth/tokens'].post.responses), 'sign-in with a wrong password').toContain('401');
  });
});
