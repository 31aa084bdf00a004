import { beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, demo, expectError, newTenant, signIn, type Client } from './client';

let admin: Client;
let imageId: string;

beforeAll(async () => {
  admin = await signIn(demo.admin);
  imageId = (await admin.get('/images?name=cirros')).body.images[0].id;
});

/** Reads a Server-Sent Events stream until `until` holds or the time runs out. */
async function collectEvents(
  token: string,
  until: (events: any[]) => boolean,
  timeoutMs = 15_000,
  onOpen?: () => Promise<void>,
) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const events: any[] = [];
  try {
    const r = await fetch(`${baseUrl()}/api/v1/events`, {
      headers: { 'X-Auth-Token': token },
      signal: controller.signal,
    });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = r.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    let opened = false;
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      if (!opened && onOpen) {
        opened = true;
        await onOpen();
      }
      let i: number;
      while ((i = buffer.indexOf('\n\n')) >= 0) {
        const chunk = buffer.slice(0, i);
        buffer = buffer.slice(i + 2);
        const data = chunk.split('\n').find((l) => l.startsWith('data: '));
        if (data) events.push(JSON.parse(data.slice(6)));
      }
      if (until(events)) break;
    }
  } catch (e) {
    if ((e as Error).name !== 'AbortError') throw e;
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
  return events;
}

describe('GET /events (Server-Sent Events)', () => {
  it('streams a server going building → active to its project, and not to another project', async () => {
    const t = await newTenant(admin);
    const other = await newTenant(admin);
    let serverId = '';
    const otherEvents = collectEvents(other.member.token!, () => false, 6000);
    const events = await collectEvents(
      t.member.token!,
      (evs) => evs.some((e) => e.resource_id === serverId && e.status === 'active'),
      15_000,
      async () => {
        const r = await t.member.post('/servers', { name: 'sse-1', flavor_id: 's1.small', image_id: imageId });
        serverId = r.body.id;
      },
    );
    const mine = events.filter((e) => e.resource_id === serverId).map((e) => e.status);
    expect(mine).toEqual(['building', 'active']);
    expect(events.find((e) => e.resource_id === serverId)).toMatchObject({
      resource_type: 'server',
      project_id: t.projectId,
    });
    expect((await otherEvents).filter((e) => e.resource_id === serverId)).toEqual([]);
  });

  it('needs a token', async () => {
    const r = await fetch(`${baseUrl()}/api/v1/events`);
    expect(r.status).toBe(401);
  });
});

describe('GET /audit', () => {
  it('records who changed what, with the result, request id and time', async () => {
    const t = await newTenant(admin);
    const created = await t.member.post(
      '/servers',
      { name: 'audited', flavor_id: 's1.small', image_id: imageId },
      { 'X-Request-Id': 'audit-req-1' },
    );
    expect(created.status).toBe(202);
    await t.member.post(`/servers/${created.body.id}/start`); // refused: building
    const r = await t.member.get(`/audit?resource_id=${created.body.id}&sort=at`);
    expect(r.status).toBe(200);
    const [create, start] = r.body.records;
    expect(create).toMatchObject({
      action: 'server.create',
      resource_type: 'server',
      resource_id: created.body.id,
      result: 'success',
      status_code: 202,
      request_id: 'audit-req-1',
      project_id: t.projectId,
    });
    expect(create.user_name).toMatch(/^m-/);
    expect(new Date(create.at).getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(start).toMatchObject({ action: 'server.start', result: 'failure', status_code: 409 });
    expect(start.message).toMatch(/building/);
  });

  it("shows a tenant only its own project's records, and an admin everything", async () => {
    const a = await newTenant(admin);
    const b = await newTenant(admin);
    const s = await a.member.post('/servers', { name: 'a-only', flavor_id: 's1.small', image_id: imageId });
    expect((await b.member.get(`/audit?resource_id=${s.body.id}`)).body.total_count).toBe(0);
    expect((await a.reader.get(`/audit?resource_id=${s.body.id}`)).body.total_count).toBe(1);
    expect((await admin.get(`/audit?resource_id=${s.body.id}`)).body.total_count).toBe(1);
  });

  it('records failed sign-ins without the password', async () => {
    const name = `ghost-${Date.now()}`;
    expectError(
      await (await import('./client')).client().post('/auth/tokens', { username: name, password: 'secret-xyz' }),
      401,
    );
    const r = await admin.get(`/audit?action=auth.sign_in&user=${name}`);
    expect(r.body.records[0]).toMatchObject({ result: 'failure', status_code: 401, user_name: name });
    expect(JSON.stringify(r.body)).not.toContain('secret-xyz');
  });

  it('filters by result and refuses a bad time', async () => {
    const r = await admin.get('/audit?result=failure&limit=5');
    expect(r.body.records.every((x: { result: string }) => x.result === 'failure')).toBe(true);
    const e = expectError(await admin.get('/audit?since=yesterday'), 400);
    expect(e.details?.[0]?.path).toBe('since');
  });
});
