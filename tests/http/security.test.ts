/**
 * The web layer as an attacker tries it: cross-site requests with the session cookie, framing and script
 * injection (headers), open redirects after sign-in, publishing images to every tenant, NUL bytes, oversized and
 * mis-encoded bodies, and password guessing (per user name and per client address, behind a proxy or not).
 * The sign-in limits run on consoles of their own with small budgets, so nothing here locks out another file's users.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type StartedServer } from './server-process';
import { baseUrl, client, demo, expectError, newTenant, signIn, type Client } from './client';

const evil = 'http://evil.example';

async function cookieSession(base: string, creds: { username: string; password: string }): Promise<string> {
  const r = await fetch(`${base}/api/v1/auth/tokens?session=cookie`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(creds),
  });
  expect(r.status).toBe(201);
  const cookie = r.headers.get('set-cookie') ?? '';
  const m = /yuntu_session=([^;]+)/.exec(cookie);
  if (!m) throw new Error(`no session cookie in ${cookie}`);
  return `yuntu_session=${m[1]}`;
}

/** A raw call, so the test controls every header (the shared client adds Content-Type and a token). */
async function raw(method: string, path: string, headers: Record<string, string>, body?: BodyInit, base = baseUrl()) {
  const r = await fetch(`${base}/api/v1${path}`, { method, headers, body, redirect: 'manual' });
  const text = await r.text();
  let parsed: any = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // keep the text
  }
  return { status: r.status, headers: r.headers, body: parsed };
}

let admin: Client;
let tenant: Awaited<ReturnType<typeof newTenant>>;
let memberCreds: { username: string; password: string };
let cookie: string;

beforeAll(async () => {
  admin = await signIn(demo.admin);
  tenant = await newTenant(admin);
  const who = await tenant.member.get('/auth/tokens');
  memberCreds = { username: who.body.token.user.name, password: 'test-password-1' };
  cookie = await cookieSession(baseUrl(), memberCreds);
}, 300_000);

const sgCount = async () => (await tenant.member.get('/security-groups?limit=100')).body.total_count as number;

describe('CSRF: changes made with the session cookie must come from the console itself', () => {
  const own = () => new URL(baseUrl()).origin;

  it('refuses a cross-site POST (no preflight: no Content-Type) and creates nothing', async () => {
    const before = await sgCount();
    const r = await raw(
      'POST',
      '/security-groups',
      { Cookie: cookie, Origin: evil },
      JSON.stringify({ name: 'csrf-victim' }),
    );
    const e = expectError(r, 403, 'forbidden');
    expect(e.details?.[0]?.path).toBe('Origin');
    // Same with a JSON Content-Type, and with a browser saying cross-site without an Origin.
    expectError(
      await raw(
        'POST',
        '/security-groups',
        { Cookie: cookie, Origin: evil, 'Content-Type': 'application/json' },
        JSON.stringify({ name: 'csrf-victim' }),
      ),
      403,
      'forbidden',
    );
    expectError(
      await raw(
        'POST',
        '/security-groups',
        { Cookie: cookie, 'Sec-Fetch-Site': 'cross-site', 'Content-Type': 'application/json' },
        JSON.stringify({ name: 'csrf-victim' }),
      ),
      403,
      'forbidden',
    );
    expectError(
      await raw(
        'POST',
        '/security-groups',
        { Cookie: cookie, Origin: 'null', 'Content-Type': 'application/json' },
        JSON.stringify({ name: 'csrf-victim' }),
      ),
      403,
      'forbidden',
    );
    // A cookie call with neither header (a client that is no browser page of ours) is refused too.
    expectError(
      await raw(
        'POST',
        '/security-groups',
        { Cookie: cookie, 'Content-Type': 'application/json' },
        JSON.stringify({ name: 'csrf-victim' }),
      ),
      403,
      'forbidden',
    );
    expect(await sgCount()).toBe(before);
  });

  it('refuses cross-site PUT, PATCH, DELETE and sign-out, and the session survives', async () => {
    const sg = await tenant.member.post('/security-groups', { name: 'csrf-target' });
    expect(sg.status).toBe(201);
    const id = sg.body.security_group.id;
    const server = await raw(
      'PUT',
      `/servers/none`,
      { Cookie: cookie, Origin: evil, 'Content-Type': 'application/json' },
      '{"name":"x"}',
    );
    expectError(server, 403, 'forbidden');
    const image = await raw(
      'PATCH',
      `/images/none`,
      { Cookie: cookie, Origin: evil, 'Content-Type': 'application/json-patch+json' },
      '[]',
    );
    expectError(image, 403, 'forbidden');
    expectError(await raw('DELETE', `/security-groups/${id}`, { Cookie: cookie, Origin: evil }), 403, 'forbidden');
    expect((await tenant.member.get(`/security-groups/${id}`)).status).toBe(200);
    expectError(await raw('DELETE', '/auth/tokens', { Cookie: cookie, Origin: evil }), 403, 'forbidden');
    expect((await raw('GET', '/auth/tokens', { Cookie: cookie })).status).toBe(200);
  });

  it("accepts the console's own Origin, or Sec-Fetch-Site: same-origin", async () => {
    const a = await raw(
      'POST',
      '/security-groups',
      { Cookie: cookie, Origin: own(), 'Content-Type': 'application/json' },
      JSON.stringify({ name: 'csrf-own-origin' }),
    );
    expect(a.status).toBe(201);
    const b = await raw(
      'POST',
      '/security-groups',
      { Cookie: cookie, 'Sec-Fetch-Site': 'same-origin', 'Content-Type': 'application/json' },
      JSON.stringify({ name: 'csrf-same-site' }),
    );
    expect(b.status).toBe(201);
    // Reads need no Origin: a cross-site page cannot read the answer anyway.
    expect((await raw('GET', '/security-groups', { Cookie: cookie, Origin: evil })).status).toBe(200);
  });

  it('leaves token callers alone, but a JSON body needs its Content-Type', async () => {
    const t = tenant.member.token!;
    const ok = await raw(
      'POST',
      '/security-groups',
      { 'X-Auth-Token': t, 'Content-Type': 'application/json' },
      JSON.stringify({ name: 'gis-caller' }),
    );
    expect(ok.status).toBe(201);
    const before = await sgCount();
    const none = expectError(
      await raw('POST', '/security-groups', { 'X-Auth-Token': t }, JSON.stringify({ name: 'no-type' })),
      415,
      'unsupported_media_type',
    );
    expect(none.details?.[0]?.path).toBe('Content-Type');
    expectError(
      await raw(
        'POST',
        '/security-groups',
        { 'X-Auth-Token': t, 'Content-Type': 'text/plain' },
        JSON.stringify({ name: 'text' }),
      ),
      415,
    );
    expect(await sgCount()).toBe(before);
  });

  it('refuses a cross-site sign-in (login CSRF) but not a GIS caller with no Origin', async () => {
    expectError(
      await raw(
        'POST',
        '/auth/tokens',
        { Origin: evil, 'Content-Type': 'application/json' },
        JSON.stringify(memberCreds),
      ),
      403,
      'forbidden',
    );
    expect(
      (await raw('POST', '/auth/tokens', { 'Content-Type': 'application/json' }, JSON.stringify(memberCreds))).status,
    ).toBe(201);
  });
});

describe('security headers', () => {
  it('pages: a nonce CSP without unsafe-eval that no frame may embed, a fresh nonce each time, on every script', async () => {
    const seen = new Set<string>();
    for (let i = 0; i < 2; i++) {
      const r = await fetch(`${baseUrl()}/login`);
      expect(r.status).toBe(200);
      const csp = r.headers.get('content-security-policy') ?? '';
      const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
      expect(nonce).toBeTruthy();
      seen.add(nonce!);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).not.toContain('unsafe-eval');
      expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
      expect(r.headers.get('x-frame-options')).toBe('DENY');
      expect(r.headers.get('x-content-type-options')).toBe('nosniff');
      expect(r.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
      expect(r.headers.get('permissions-policy')).toContain('camera=()');
      // Over plain http a browser ignores HSTS; it is sent when the public origin is https (below).
      expect(r.headers.get('strict-transport-security')).toBeNull();
      const html = await r.text();
      const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
      expect(scripts.length).toBeGreaterThan(0);
      for (const s of scripts) expect(s, s).toContain(`nonce="${nonce}"`);
    }
    expect(seen.size).toBe(2);
  });

  it('the API and its errors: nothing may run or frame them', async () => {
    // The two streaming uploads skip proxy.ts (it would copy their bodies into memory): they carry the same headers.
    for (const path of [
      '/health',
      '/servers',
      '/no-such-operation',
      '/uploads',
      '/uploads/no-such-upload',
      '/images/no-such-image/file',
    ]) {
      const r = await fetch(`${baseUrl()}/api/v1${path}`);
      expect(r.headers.get('content-security-policy'), path).toContain("default-src 'none'");
      expect(r.headers.get('x-frame-options'), path).toBe('DENY');
      expect(r.headers.get('x-content-type-options'), path).toBe('nosniff');
    }
    const undecodable = await fetch(`${baseUrl()}/api/v1/uploads/%ff`);
    expect(undecodable.status).toBe(400);
    expect((await undecodable.json()).error.details[0].path).toBe('path');
  });
});

describe('sign-in redirects stay on this console', () => {
  for (const next of [
    '/\\evil.example/',
    '/\t/evil.example/',
    '//evil.example/',
    'https://evil.example/',
    '/%09/evil.example/',
  ]) {
    it(`next=${JSON.stringify(next)}`, async () => {
      // A signed-in visitor is redirected at once: the Location must not leave the console.
      const r = await fetch(`${baseUrl()}/login?next=${encodeURIComponent(next)}`, {
        headers: { Cookie: cookie },
        redirect: 'manual',
      });
      expect([303, 307, 308]).toContain(r.status);
      const location = new URL(r.headers.get('location')!, baseUrl());
      expect(location.origin).toBe(new URL(baseUrl()).origin);
    });
  }
  it('keeps a real path', async () => {
    const r = await fetch(`${baseUrl()}/login?next=${encodeURIComponent('/volumes?status=available')}`, {
      headers: { Cookie: cookie },
      redirect: 'manual',
    });
    expect(new URL(r.headers.get('location')!, baseUrl()).pathname).toBe('/volumes');
  });
});

describe('publishing an image is an administrator’s right', () => {
  it('a member cannot create a public image, nor make one public, and no other tenant sees it', async () => {
    const other = await newTenant(admin);
    const e = expectError(
      await tenant.member.post('/images', { name: 'leak-to-all', visibility: 'public' }),
      403,
      'forbidden',
    );
    expect(e.details?.[0]?.path).toBe('visibility');
    const mine = await tenant.member.post('/images', { name: 'stays-private' });
    expect(mine.status).toBe(201);
    const id = mine.body.image.id;
    const patch = await tenant.member.call(
      'PATCH',
      `/images/${id}`,
      [{ op: 'replace', path: '/visibility', value: 'public' }],
      { 'Content-Type': 'application/json-patch+json' },
    );
    expect(expectError(patch, 403, 'forbidden').details?.[0]?.path).toBe('visibility');
    expect((await tenant.member.get(`/images/${id}`)).body.image.visibility).toBe('private');
    expect((await other.member.get(`/images/${id}`)).status).toBe(404);
    const names = (
      (await other.member.get('/images?limit=100&name=leak-to-all')).body.images as { name: string }[]
    ).map((i) => i.name);
    expect(names).not.toContain('leak-to-all');
    // The owner may still rename it, and keep it private.
    const rename = await tenant.member.call(
      'PATCH',
      `/images/${id}`,
      [
        { op: 'replace', path: '/visibility', value: 'private' },
        { op: 'replace', path: '/name', value: 'renamed' },
      ],
      { 'Content-Type': 'application/json-patch+json' },
    );
    expect(rename.status).toBe(200);
  });

  it('an admin can publish', async () => {
    const r = await admin.post('/images', { name: `admin-public-${Date.now()}`, visibility: 'public' });
    expect(r.status).toBe(201);
    expect(r.body.image.visibility).toBe('public');
    await admin.delete(`/images/${r.body.image.id}`);
  });
});

describe('bad bytes are refused with the field named, and nothing is stored', () => {
  it('NUL in a path id, a query value and a JSON string', async () => {
    const c = tenant.member;
    expect(expectError(await c.get('/servers/%00'), 400, 'invalid').details?.[0]?.path).toBe('id');
    expect(expectError(await c.get('/servers?name=%00'), 400, 'invalid').details?.[0]?.path).toBe('name');
    const before = await sgCount();
    expect(expectError(await c.post('/security-groups', { name: 'a\u0000b' }), 400, 'invalid').details?.[0]?.path).toBe(
      'name',
    );
    expect(
      expectError(await c.post('/security-groups', { name: 'ok', description: 'x\u0000' }), 400, 'invalid').details?.[0]
        ?.path,
    ).toBe('description');
    expect(await sgCount()).toBe(before);
  });

  it('a path id is decoded once, and one that does not decode is a 400', async () => {
    const c = tenant.member;
    expect(expectError(await c.get('/servers/100%25'), 404, 'not_found').message).toContain('100%');
    expect(expectError(await c.get('/servers/%2541'), 404, 'not_found').message).toContain('%41');
    expectError(await c.get('/servers/%E0%A4%A'), 400, 'invalid');
  });

  it('a bad cookie escape is a 401, not a 500', async () => {
    expectError(await raw('GET', '/servers', { Cookie: 'yuntu_session=100%' }), 401, 'unauthorized');
  });

  it('a body over 1 MiB is a 413; invalid UTF-8 a 400; another charset a 415', async () => {
    const t = tenant.member.token!;
    const big = JSON.stringify({ name: 'big', description: 'x'.repeat(2 * 1024 * 1024) });
    expectError(
      await raw('POST', '/security-groups', { 'X-Auth-Token': t, 'Content-Type': 'application/json' }, big),
      413,
      'payload_too_large',
    );
    const bad = new Uint8Array([0x7b, 0x22, 0x6e, 0x61, 0x6d, 0x65, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]); // {"name":"\xff\xfe"}
    expect(
      expectError(
        await raw('POST', '/security-groups', { 'X-Auth-Token': t, 'Content-Type': 'application/json' }, bad),
        400,
        'invalid',
      ).details?.[0]?.path,
    ).toBe('body');
    const gbk = new Uint8Array([
      0x7b, 0x22, 0x6e, 0x61, 0x6d, 0x65, 0x22, 0x3a, 0x22, 0xd6, 0xd0, 0xce, 0xc4, 0x22, 0x7d,
    ]); // {"name":"中文"} in GBK
    expectError(
      await raw(
        'POST',
        '/security-groups',
        { 'X-Auth-Token': t, 'Content-Type': 'application/json; charset=gbk' },
        gbk,
      ),
      400,
      'invalid',
    );
    expectError(
      await raw(
        'POST',
        '/security-groups',
        { 'X-Auth-Token': t, 'Content-Type': 'application/json; charset=gbk' },
        JSON.stringify({ name: 'ascii' }),
      ),
      415,
      'unsupported_media_type',
    );
  });
});

describe('sign-in limits (consoles of their own, small budgets)', () => {
  let plain: StartedServer;
  let proxied: StartedServer;
  const limits = {
    SIGN_IN_USER_MAX_FAILURES: '3',
    SIGN_IN_LOCKOUT_SECONDS: '3',
    SIGN_IN_LOCKOUT_MAX_SECONDS: '12',
    SIGN_IN_WINDOW_SECONDS: '600',
  };

  beforeAll(async () => {
    [plain, proxied] = await Promise.all([
      // Each on a database of its own: on PostgreSQL the test consoles would otherwise share the budgets of 127.0.0.1.
      startServer({
        ownDatabase: true,
        env: { ...limits, SIGN_IN_CLIENT_MAX_FAILURES: '30', YUNTU_PUBLIC_ORIGIN: 'https://console.example.test' },
      }),
      // A long lockout here: the burst below must not outlast it on a busy machine.
      startServer({
        ownDatabase: true,
        env: {
          ...limits,
          SIGN_IN_LOCKOUT_SECONDS: '120',
          SIGN_IN_LOCKOUT_MAX_SECONDS: '600',
          SIGN_IN_CLIENT_MAX_FAILURES: '8',
          YUNTU_TRUSTED_PROXIES: '127.0.0.1',
        },
      }),
    ]);
    // Two more consoles start (migrations, demo seed) beside the shared one and the other files: a busy machine
    // needs more than the default hook time.
  }, 300_000);
  afterAll(async () => {
    await Promise.all([plain?.stop(), proxied?.stop()]);
  });

  const attempt = (base: string, username: string, password: string, headers: Record<string, string> = {}) =>
    raw(
      'POST',
      '/auth/tokens',
      { 'Content-Type': 'application/json', ...headers },
      JSON.stringify({ username, password }),
      base,
    );

  it('with a configured https public origin: only that Origin is accepted, and HSTS is sent', async () => {
    const base = plain.url;
    const c = await cookieSession(base, demo.alice);
    const h = { Cookie: c, 'Content-Type': 'application/json' };
    expectError(
      await raw('POST', '/security-groups', { ...h, Origin: new URL(base).origin }, '{"name":"x"}', base),
      403,
    );
    expect(
      (
        await raw(
          'POST',
          '/security-groups',
          { ...h, Origin: 'https://console.example.test' },
          '{"name":"hsts-ok"}',
          base,
        )
      ).status,
    ).toBe(201);
    const page = await fetch(`${base}/login`);
    expect(page.headers.get('strict-transport-security')).toContain('max-age=');
  });
  it('locks a user name after its budget of failures, before the hash; a correct password after the lockout clears it', async () => {
    const base = plain.url;
    for (let i = 0; i < 3; i++) expect((await attempt(base, 'bob', 'wrong')).status).toBe(401);
    // Locked now: even the right password waits, with Retry-After.
    const locked = await attempt(base, 'bob', demo.bob.password);
    expectError(locked, 429, 'rate_limited');
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // Names differ only in case and spaces: the same budget.
    expect((await attempt(base, ' BOB ', 'wrong')).status).toBe(429);
    await new Promise((r) => setTimeout(r, 3100));
    expect((await attempt(base, 'bob', demo.bob.password)).status).toBe(201);
    // Cleared: the budget is whole again.
    for (let i = 0; i < 2; i++) expect((await attempt(base, 'bob', 'wrong')).status).toBe(401);
    expect((await attempt(base, 'bob', demo.bob.password)).status).toBe(201);
  });

  it('backs off: each failure after a lockout locks for twice as long', async () => {
    const base = plain.url;
    for (let i = 0; i < 3; i++) await attempt(base, 'carol', 'wrong');
    await new Promise((r) => setTimeout(r, 3100));
    expect((await attempt(base, 'carol', 'wrong')).status).toBe(401);
    const r = await attempt(base, 'carol', demo.carol.password);
    expectError(r, 429);
    // 3 s, then 6 s: what is left of it when the next attempt arrives is more than the first lockout (a busy machine
    // may take a second or two between the two requests, so no tighter lower bound).
    expect(Number(r.headers.get('retry-after'))).toBeGreaterThanOrEqual(4);
    expect(Number(r.headers.get('retry-after'))).toBeLessThanOrEqual(6);
  });

  it('counts no success, and a burst of concurrent guesses gets no more tries than the budget', async () => {
    const base = proxied.url;
    for (let i = 0; i < 6; i++) expect((await attempt(base, 'admin', demo.admin.password)).status).toBe(201);
    const burst = await Promise.all(Array.from({ length: 12 }, () => attempt(base, 'alice', 'wrong')));
    const statuses = burst.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(3);
    expect(statuses.filter((s) => s === 429)).toHaveLength(9);
  });

  it('audits wrong passwords and lockouts with the client address', async () => {
    const a = await signIn(demo.admin, plain.url);
    const audit = await a.get('/audit?action=auth.sign_in_locked&limit=50');
    expect(audit.status).toBe(200);
    const rows = audit.body.records as { status_code: number; message: string }[];
    expect(rows.length).toBeGreaterThan(0);
    expect(rows[0]!.status_code).toBe(429);
    expect(rows[0]!.message).toContain('127.0.0.1');
  });

  it('limits a client address across user names, known or not, and X-Forwarded-For is not believed from a client', async () => {
    const base = plain.url;
    // 30 failures per address; the tests above spent some (this test comes last on this console). Each guess here names another (unknown) user and claims
    // another address: neither escapes the budget of the socket's address.
    const statuses: number[] = [];
    for (let i = 0; i < 32; i++)
      statuses.push((await attempt(base, `nobody-${i}`, 'guess', { 'X-Forwarded-For': `10.9.9.${i}` })).status);
    const first = statuses.indexOf(429);
    expect(first).toBeGreaterThan(0);
    expect(statuses.slice(0, first).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(first).every((s) => s === 429)).toBe(true);
    const r = await attempt(base, 'nobody-else', 'guess', { 'X-Forwarded-For': '10.1.1.1' });
    expectError(r, 429, 'rate_limited');
    expect(r.body.error.message).toContain('address');
    expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(500);
  });

  it('behind a trusted proxy, each forwarded client has its own budget', async () => {
    const base = proxied.url;
    for (let i = 0; i < 8; i++)
      expect((await attempt(base, `spray-${i}`, 'guess', { 'X-Forwarded-For': '198.51.100.7' })).status).toBe(401);
    expectError(await attempt(base, 'spray-9', 'guess', { 'X-Forwarded-For': '198.51.100.7' }), 429);
    // Another client behind the same proxy is not punished for it.
    expect((await attempt(base, 'spray-10', 'guess', { 'X-Forwarded-For': '198.51.100.8' })).status).toBe(401);
    // A client cannot pick its address by prepending: the proxy appends the real one, which is read from the right.
    expectError(await attempt(base, 'spray-11', 'guess', { 'X-Forwarded-For': '203.0.113.1, 198.51.100.7' }), 429);
  });
});

describe('client', () => {
  it('unauthenticated calls still get 401 first', async () => {
    expectError(await client().get('/servers'), 401, 'unauthorized');
  });
});
