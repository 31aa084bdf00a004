import { beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { demo, newTenant, signIn, type Client } from '../http/client';
import { killReplica, nginxUrl, replicaUrl, restartReplica, sleep, termReplica } from './cluster';

/**
 * An event stream whose replica is killed with -9: the browser reconnects through nginx with Last-Event-ID and gets
 * every change made while it was away, from another replica, once.
 */
interface Received {
  id: string;
  resource_id: string;
  status: string;
}

/** An open SSE stream: what it received so far, and whether it has ended. */
function stream(base: string, token: string, lastEventId?: string) {
  const got: Received[] = [];
  const retries: number[] = [];
  const ctl = new AbortController();
  let ended = false;
  const done = (async () => {
    const r = await fetch(`${base}/api/v1/events`, {
      headers: { 'X-Auth-Token': token, ...(lastEventId ? { 'Last-Event-ID': lastEventId } : {}) },
      signal: ctl.signal,
    });
    expect(r.status).toBe(200);
    const reader = r.body!.getReader();
    const decoder = new TextDecoder();
    let buf = '';
    try {
      for (;;) {
        const { value, done: finished } = await reader.read();
        if (finished) break;
        buf += decoder.decode(value, { stream: true });
        let cut;
        while ((cut = buf.indexOf('\n\n')) >= 0) {
          const frame = buf.slice(0, cut);
          buf = buf.slice(cut + 2);
          const retry = frame.split('\n').find((l) => l.startsWith('retry: '));
          if (retry) retries.push(Number(retry.slice(7)));
          const data = frame.split('\n').find((l) => l.startsWith('data: '));
          if (data) got.push(JSON.parse(data.slice(6)));
        }
      }
    } catch {
      // the replica died, or we stopped listening
    } finally {
      ended = true;
    }
  })();
  return { got, retries, ended: () => ended, close: () => ctl.abort(), done };
}

async function until(what: string, cond: () => boolean, ms = 30_000) {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

let admin: Client;
beforeAll(async () => {
  admin = await signIn(demo.admin, nginxUrl);
});

describe('event streams across a kill -9', () => {
  it('reconnects through another replica with Last-Event-ID and misses nothing', async () => {
    const t = await newTenant(admin, { base: nginxUrl, quotas: { volumes: 100, volume_gb: 1000 } });
    const token = t.member.token!;
    const first = stream(replicaUrl(3), token);
    await sleep(500);
    const a = await t.member.post('/volumes', { name: 'ev-a', size_gb: 1 });
    expect(a.status).toBe(202);
    await until('volume a available', () =>
      first.got.some((e) => e.resource_id === a.body.volume.id && e.status === 'available'),
    );
    const lastSeen = first.got[first.got.length - 1]!.id;

    killReplica(3);
    onTestFinished(() => restartReplica(3));
    await until('the stream to end', first.ended, 10_000);

    // Changes while the browser is away, made through the replicas that are left.
    const missed: string[] = [];
    for (const name of ['ev-b', 'ev-c', 'ev-d']) {
      const r = await t.member.post('/volumes', { name, size_gb: 1 });
      expect(r.status).toBe(202);
      missed.push(r.body.volume.id);
    }
    await sleep(1000);

    const second = stream(nginxUrl, token, lastSeen);
    try {
      await until('every missed volume to be reported available', () =>
        missed.every((id) => second.got.some((e) => e.resource_id === id && e.status === 'available')),
      );
      const ids = second.got.map((e) => e.id);
      // Nothing already delivered comes again, and nothing comes twice.
      expect(ids.filter((id) => first.got.some((e) => e.id === id))).toEqual([]);
      expect(new Set(ids).size).toBe(ids.length);
      // Live changes keep coming on the new stream.
      const e = await t.member.post('/volumes', { name: 'ev-e', size_gb: 1 });
      await until('a live change on the new stream', () =>
        second.got.some((x) => x.resource_id === e.body.volume.id && x.status === 'available'),
      );
    } finally {
      second.close();
      await second.done;
    }
  }, 120_000);

  it('ends a stream with a retry hint on SIGTERM; the reconnect through nginx replays what came meanwhile', async () => {
    const t = await newTenant(admin, { base: nginxUrl, quotas: { volumes: 100, volume_gb: 1000 } });
    const token = t.member.token!;
    const first = stream(replicaUrl(1), token);
    await sleep(500);
    const a = await t.member.post('/volumes', { name: 'term-a', size_gb: 1 });
    await until('volume a available', () =>
      first.got.some((e) => e.resource_id === a.body.volume.id && e.status === 'available'),
    );
    const lastSeen = first.got[first.got.length - 1]!.id;
    const stopping = termReplica(1);
    onTestFinished(() => restartReplica(1));
    await until('the stream to end', first.ended, 15_000);
    // The connect hint (3000 ms), then the shutdown's shorter one: come back soon, elsewhere.
    expect(first.retries.length).toBeGreaterThanOrEqual(2);
    expect(first.retries[first.retries.length - 1]).toBeLessThan(3000);
    const b = await t.member.post('/volumes', { name: 'term-b', size_gb: 1 });
    await stopping;
    const second = stream(nginxUrl, token, lastSeen);
    try {
      await until('volume b on the new stream', () =>
        second.got.some((e) => e.resource_id === b.body.volume.id && e.status === 'available'),
      );
      expect(second.got.filter((e) => first.got.some((f) => f.id === e.id))).toEqual([]);
    } finally {
      second.close();
      await second.done;
    }
  }, 120_000);
});
