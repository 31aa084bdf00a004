import { beforeAll, describe, expect, it } from 'vitest';
import { client, demo, expectError, newTenant, signIn, waitFor, type Client } from './client';

let admin: Client;
let t: Awaited<ReturnType<typeof newTenant>>;
let imageId: string;

beforeAll(async () => {
  admin = await signIn(demo.admin);
  t = await newTenant(admin);
  imageId = (await t.member.get('/images?name=cirros')).body.images[0].id;
  for (const name of ['gamma', 'alpha', 'beta']) {
    const r = await t.member.post('/servers', { name, flavor_id: 's1.small', image_id: imageId });
    expect(r.status, JSON.stringify(r.body)).toBe(202);
  }
});

describe('list conventions', () => {
  it('sorts by a field ascending and descending, and counts the whole set', async () => {
    const asc = await t.member.get('/servers?sort=name');
    expect(asc.body.servers.map((s: { name: string }) => s.name)).toEqual(['alpha', 'beta', 'gamma']);
    expect(asc.body.total_count).toBe(3);
    const desc = await t.member.get('/servers?sort=-name&limit=2');
    expect(desc.body.servers.map((s: { name: string }) => s.name)).toEqual(['gamma', 'beta']);
    expect(desc.body.total_count).toBe(3);
    const page2 = await t.member.get('/servers?sort=-name&limit=2&offset=2');
    expect(page2.body.servers.map((s: { name: string }) => s.name)).toEqual(['alpha']);
    expect(page2.body.total_count).toBe(3);
  });

  it('filters by name substring and by status', async () => {
    const r = await t.member.get('/servers?name=lph');
    expect(r.body.servers.map((s: { name: string }) => s.name)).toEqual(['alpha']);
    await waitFor(
      () => t.member.get('/servers?status=active'),
      (x) => x.body.total_count === 3,
    );
    expect((await t.member.get('/servers?status=stopped')).body.total_count).toBe(0);
  });

  it('refuses an unknown sort field and a bad limit with 400 naming the parameter', async () => {
    const e = expectError(await t.member.get('/servers?sort=password'), 400, 'invalid');
    expect(e.details?.[0]?.path).toBe('sort');
    const e2 = expectError(await t.member.get('/servers?limit=abc'), 400, 'invalid');
    expect(e2.details?.[0]?.path).toBe('limit');
    const e3 = expectError(await t.member.get('/servers?status=flying'), 400);
    expect(e3.details?.[0]?.path).toBe('status');
  });

  it('clamps limit to 100', async () => {
    // 101 audited failures give the project more than 100 audit records.
    await Promise.all(Array.from({ length: 101 }, () => t.member.put('/servers/does-not-exist', { name: 'x' })));
    const r = await t.member.get('/audit?limit=1000');
    expect(r.status).toBe(200);
    expect(r.body.records.length).toBe(100);
    expect(r.body.total_count).toBeGreaterThan(100);
  });
});

describe('error bodies', () => {
  it('answers invalid JSON with 400 naming the body', async () => {
    const r = await t.member.call('POST', '/servers', '{"name": ', { 'Content-Type': 'application/json' });
    const e = expectError(r, 400, 'invalid');
    expect(e.message).toMatch(/JSON/);
  });

  it('answers an unknown resource with 404 naming it, without internals', async () => {
    const e = expectError(await t.member.get('/servers/no-such-server'), 404, 'not_found');
    expect(e.message).toBe('server no-such-server was not found');
    expect(JSON.stringify(e)).not.toMatch(/at \w+ \(|node_modules|SELECT/);
  });

  it('answers a wrong content type with 415 naming Content-Type', async () => {
    const r = await t.member.call('POST', '/servers', 'name=x', {
      'Content-Type': 'application/x-www-form-urlencoded',
    });
    expect(expectError(r, 415, 'unsupported_media_type').details?.map((d) => d.path)).toContain('Content-Type');
  });
});

describe('Idempotency-Key', () => {
  it('returns the first answer for a retried create and creates one server', async () => {
    const body = { name: 'idem-1', flavor_id: 's1.small', image_id: imageId };
    const key = `k-${Date.now()}`;
    const [a, b] = [
      await t.member.post('/servers', body, { 'Idempotency-Key': key }),
      await t.member.post('/servers', body, { 'Idempotency-Key': key }),
    ];
    expect(a.status).toBe(202);
    expect(b.status).toBe(202);
    expect(b.body.id).toBe(a.body.id);
    expect(b.headers.get('idempotent-replayed')).toBe('true');
    expect((await t.member.get('/servers?name=idem-1')).body.total_count).toBe(1);
  });

  it('refuses the same key with another body with 409', async () => {
    const key = `k2-${Date.now()}`;
    expect(
      (
        await t.member.post(
          '/servers',
          { name: 'idem-2', flavor_id: 's1.small', image_id: imageId },
          { 'Idempotency-Key': key },
        )
      ).status,
    ).toBe(202);
    expectError(
      await t.member.post(
        '/servers',
        { name: 'idem-3', flavor_id: 's1.small', image_id: imageId },
        { 'Idempotency-Key': key },
      ),
      409,
      'conflict',
    );
  });

  it('keeps keys per principal', async () => {
    const other = await newTenant(admin);
    const key = `shared-${Date.now()}`;
    const a = await t.member.post(
      '/servers',
      { name: 'idem-4', flavor_id: 's1.small', image_id: imageId },
      { 'Idempotency-Key': key },
    );
    const b = await other.member.post(
      '/servers',
      { name: 'idem-4', flavor_id: 's1.small', image_id: imageId },
      { 'Idempotency-Key': key },
    );
    expect(a.status).toBe(202);
    expect(b.status).toBe(202);
    expect(b.body.id).not.toBe(a.body.id);
  });
});

describe('unauthenticated client', () => {
  it('cannot list anything', async () => {
    expectError(await client().get('/flavors'), 401);
  });
});
