import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  baseUrl,
  bootable,
  deleteAndWait,
  demo,
  expectError,
  newTenant,
  signIn,
  waitFor,
  type ApiResponse,
  type Client,
} from './client';

/*
 * The console's server actions called the way the browser calls them (a POST to a console page with `Next-Action`,
 * the session cookie, the console's Origin and the JSON-encoded argument list), next to the same operation over
 * REST: the same status, body shape, error body and audit record.
 */

const manifestFile = path.join(
  process.cwd(),
  process.env.NEXT_DIST_DIR || '.next',
  'server/server-reference-manifest.json',
);
const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as {
  node: Record<string, { filename: string; exportedName: string }>;
};

function actionId(file: string, name: string): string {
  const found = Object.entries(manifest.node).find(
    ([, v]) => v.filename === `server/actions/${file}.ts` && v.exportedName === name,
  );
  if (!found) throw new Error(`no server action ${name} of server/actions/${file}.ts in ${manifestFile}`);
  return found[0];
}

type ActionResult =
  | { ok: true; status: number; body: any }
  | {
      ok: false;
      status: number;
      error: {
        code: number;
        type: string;
        message: string;
        request_id: string;
        details?: { path: string; message: string }[];
      };
    };

/** The session cookie carries the same token X-Auth-Token does (server/auth/tokens.ts). */
const cookieOf = (c: Client) => `yuntu_session=${encodeURIComponent(c.token!)}`;

/** One action call as React sends it; answers the HTTP status and the action's returned value (line 1 of the RSC payload). */
async function act(
  file: string,
  name: string,
  args: unknown[],
  opts: { cookie?: string; origin?: string } = {},
): Promise<{ httpStatus: number; result?: ActionResult; text: string }> {
  const headers: Record<string, string> = {
    'Next-Action': actionId(file, name),
    'Content-Type': 'text/plain;charset=UTF-8',
    Accept: 'text/x-component',
    Origin: opts.origin ?? baseUrl(),
  };
  if (opts.cookie) headers.Cookie = opts.cookie;
  const r = await fetch(`${baseUrl()}/servers`, { method: 'POST', headers, body: JSON.stringify(args) });
  const text = await r.text();
  const line = text.split('\n').find((l) => l.startsWith('1:'));
  const value = line?.slice(2);
  return {
    httpStatus: r.status,
    result: value && value.startsWith('{') ? (JSON.parse(value) as ActionResult) : undefined,
    text,
  };
}

async function actOk(file: string, name: string, args: unknown[], cookie: string): Promise<ActionResult> {
  const r = await act(file, name, args, { cookie });
  expect(r.httpStatus, `${name}: the action's HTTP answer (${r.text.slice(0, 300)})`).toBe(200);
  expect(r.result, `${name}: a returned result in ${r.text.slice(0, 300)}`).toBeDefined();
  return r.result!;
}

/** The audit record written for one call, found by its request id among the records of that resource and action. */
async function auditOf(reader: Client, resourceId: string, action: string, requestId: string) {
  const r = await reader.get(`/audit?resource_id=${encodeURIComponent(resourceId)}&action=${action}&limit=100`);
  expect(r.status, `GET /audit: ${JSON.stringify(r.body)}`).toBe(200);
  const record = (r.body.records as any[]).find((x) => x.request_id === requestId);
  expect(record, `an audit record ${action} of ${resourceId} with request id ${requestId}`).toBeDefined();
  return {
    action: record.action,
    resource_type: record.resource_type,
    resource_id: record.resource_id,
    result: record.result,
    status_code: record.status_code,
  };
}

/** The fields of an error both paths must agree on (the request id and wording of ids differ by nature). */
const errorShape = (e: { code: number; type: string; details?: { path: string }[] }) => ({
  code: e.code,
  type: e.type,
  fields: (e.details ?? []).map((d) => d.path).sort(),
});

let admin: Client;
let a: Awaited<ReturnType<typeof newTenant>>;
let b: Awaited<ReturnType<typeof newTenant>>;
let imageId: string;

beforeAll(async () => {
  admin = await signIn(demo.admin);
  a = await newTenant(admin);
  b = await newTenant(admin);
  imageId = (await admin.get(`/images?name=${bootable.imageName}`)).body.images[0].id;
});

const serverInput = (name: string) => ({ name, flavor_id: bootable.flavorId, image_id: imageId });

describe('server actions and REST give the same answer and the same audit record', () => {
  it('creates a server (202) with the same body shape and audit record, and replays an Idempotency-Key across both paths', async () => {
    const key = `sa-create-${Date.now()}`;
    const viaAction = await actOk('servers', 'createServer', [serverInput('via-action'), key], cookieOf(a.member));
    const viaRest = await a.member.post('/servers', serverInput('via-rest'), { 'Idempotency-Key': `${key}-rest` });
    expect(viaAction.ok, JSON.stringify(viaAction)).toBe(true);
    if (!viaAction.ok) return;
    expect(viaAction.status).toBe(viaRest.status);
    expect(viaAction.status).toBe(202);
    expect(Object.keys(viaAction.body).sort()).toEqual(Object.keys(viaRest.body).sort());
    expect(Object.keys(viaAction.body.server).sort()).toEqual(Object.keys(viaRest.body.server).sort());
    expect(viaAction.body.server).toMatchObject({
      name: 'via-action',
      status: viaRest.body.server.status,
      project_id: a.projectId,
    });

    // The replay answers the first call's server, over the action and over REST alike (the key is bound to
    // POST /api/v1/servers and the body, whichever path carried it).
    const replayedAction = await actOk('servers', 'createServer', [serverInput('via-action'), key], cookieOf(a.member));
    expect(replayedAction).toMatchObject({ ok: true, status: 202, body: { id: viaAction.body.id } });
    const replayedRest = await a.member.post('/servers', serverInput('via-action'), { 'Idempotency-Key': key });
    expect(replayedRest.status).toBe(202);
    expect(replayedRest.headers.get('idempotent-replayed')).toBe('true');
    expect(replayedRest.body.id, "a REST replay of the key the action used answers the action's server").toBe(
      viaAction.body.id,
    );
    expect((await a.member.get('/servers?name=via-action')).body.total_count, 'replays created nothing').toBe(1);

    const records = async (id: string) =>
      (await a.reader.get(`/audit?resource_id=${id}&action=server.create`)).body.records as any[];
    const [actionRecords, restRecords] = await Promise.all([records(viaAction.body.id), records(viaRest.body.id)]);
    expect(actionRecords, 'one create record: the replays wrote none').toHaveLength(1);
    const pick = (r: any) => ({
      action: r.action,
      resource_type: r.resource_type,
      result: r.result,
      status_code: r.status_code,
      user_id: r.user_id,
      project_id: r.project_id,
    });
    expect(pick(actionRecords[0])).toEqual(pick(restRecords[0]));
    expect(pick(actionRecords[0])).toMatchObject({
      action: 'server.create',
      resource_type: 'server',
      result: 'success',
      status_code: 202,
    });
  });

  it('refuses a body of the wrong shape with the same 400 naming the field, audited alike', async () => {
    const s = (await a.member.post('/servers', serverInput('bad-input'))).body.server;
    const viaAction = await actOk('servers', 'rebootServer', [s.id, { type: 'medium' }], cookieOf(a.member));
    const viaRest = await a.member.post(`/servers/${s.id}/reboot`, { type: 'medium' });
    const restError = expectError(viaRest, 400, 'invalid');
    expect(viaAction.ok).toBe(false);
    if (viaAction.ok) return;
    expect(viaAction.status).toBe(400);
    expect(errorShape(viaAction.error)).toEqual(errorShape(restError));
    expect(errorShape(viaAction.error).fields).toEqual(['type']);
    expect(viaAction.error.message).toBe(restError.message);
    expect(await auditOf(a.reader, s.id, 'server.reboot', viaAction.error.request_id)).toEqual(
      await auditOf(a.reader, s.id, 'server.reboot', restError.request_id),
    );

    // Not an object at all: the same 400 on `body` as a JSON string body over HTTP.
    const notObject = await actOk('servers', 'rebootServer', [s.id, 'soft'], cookieOf(a.member));
    const restNotObject = expectError(
      await a.member.post(`/servers/${s.id}/reboot`, '"soft"', { 'Content-Type': 'application/json' }),
      400,
    );
    expect(notObject.ok).toBe(false);
    if (!notObject.ok) expect(errorShape(notObject.error)).toEqual(errorShape(restNotObject));
  });

  it("answers another tenant's server with the same 404, audited alike in the caller's project", async () => {
    const s = (await a.member.post('/servers', serverInput('not-yours'))).body.server;
    const viaAction = await actOk('servers', 'stopServer', [s.id], cookieOf(b.member));
    const restError = expectError(await b.member.post(`/servers/${s.id}/stop`), 404, 'not_found');
    expect(viaAction).toMatchObject({
      ok: false,
      status: 404,
      error: { code: 404, type: 'not_found', message: restError.message },
    });
    if (viaAction.ok) return;
    const [viaActionRecord, viaRestRecord] = await Promise.all([
      auditOf(admin, s.id, 'server.stop', viaAction.error.request_id),
      auditOf(admin, s.id, 'server.stop', restError.request_id),
    ]);
    expect(viaActionRecord).toEqual(viaRestRecord);
    expect(viaActionRecord).toMatchObject({ result: 'failure', status_code: 404 });
    expect((await a.member.get(`/servers/${s.id}`)).body.server.status, 'the other tenant stopped nothing').not.toBe(
      'stopping',
    );
  });

  it('refuses to start an active server with the same 409, audited alike', async () => {
    const s = (await a.member.post('/servers', serverInput('already-up'))).body.server;
    await waitFor(
      () => a.member.get(`/servers/${s.id}`),
      (r) => r.body.server?.status === 'active',
    );
    const viaAction = await actOk('servers', 'startServer', [s.id], cookieOf(a.member));
    const restError = expectError(await a.member.post(`/servers/${s.id}/start`), 409, 'conflict');
    expect(viaAction).toMatchObject({
      ok: false,
      status: 409,
      error: { type: 'conflict', message: restError.message },
    });
    if (viaAction.ok) return;
    expect(await auditOf(a.reader, s.id, 'server.start', viaAction.error.request_id)).toEqual(
      await auditOf(a.reader, s.id, 'server.start', restError.request_id),
    );

    // And a change that is allowed: the same 202 and body shape over both, one success record each.
    const rebooted = await actOk('servers', 'rebootServer', [s.id, { type: 'soft' }], cookieOf(a.member));
    expect(rebooted).toMatchObject({ ok: true, status: 202, body: { server: { id: s.id, status: 'rebooting' } } });
    const records = (await a.reader.get(`/audit?resource_id=${s.id}&action=server.reboot`)).body.records as any[];
    expect(records.map((r) => [r.result, r.status_code])).toEqual([['success', 202]]);
  });

  it('runs the other resources through the same wrapper: a volume and a network', async () => {
    const volume = await actOk('volumes', 'createVolume', [{ name: 'via-action', size_gb: 1 }], cookieOf(a.member));
    const rest = await a.member.post('/volumes', { name: 'via-rest', size_gb: 1 });
    expect(volume).toMatchObject({ ok: true, status: rest.status });
    if (volume.ok) expect(Object.keys(volume.body.volume).sort()).toEqual(Object.keys(rest.body.volume).sort());
    const tooSmall = await actOk(
      'volumes',
      'extendVolume',
      [rest.body.volume.id, { new_size_gb: 'big' }],
      cookieOf(a.member),
    );
    expect(tooSmall).toMatchObject({ ok: false, status: 400, error: { details: [{ path: 'new_size_gb' }] } });
    const network = await actOk('networks', 'createNetwork', [{ name: 'via-action' }], cookieOf(a.member));
    const restNetwork: ApiResponse = await a.member.post('/networks', { name: 'via-rest' });
    expect(network).toMatchObject({ ok: true, status: restNetwork.status });
  });

  it('removes a project and refuses a quota below usage alike on both paths (the Projects page), audited alike', async () => {
    const t = await newTenant(admin);
    const volume = await t.member.post('/volumes', { name: 'held', size_gb: 1 });
    expect(volume.status).toBe(202);
    await waitFor(
      () => t.member.get(`/volumes/${volume.body.volume.id}`),
      (r) => r.body.volume?.status === 'available',
    );
    // A quota below the usage: the same 400 naming the field.
    const lowAction = await actOk('projects', 'setProjectQuotas', [t.projectId, { volumes: 0 }], cookieOf(admin));
    const lowRest = await admin.put(`/projects/${t.projectId}/quotas`, { volumes: 0 });
    expect(lowAction.ok).toBe(false);
    if (!lowAction.ok) {
      expect(errorShape(lowAction.error)).toEqual(errorShape(expectError(lowRest, 400, 'invalid')));
      expect(lowAction.error.message).toBe(lowRest.body.error.message);
    }
    // Removing it while it holds the volume: the same 409 with the same sentence, and the same audit record.
    const heldAction = await actOk('projects', 'deleteProject', [t.projectId], cookieOf(admin));
    const heldRest = await admin.delete(`/projects/${t.projectId}`);
    expect(heldAction.ok).toBe(false);
    if (heldAction.ok) return;
    expect(errorShape(heldAction.error)).toEqual(errorShape(expectError(heldRest, 409, 'conflict')));
    expect(heldAction.error.message).toBe(heldRest.body.error.message);
    expect(await auditOf(admin, t.projectId, 'project.delete', heldAction.error.request_id)).toEqual(
      await auditOf(admin, t.projectId, 'project.delete', heldRest.body.error.request_id),
    );
    await deleteAndWait(t.member, `/volumes/${volume.body.volume.id}`);
    const removed = await actOk('projects', 'deleteProject', [t.projectId], cookieOf(admin));
    expect(removed).toMatchObject({ ok: true, status: 204 });
    expectError(await admin.get(`/projects/${t.projectId}/quotas`), 404, 'not_found');
  });

  it('imports an image from a URL (B.30 源镜像路径): the same 400 naming source_url, audited alike', async () => {
    const image = (await a.member.post('/images', { name: 'via-action-import' })).body.image;
    const body = { source_url: 'http://169.254.169.254/latest/meta-data/' };
    const viaAction = await actOk('images', 'importImage', [image.id, body], cookieOf(a.member));
    const restError = expectError(await a.member.post(`/images/${image.id}/import`, body), 400, 'invalid');
    expect(viaAction.ok).toBe(false);
    if (viaAction.ok) return;
    expect(errorShape(viaAction.error)).toEqual(errorShape(restError));
    expect(errorShape(viaAction.error).fields).toEqual(['source_url']);
    expect(viaAction.error.message).toBe(restError.message);
    expect(await auditOf(a.reader, image.id, 'image.import', viaAction.error.request_id)).toEqual(
      await auditOf(a.reader, image.id, 'image.import', restError.request_id),
    );
  });
});

describe('server actions refuse what the HTTP adapter refuses', () => {
  it('answers 401 with the contract error body when there is no session cookie', async () => {
    const r = await actOk('servers', 'rebootServer', ['any', { type: 'soft' }], '');
    expect(r).toMatchObject({ ok: false, status: 401, error: { code: 401, type: 'unauthorized' } });
  });

  it('refuses a foreign Origin before the action runs, changing nothing', async () => {
    const s = (await a.member.post('/servers', serverInput('cross-site'))).body.server;
    await waitFor(
      () => a.member.get(`/servers/${s.id}`),
      (r) => r.body.server?.status === 'active',
    );
    const r = await act('servers', 'stopServer', [s.id], { cookie: cookieOf(a.member), origin: 'http://evil.example' });
    expect(r.httpStatus, 'Next.js aborts an action whose Origin is not the Host').toBeGreaterThanOrEqual(400);
    expect(r.result, 'no result: the action did not run').toBeUndefined();
    expect((await a.member.get(`/servers/${s.id}`)).body.server.status, 'the server was not stopped').toBe('active');
    expect(
      (await a.reader.get(`/audit?resource_id=${s.id}&action=server.stop`)).body.total_count,
      'no stop was audited',
    ).toBe(0);
  });

  it('refuses a path parameter that is no string, naming it', async () => {
    const r = await actOk('servers', 'rebootServer', [{ id: 'x' }, { type: 'soft' }], cookieOf(a.member));
    expect(r).toMatchObject({ ok: false, status: 400, error: { type: 'invalid', details: [{ path: 'id' }] } });
  });
});
