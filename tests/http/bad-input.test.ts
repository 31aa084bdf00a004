import { beforeAll, describe, expect, it } from 'vitest';
import { rawRequest, type RawResponse } from '../fuzz/raw';
import { backend, baseUrl, demo, expectError, signIn, type Client } from './client';

/**
 * One named case for each bad input the fuzz stage (tests/fuzz) found answering 5xx or the wrong thing, so each
 * fix is proved by name; the fuzz stage keeps covering every operation.
 */

let alice: Client;
let admin: Client;
beforeAll(async () => {
  alice = await signIn(demo.alice);
  admin = await signIn(demo.admin);
});

const raw = (method: string, target: string, headers: Record<string, string> = {}, body?: string | Buffer) =>
  rawRequest(baseUrl(), { method, target, headers, body });

/** The contract's error body of a raw answer, with its status and the field it names. */
function refusal(r: RawResponse, status: number, field?: string) {
  expect(r.status, r.text).toBe(status);
  const e = JSON.parse(r.text).error;
  expect(e).toMatchObject({ code: status, request_id: r.headers['x-request-id'] });
  if (field) expect(JSON.stringify(e), `names ${field}`).toContain(field);
  expect(r.text).not.toMatch(/node_modules|SELECT|syntax error|postgres|\n\s+at /i);
  return e;
}

describe('quotas: an unknown datacenter_id', () => {
  it('GET /quotas/volume?datacenter_id=<unknown> is 404 naming the datacenter, like /quotas/compute', async () => {
    for (const kind of ['volume', 'compute']) {
      const e = expectError(await alice.get(`/quotas/${kind}?datacenter_id=no-such-dc`), 404, 'not_found');
      expect(e.message).toContain('no-such-dc');
      expect(e.message).toMatch(/datacenter/);
    }
    const dc = (await alice.get('/datacenters')).body.datacenters[0].id;
    expect((await alice.get(`/quotas/volume?datacenter_id=${encodeURIComponent(dc)}`)).status).toBe(200);
  });
});

describe('GET /audit: sort and name', () => {
  it('a sort key that is no audit field is a 400 naming sort; an audit field sorts', async () => {
    const e = expectError(await admin.get('/audit?sort=password_hash'), 400, 'invalid');
    expect(e.details?.[0]?.path).toBe('sort');
    const asc = await admin.get('/audit?sort=status_code&limit=100');
    expect(asc.status).toBe(200);
    const codes = asc.body.records.map((r: { status_code: number }) => r.status_code);
    expect(codes).toEqual([...codes].sort((a, b) => a - b));
    const desc = await admin.get('/audit?sort=-status_code&limit=100');
    const dcodes = desc.body.records.map((r: { status_code: number }) => r.status_code);
    expect(dcodes).toEqual([...dcodes].sort((a, b) => b - a));
  });

  it('name filters by a substring of the user name (wildcards literal)', async () => {
    // Sign-ins are audited: both users have records.
    const r = await admin.get(`/audit?name=${demo.alice.username.slice(1, 4).toUpperCase()}&limit=100`);
    expect(r.status).toBe(200);
    expect(r.body.total_count).toBeGreaterThan(0);
    for (const rec of r.body.records) expect(rec.user_name.toLowerCase()).toContain(demo.alice.username.slice(1, 4));
    expect((await admin.get('/audit?name=%25')).body.total_count).toBe(0);
    expect((await admin.get('/audit?name=zz-no-such-user-zz')).body.total_count).toBe(0);
  });
});

describe('POST /auth/projects: project_id is bounded', () => {
  it('a 200-character project_id is a 400 naming project_id, at once', async () => {
    const started = Date.now();
    const e = expectError(await alice.post('/auth/projects', { project_id: 'p'.repeat(200) }), 400, 'invalid');
    expect(e.details?.[0]?.path).toBe('project_id');
    expect(Date.now() - started).toBeLessThan(2000);
  });
  it('a 20 MB project_id is refused before it is read (413)', async () => {
    const started = Date.now();
    const r = await raw(
      'POST',
      '/api/v1/auth/projects',
      { 'X-Auth-Token': alice.token!, 'Content-Type': 'application/json' },
      `{"project_id":"${'p'.repeat(20 * 1024 * 1024)}"}`,
    );
    refusal(r, 413, 'body');
    expect(Date.now() - started).toBeLessThan(2600);
  });
});

describe('path ids, query values and bodies that answered 500', () => {
  it('a path id is decoded once: /servers/%2541 looks for "%41", not "A"', async () => {
    const e = refusal(await raw('GET', '/api/v1/servers/%2541', { 'X-Auth-Token': alice.token! }), 404);
    expect(e.message).toContain('%41');
  });
  it('bad % escapes and invalid UTF-8 in a path id are a 4xx', async () => {
    for (const id of ['100%', '%E0%A4%A', '%FF%FE', '%C0%AF']) {
      const r = await raw('GET', `/api/v1/servers/${id}`, { 'X-Auth-Token': alice.token! });
      expect(r.status, `${id}: ${r.text}`).toBeGreaterThanOrEqual(400);
      expect(r.status, `${id}: ${r.text}`).toBeLessThan(500);
    }
  });
  it('a NUL in a path id, a query value and a JSON string is a 400 naming it', async () => {
    refusal(await raw('GET', '/api/v1/servers/a%00b', { 'X-Auth-Token': alice.token! }), 400, 'id');
    refusal(await raw('GET', '/api/v1/servers?name=a%00b', { 'X-Auth-Token': alice.token! }), 400, 'name');
    refusal(
      await raw(
        'POST',
        '/api/v1/security-groups',
        { 'X-Auth-Token': alice.token!, 'Content-Type': 'application/json' },
        '{"name":"a\\u0000b"}',
      ),
      400,
      'name',
    );
  });
  it('a lone surrogate in a JSON string is a 400 naming the field (it reached a json column)', async () => {
    const me = (await alice.get('/servers?limit=1')).body.servers[0];
    if (!me) return;
    refusal(
      await raw(
        'POST',
        '/api/v1/images',
        { 'X-Auth-Token': alice.token!, 'Content-Type': 'application/json' },
        `{"server_id":"${me.id}","name":"x","type":"a\\ud800b"}`,
      ),
      400,
      'type',
    );
  });
  it('a body nested 10,000 levels deep is a 400, not a stack overflow', async () => {
    const body = '{"name":"x","fuzz":' + '['.repeat(10_000) + ']'.repeat(10_000) + '}';
    refusal(
      await raw(
        'POST',
        '/api/v1/security-groups',
        { 'X-Auth-Token': alice.token!, 'Content-Type': 'application/json' },
        body,
      ),
      400,
    );
  });
  it('invalid UTF-8 in a JSON body is a 400 naming body (not silently replaced)', async () => {
    const body = Buffer.concat([Buffer.from('{"name":"'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('"}')]);
    refusal(
      await raw(
        'POST',
        '/api/v1/security-groups',
        { 'X-Auth-Token': alice.token!, 'Content-Type': 'application/json' },
        body,
      ),
      400,
      'body',
    );
  });
  it('a session cookie with a bad escape is a 401', async () => {
    for (const cookie of ['yuntu_session=100%', 'yuntu_session=%E0%A4%A', 'yuntu_session=a%00b'])
      refusal(await raw('GET', '/api/v1/servers', { Cookie: cookie }), 401);
  });
  it('a refused request with a NUL in its path id keeps its audit line', async () => {
    if (backend !== 'sim') return;
    const r = await raw('DELETE', '/api/v1/volumes/fuzz%00audit', { 'X-Auth-Token': alice.token! });
    refusal(r, 400, 'id');
    const rec = await admin.get(
      `/audit?action=volume.delete&result=failure&resource_id=${encodeURIComponent('fuzz\uFFFDaudit')}`,
    );
    expect(rec.status, JSON.stringify(rec.body)).toBe(200);
    expect(rec.body.records.map((x: { request_id: string }) => x.request_id)).toContain(r.headers['x-request-id']);
  });
});
