import { describe, expect, it } from 'vitest';
import { baseUrl, client, demo, expectError, signIn } from './client';

describe('B.1.1 鉴权 (tokens)', () => {
  it('issues a token in X-Subject-Token with expiry, user, project and roles', async () => {
    const r = await client().post('/auth/tokens', demo.alice);
    expect(r.status).toBe(201);
    expect(r.headers.get('x-subject-token')).toMatch(/^[\w-]{40,}$/);
    const t = r.body.token;
    expect(t.user.name).toBe('alice');
    expect(t.project.name).toBe('gis-beijing');
    expect(t.roles).toEqual(['member']);
    expect(new Date(t.expires_at).getTime()).toBeGreaterThan(Date.now());
    expect(t.expires_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
  });

  it('answers 401 with the same message for a wrong password and an unknown user', async () => {
    const wrong = expectError(
      await client().post('/auth/tokens', { ...demo.alice, password: 'nope' }),
      401,
      'unauthorized',
    );
    const unknown = expectError(
      await client().post('/auth/tokens', { username: 'nobody-here', password: 'nope' }),
      401,
      'unauthorized',
    );
    expect(wrong.message).toBe(unknown.message);
  });

  it('names the missing field with 400', async () => {
    const e = expectError(await client().post('/auth/tokens', { username: 'alice' }), 400, 'invalid');
    expect(e.details?.map((d) => d.path)).toEqual(['password']);
  });

  it('scopes to a named project the user belongs to, and refuses one they do not', async () => {
    const r = await client().post('/auth/tokens', { ...demo.alice, project_name: 'gis-demo' });
    expect(r.status).toBe(201);
    expect(r.body.token.project.name).toBe('gis-demo');
    expectError(await client().post('/auth/tokens', { ...demo.alice, project_name: 'gis-shanghai' }), 401);
  });

  it('revokes a token with DELETE; the token then gets 401', async () => {
    const alice = await signIn(demo.alice);
    expect((await alice.get('/datacenters')).status).toBe(200);
    expect((await alice.delete('/auth/tokens')).status).toBe(204);
    expectError(await alice.get('/datacenters'), 401, 'unauthorized');
  });

  it('answers 401 without a token and with a made-up one', async () => {
    expectError(await client().get('/servers'), 401);
    expectError(await client('made-up-token').get('/servers'), 401);
  });

  it('sets an httpOnly session cookie when asked, usable in place of the header', async () => {
    const r = await fetch(`${baseUrl()}/api/v1/auth/tokens?session=cookie`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(demo.bob),
    });
    expect(r.status).toBe(201);
    const cookie = r.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/yuntu_session=[^;]+;.*HttpOnly/i);
    const who = await fetch(`${baseUrl()}/api/v1/auth/tokens`, { headers: { cookie: cookie.split(';')[0]! } });
    expect(((await who.json()) as any).token.user.name).toBe('bob');
  });

  it("switches project to another of the user's projects and not to a foreign one", async () => {
    const alice = await signIn(demo.alice);
    const projects = (await alice.get('/auth/projects')).body.projects as { id: string; name: string }[];
    expect(projects.map((p) => p.name).sort()).toEqual(['gis-beijing', 'gis-demo']);
    const demoProject = projects.find((p) => p.name === 'gis-demo')!;
    const r = await alice.post('/auth/projects', { project_id: demoProject.id });
    expect(r.status).toBe(201);
    expect(r.body.token.project.name).toBe('gis-demo');
    const bob = await signIn(demo.bob);
    expectError(await bob.post('/auth/projects', { project_id: demoProject.id }), 404);
  });
});

describe('request ids', () => {
  it('echoes a safe X-Request-Id and replaces an unsafe one', async () => {
    const r1 = await client().get('/health', { 'X-Request-Id': 'abc-123' });
    expect(r1.headers.get('x-request-id')).toBe('abc-123');
    const r2 = await client().get('/health', { 'X-Request-Id': 'bad id with spaces <script>' });
    expect(r2.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('health and OpenAPI', () => {
  it('reports the backend in /health', async () => {
    const r = await client().get('/health');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'ok', backend: { kind: 'sim', ok: true } });
  });

  it('serves the OpenAPI 3.1 document with Chinese summaries', async () => {
    const r = await client().get('/openapi.json');
    expect(r.status).toBe(200);
    expect(r.body.openapi).toBe('3.1.0');
    expect(r.body.paths['/servers'].post.summary).toBe('创建云主机');
  });
});

describe('unknown paths', () => {
  it('answer a JSON 404 with a request id', async () => {
    const e = expectError(await client().get('/no-such-thing'), 404, 'not_found');
    expect(e.message).toMatch(/no operation GET \/api\/v1\/no-such-thing/);
  });
});
