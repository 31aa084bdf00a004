/**
 * Scale-out pieces over real HTTP: Last-Event-ID replay (a browser reconnecting, possibly to another replica),
 * the health split, the metrics endpoint, graceful shutdown, and the embedded database's one-process rule.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, demo, expectError, newTenant, signIn, client, type Client } from './client';
import { startServer, type StartedServer } from './server-process';

let admin: Client;
let imageId: string;
const started: StartedServer[] = [];

beforeAll(async () => {
  admin = await signIn(demo.admin);
  imageId = (await admin.get('/images?name=cirros')).body.images[0].id;
});
afterAll(async () => {
  for (const s of started) {
    await s.stop('SIGKILL');
    if (!process.env.KEEP_TEST_DATA) fs.rmSync(s.dataDir, { recursive: true, force: true });
  }
});

interface Frame {
  id?: string;
  event?: string;
  retry?: number;
  data?: any;
}

/** Reads an event stream's frames until `until` holds, the stream ends, or the time runs out. */
async function readStream(
  url: string,
  headers: Record<string, string>,
  until: (frames: Frame[]) => boolean,
  timeoutMs = 15_000,
  onOpen?: () => Promise<void>,
): Promise<{ status: number; frames: Frame[]; ended: boolean; body?: any }> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const frames: Frame[] = [];
  let ended = false;
  try {
    const r = await fetch(url, { headers, signal: controller.signal });
    if (r.status !== 200) return { status: r.status, frames, ended: true, body: await r.json() };
    const reader = r.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    let opened = false;
    for (;;) {
      const { value, done } = await reader.read();
      if (done) {
        ended = true;
        break;
      }
      buffer += decoder.decode(value, { stream: true });
      let i: number;
      while ((i = buffer.indexOf('\n\n')) >= 0) {
        const f: Frame = {};
        for (const line of buffer.slice(0, i).split('\n')) {
          if (line.startsWith('id: ')) f.id = line.slice(4);
          else if (line.startsWith('event: ')) f.event = line.slice(7);
          else if (line.startsWith('retry: ')) f.retry = Number(line.slice(7));
          else if (line.startsWith('data: ')) f.data = JSON.parse(line.slice(6));
        }
        buffer = buffer.slice(i + 2);
        frames.push(f);
      }
      if (!opened && onOpen) {
        opened = true;
        await onOpen();
      }
      if (until(frames)) break;
    }
    return { status: 200, frames, ended };
  } catch (e) {
    if ((e as Error).name !== 'AbortError') throw e;
    return { status: 200, frames, ended };
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
}

const statusEvents = (frames: Frame[]) => frames.filter((f) => f.event === 'status');

describe('GET /events with Last-Event-ID', () => {
  it('replays what was missed since the id, to its project only, then streams live', { timeout: 120_000 }, async () => {
    const t = await newTenant(admin);
    const other = await newTenant(admin);
    let serverId = '';
    const first = await readStream(
      `${baseUrl()}/api/v1/events`,
      { 'X-Auth-Token': t.member.token! },
      (fs) => statusEvents(fs).some((f) => f.data.resource_id === serverId),
      15_000,
      async () => {
        const r = await t.member.post('/servers', { name: 'replay-1', flavor_id: 's1.small', image_id: imageId });
        serverId = r.body.id;
      },
    );
    const building = statusEvents(first.frames).find((f) => f.data.resource_id === serverId)!;
    expect(building.data.status).toBe('building');
    expect(building.id).toBe(building.data.id);
    // "Disconnected" after building: wait until the server is active, then reconnect with the last id.
    await t.member.get(`/servers/${serverId}`);
    for (let i = 0; i < 100; i++) {
      if ((await t.member.get(`/servers/${serverId}`)).body.status === 'active') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const again = await readStream(
      `${baseUrl()}/api/v1/events`,
      { 'X-Auth-Token': t.member.token!, 'Last-Event-ID': building.id! },
      (fs) => statusEvents(fs).some((f) => f.data.resource_id === serverId),
    );
    const replayed = statusEvents(again.frames).filter((f) => f.data.resource_id === serverId);
    expect(replayed.map((f) => f.data.status)).toEqual(['active']);
    expect(Number(replayed[0]!.id)).not.toBe(Number(building.id));

    // Another project reconnecting with the same id gets none of it.
    const theirs = await readStream(
      `${baseUrl()}/api/v1/events`,
      { 'X-Auth-Token': other.member.token!, 'Last-Event-ID': building.id! },
      () => false,
      2500,
    );
    expect(statusEvents(theirs.frames).filter((f) => f.data.resource_id === serverId)).toEqual([]);
    expect(statusEvents(theirs.frames).every((f) => f.data.project_id === other.projectId)).toBe(true);
  });

  it('refuses a Last-Event-ID that is no event id, naming the header', async () => {
    const r = await t400();
    expect(r.status).toBe(400);
    expect(r.body.error.type).toBe('invalid');
    expect(r.body.error.details[0].path).toBe('Last-Event-ID');
  });
});

async function t400() {
  return readStream(`${baseUrl()}/api/v1/events`, { 'X-Auth-Token': admin.token!, 'Last-Event-ID': 'abc' }, () => true);
}

describe('health', () => {
  it('answers liveness, readiness naming each dependency, and the old /health as before', async () => {
    const pub = client();
    const live = await pub.get('/health/live');
    expect(live.status).toBe(200);
    expect(live.body).toEqual({ status: 'ok' });
    const ready = await pub.get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({
      status: 'ready',
      down: [],
      database: { ok: true },
      backend: { ok: true, kind: 'sim' },
    });
    const old = await pub.get('/health');
    expect(old.status).toBe(200);
    expect(old.body.status).toBe('ok');
  });
});

describe('metrics', () => {
  it('is no endpoint without YUNTU_METRICS_TOKEN', async () => {
    expectError(await client().get('/metrics'), 404, 'not_found');
  });
});

describe('a console of its own', () => {
  const token = 'metrics-token-for-tests-0123456789';
  let s: StartedServer;
  beforeAll(async () => {
    s = await startServer({
      env: { YUNTU_METRICS_TOKEN: token, SIM_LATENCY_MS: '1500', YUNTU_SHUTDOWN_GRACE_MS: '20000' },
      ownDatabase: true,
    });
    started.push(s);
  }, 180_000);

  it('serves Prometheus metrics to the token holder only', async () => {
    const a = await signIn(demo.admin, s.url);
    await a.get('/datacenters');
    expectError(await client(undefined, s.url).get('/metrics'), 401, 'unauthorized');
    const r = await fetch(`${s.url}/api/v1/metrics`, { headers: { Authorization: `Bearer ${token}` } });
    expect(r.status).toBe(200);
    const text = await r.text();
    expect(text).toMatch(/yuntu_http_requests_total\{operation="GET \/datacenters",status="200"\} \d+/);
    expect(text).toContain('yuntu_http_request_duration_seconds_bucket');
    expect(text).toMatch(/yuntu_event_streams_open \d+/);
    expect(text).toMatch(/yuntu_db_queries_total \d+/);
  });

  it('refuses a second process on the same embedded data directory, saying why', async () => {
    if (process.env.DATABASE_URL) return; // PostgreSQL: replicas share it, there is no data directory to guard
    const dir = fs.mkdtempSync(`${s.dataDir}-second-`);
    fs.rmSync(dir, { recursive: true });
    const first = await startServer({ dataDir: dir });
    started.push(first);
    const second = startServer({ dataDir: dir });
    await expect(second).rejects.toThrow(/is in use by another Yuntu process \(pid \d+\)/);
    await expect(second).rejects.toThrow(/DATABASE_URL/);
  }, 240_000);

  it('on SIGTERM ends event streams with a retry hint, lets a call in flight finish, and exits', async () => {
    const a = await signIn(demo.admin, s.url);
    let stream!: Promise<Awaited<ReturnType<typeof readStream>>>;
    await new Promise<void>((opened) => {
      stream = readStream(
        `${s.url}/api/v1/events`,
        { 'X-Auth-Token': a.token! },
        () => false,
        30_000,
        async () => opened(),
      );
    });
    // A backend call of 1.5 s (SIM_LATENCY_MS) is in flight when the signal comes.
    const inFlight = a.get('/servers');
    await new Promise((r) => setTimeout(r, 400));
    const exited = new Promise<number | null>((r) => s.process.once('exit', (code) => r(code)));
    s.process.kill('SIGTERM');
    const ended = await stream;
    expect(ended.ended).toBe(true);
    expect(ended.frames.at(-1)?.retry).toBe(1000);
    const r = await inFlight;
    expect(r.status).toBe(200);
    expect(await exited).toBe(0);
    expect(s.output()).toContain('Yuntu: stopped');
  }, 60_000);
});
