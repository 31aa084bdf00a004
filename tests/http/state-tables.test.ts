/**
 * The console offers exactly what the API accepts. For every status the simulator can put a server or a volume
 * in, each action of the contract's table is sent over HTTP and its answer (accepted, or 409 naming the status) is
 * compared with the function the UI greys its buttons by. A console of its own runs at SIM_SPEED=0.5, so a
 * transitional status lasts seconds (a soft reboot 4 s, an attachment 2 s) rather than the main console's 100 ms.
 *
 * Not reachable here, so walked against the simulator's check itself (server/providers/sim/state-rules.test.ts):
 * a server `deleting` or in `error`, a volume `deleting` or in `error` (the simulator deletes at once and nothing
 * in it fails).
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverRules, type ServerOperation, type ServerStatus } from '@/lib/contract/server';
import {
  volumeAttachAllowed,
  volumeRules,
  type Volume,
  type VolumeOperation,
  type VolumeStatus,
} from '@/lib/contract/volume';
import { demo, newTenant, signIn, waitFor, type ApiResponse, type Client } from './client';
import { startServer, type StartedServer } from './server-process';

let console_: StartedServer;
let admin: Client;
let member: Client;
let imageId: string;

/** A resource driven into a status, and how each action is sent to it. */
interface Walk<A extends string> {
  status: string;
  actions: readonly A[];
  /** What the UI offers (the function its buttons are greyed by). */
  isOffered: (action: A) => Promise<boolean> | boolean;
  /** Actions that leave the resource's status as it was even when accepted, so one resource serves them all. */
  keepsStatus: ReadonlySet<A>;
  /** A fresh resource in `status`, ready to be acted on at once. */
  prepare: () => Promise<string>;
  statusOf: (id: string) => Promise<string>;
  send: (action: A, id: string) => Promise<ApiResponse>;
}
interface Observation {
  status: string;
  action: string;
  isOffered: boolean;
  answer: number;
  message?: string;
}

const isAccepted = (answer: number) => answer >= 200 && answer < 300;

/**
 * Sends every action to a resource in `walk.status`: the ones the UI refuses (and those that keep the status) to
 * one resource, checked to be still in that status afterwards (a transition may have run out under the calls:
 * then again, with a fresh one); every accepted action that moves the resource on gets a fresh resource of its own.
 */
async function walk<A extends string>(w: Walk<A>): Promise<Observation[]> {
  const offered = new Map<A, boolean>();
  for (const a of w.actions) offered.set(a, await w.isOffered(a));
  const shared = w.actions.filter((a) => !offered.get(a) || w.keepsStatus.has(a));
  const own = w.actions.filter((a) => offered.get(a) && !w.keepsStatus.has(a));
  const seen: Observation[] = [];
  for (let attempt = 1; ; attempt++) {
    const id = await w.prepare();
    const round: Observation[] = [];
    for (const action of shared) {
      const r = await w.send(action, id);
      round.push({
        status: w.status,
        action,
        isOffered: offered.get(action)!,
        answer: r.status,
        message: r.body?.error?.message,
      });
    }
    const after = await w.statusOf(id);
    // An accepted action the UI refuses is a finding, not a timing problem: it is reported, not retried.
    if (after === w.status || round.some((o) => !o.isOffered && isAccepted(o.answer))) {
      seen.push(...round);
      break;
    }
    if (attempt === 3)
      throw new Error(
        `${w.status}: the resource left the status (now ${after}) before the calls were done, three times`,
      );
  }
  for (const action of own) {
    const id = await w.prepare();
    const r = await w.send(action, id);
    seen.push({ status: w.status, action, isOffered: true, answer: r.status, message: r.body?.error?.message });
  }
  return seen;
}

/** The pairs where the console and the API disagree, and answers that are neither accepted nor a 409. */
function disagreements(seen: Observation[]) {
  return seen
    .filter((o) => (o.isOffered ? !isAccepted(o.answer) : o.answer !== 409))
    .map(
      (o) => `${o.status} × ${o.action}: UI ${o.isOffered ? 'offers' : 'refuses'}, API ${o.answer} ${o.message ?? ''}`,
    );
}

beforeAll(async () => {
  console_ = await startServer({ env: { SIM_SPEED: '0.5' } });
  admin = await signIn(demo.admin, console_.url);
  const t = await newTenant(admin, {
    base: console_.url,
    quotas: { instances: 40, vcpus: 100, ram_mb: 300_000, volumes: 40, volume_gb: 400 },
  });
  member = t.member;
  imageId = (await member.get('/images?name=cirros')).body.images[0].id;
}, 180_000);

afterAll(async () => {
  await console_?.stop('SIGKILL');
  if (console_ && !process.env.KEEP_TEST_DATA) fs.rmSync(console_.dataDir, { recursive: true, force: true });
});

let serial = 0;
const serverStatus = async (id: string) => (await member.get(`/servers/${id}`)).body.server?.status as string;
async function createServer(): Promise<{ id: string; datacenter_id: string }> {
  const r = await member.post('/servers', { name: `walk-${++serial}`, flavor_id: 's1.small', image_id: imageId });
  if (r.status !== 202) throw new Error(`server create: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.server;
}
async function activeServer(): Promise<string> {
  const s = await createServer();
  await waitFor(
    () => serverStatus(s.id),
    (st) => st === 'active',
    60_000,
  );
  return s.id;
}
async function availableVolume(datacenterId?: string): Promise<Volume> {
  const r = await member.post('/volumes', {
    size_gb: 1,
    name: `walk-vol-${++serial}`,
    ...(datacenterId ? { datacenter_id: datacenterId } : {}),
  });
  if (r.status !== 202) throw new Error(`volume create: ${r.status} ${JSON.stringify(r.body)}`);
  return (
    await waitFor(
      () => member.get(`/volumes/${r.body.volume.id}`),
      (x) => x.body.volume.status === 'available',
      60_000,
    )
  ).body.volume;
}
/** Another host of the server's datacenter, for a live migration that only its status could refuse. */
async function otherHost(serverId: string): Promise<string> {
  const s = (await admin.get(`/servers/${serverId}`)).body.server;
  const hosts = (await admin.get(`/hosts?datacenter_id=${s.datacenter_id}`)).body.hosts as Array<{
    name: string;
    status: string;
  }>;
  return hosts.find((h) => h.name !== s.host && h.status === 'enabled')!.name;
}

describe('servers: every reachable status × every action', () => {
  const reachable = [
    'building',
    'active',
    'stopped',
    'rebooting',
    'resizing',
    'migrating',
  ] as const satisfies readonly ServerStatus[];
  /** Ready active servers, made together so one build period serves the whole walk. */
  let pool: string[] = [];
  const fromPool = async () => pool.pop() ?? activeServer();

  const prepare: Record<(typeof reachable)[number], () => Promise<string>> = {
    building: async () => (await createServer()).id,
    active: fromPool,
    stopped: async () => {
      const id = await fromPool();
      await member.post(`/servers/${id}/stop`);
      await waitFor(
        () => serverStatus(id),
        (s) => s === 'stopped',
      );
      return id;
    },
    rebooting: async () => {
      const id = await fromPool();
      await member.post(`/servers/${id}/reboot`, { type: 'soft' });
      return id;
    },
    resizing: async () => {
      const id = await fromPool();
      await member.post(`/servers/${id}/resize`, { flavor_id: 's1.medium' });
      return id;
    },
    migrating: async () => {
      const id = await fromPool();
      await admin.post(`/servers/${id}/live-migrate`, { host: await otherHost(id) });
      return id;
    },
  };

  async function send(action: ServerOperation, id: string): Promise<ApiResponse> {
    switch (action) {
      case 'start':
        return member.post(`/servers/${id}/start`);
      case 'stop':
        return member.post(`/servers/${id}/stop`);
      case 'reboot-soft':
        return member.post(`/servers/${id}/reboot`, { type: 'soft' });
      case 'reboot-hard':
        return member.post(`/servers/${id}/reboot`, { type: 'hard' });
      case 'resize': {
        const flavor = (await member.get(`/servers/${id}`)).body.server.flavor_id;
        return member.post(`/servers/${id}/resize`, { flavor_id: flavor === 's1.small' ? 's1.medium' : 's1.large' });
      }
      case 'live-migrate':
        return admin.post(`/servers/${id}/live-migrate`, { host: await otherHost(id) });
      case 'update':
        return member.put(`/servers/${id}`, { description: `walked ${Date.now()}` });
      case 'delete':
        return member.delete(`/servers/${id}`);
      case 'create-image':
        return member.post('/images', { server_id: id, name: `walk-image-${++serial}` });
      case 'attach-volume': {
        // A volume only the server's status can refuse; one that attached is used up, a refused one serves again.
        const volume =
          spareVolumes.at(-1) ??
          (await availableVolume((await member.get(`/servers/${id}`)).body.server.datacenter_id));
        const r = await member.post(`/volumes/${volume.id}/attach`, { server_id: id });
        if (isAccepted(r.status)) spareVolumes.pop();
        return r;
      }
    }
  }
  /** Made before the walk: creating one inside a 4 s transitional window would outlast it. */
  let spareVolumes: Volume[] = [];

  beforeAll(async () => {
    // 1 + each accepted action that moves the server on, per stable or transitional status reached from active.
    const needed = reachable
      .filter((s) => s !== 'building')
      .reduce(
        (n, s) =>
          n +
          1 +
          serverRules.actions.filter(
            (a) => serverRules.allowed(a, s) && !['update', 'create-image', 'attach-volume'].includes(a),
          ).length,
        0,
      );
    pool = await Promise.all(Array.from({ length: needed }, () => activeServer()));
    const datacenterId = (await member.get(`/servers/${pool[0]}`)).body.server.datacenter_id;
    // One per status that accepts an attachment, and one the refusals share.
    const attachable = reachable.filter((s) => serverRules.allowed('attach-volume', s)).length;
    spareVolumes = await Promise.all(Array.from({ length: attachable + 1 }, () => availableVolume(datacenterId)));
  }, 180_000);

  it("answers each action as the UI's table says: accepted where it is offered, 409 naming the status where it is greyed", async () => {
    const t0 = Date.now();
    const seen: Observation[] = [];
    for (const status of reachable) {
      seen.push(
        ...(await walk<ServerOperation>({
          status,
          actions: serverRules.actions,
          isOffered: (a) => serverRules.allowed(a, status),
          keepsStatus: new Set(['update', 'create-image', 'attach-volume']),
          prepare: prepare[status],
          statusOf: serverStatus,
          send,
        })),
      );
    }
    expect(disagreements(seen), 'the console and the API agree on every status × action').toEqual([]);
    for (const o of seen.filter((x) => x.answer === 409))
      expect(o.message, `${o.status} × ${o.action}: the 409 names the status`).toContain(o.status);
    expect(seen.length, 'every reachable status × every action was walked').toBe(
      reachable.length * serverRules.actions.length,
    );
    console.info(`state tables: ${seen.length} server status × action pairs in ${Date.now() - t0} ms`);
  }, 300_000);
});

describe('volumes: every reachable status × every action', () => {
  const reachable = [
    'creating',
    'available',
    'attaching',
    'in-use',
    'detaching',
    'extending',
  ] as const satisfies readonly VolumeStatus[];
  /** The server volumes are driven to attaching / in-use with, and another one the attach action is aimed at. */
  let holder: string;
  let target: string;
  let datacenterId: string;
  const volume = async (id: string): Promise<Volume> => (await member.get(`/volumes/${id}`)).body.volume;

  const attachTo = async (id: string) => member.post(`/volumes/${id}/attach`, { server_id: holder });
  const prepare: Record<(typeof reachable)[number], () => Promise<string>> = {
    creating: async () =>
      (await member.post('/volumes', { size_gb: 1, name: `walk-vol-${++serial}`, datacenter_id: datacenterId })).body
        .volume.id,
    available: async () => (await availableVolume(datacenterId)).id,
    attaching: async () => {
      const v = await availableVolume(datacenterId);
      await attachTo(v.id);
      return v.id;
    },
    'in-use': async () => {
      const v = await availableVolume(datacenterId);
      await attachTo(v.id);
      await waitFor(
        () => volume(v.id),
        (x) => x.status === 'in-use',
      );
      return v.id;
    },
    detaching: async () => {
      const id = await prepare['in-use']();
      await member.post(`/volumes/${id}/detach`, { server_id: holder });
      return id;
    },
    extending: async () => {
      const v = await availableVolume(datacenterId);
      await member.post(`/volumes/${v.id}/extend`, { new_size_gb: v.size_gb + 1 });
      return v.id;
    },
  };

  async function send(action: VolumeOperation, id: string): Promise<ApiResponse> {
    switch (action) {
      case 'attach':
        return member.post(`/volumes/${id}/attach`, { server_id: target });
      case 'detach':
        return member.post(`/volumes/${id}/detach`, { server_id: holder });
      case 'extend':
        // Always larger than now, so only the status can refuse it (a size not larger is a 400 first).
        return member.post(`/volumes/${id}/extend`, { new_size_gb: (await volume(id)).size_gb + 1 });
      case 'delete':
        return member.delete(`/volumes/${id}`);
      case 'retype':
        // Always another type than the volume's, so only the status can refuse it.
        return member.post(`/volumes/${id}/retype`, {
          volume_type: (await volume(id)).volume_type === 'ssd' ? 'standard' : 'ssd',
        });
      case 'snapshot':
        // With force, as the detail page sends it for an attached volume: only the status can refuse it then.
        return member.post('/snapshots', { volume_id: id, name: `walk-snap-${++serial}`, force: true });
    }
  }

  beforeAll(async () => {
    [holder, target] = await Promise.all([activeServer(), activeServer()]);
    datacenterId = (await member.get(`/servers/${holder}`)).body.server.datacenter_id;
  }, 180_000);

  it("answers each action as the UI's functions say: accepted where offered, 409 where greyed", async () => {
    const t0 = Date.now();
    const seen: Observation[] = [];
    for (const status of reachable) {
      seen.push(
        ...(await walk<VolumeOperation>({
          status,
          actions: volumeRules.actions,
          // The detail page: attach by status and shareability (these volumes are not multiattach), the rest by status.
          isOffered: (a) =>
            a === 'attach' ? volumeAttachAllowed({ status, multiattach: false }) : volumeRules.allowed(a, status),
          keepsStatus: new Set(),
          prepare: prepare[status],
          statusOf: async (id) => (await volume(id)).status,
          send,
        })),
      );
    }
    expect(disagreements(seen), 'the console and the API agree on every status × action').toEqual([]);
    expect(seen.length, 'every reachable status × every action was walked').toBe(
      reachable.length * volumeRules.actions.length,
    );
    console.info(`state tables: ${seen.length} volume status × action pairs in ${Date.now() - t0} ms`);
  }, 300_000);
});
