import { afterEach, describe, expect, it } from 'vitest';
import { operations } from '@/lib/contract/operations';
import { huaweiNoObs, huaweiUnsupported } from '../providers/huaweicloud/unsupported';
import { setProvider } from '../providers/registry';
import { shanheUnsupported } from '../providers/shanhe/unsupported';
import type { Capabilities, CloudProvider, Principal } from '../providers/types';
import { listCapabilities } from './capabilities';

const admin: Principal = { userId: 'u1', userName: 'admin', projectId: 'p1', projectName: 'p', roles: ['admin'] };
const member: Principal = { ...admin, roles: ['member'] };

function stub(kind: CloudProvider['kind'], caps: Capabilities): CloudProvider {
  // Only capabilities() and kind are read by the service; the rest of the interface is never reached here.
  return { kind, capabilities: async () => caps } as unknown as CloudProvider;
}

const allOn: Capabilities = {
  liveMigrate: true,
  resize: true,
  loadBalancers: true,
  volumes: true,
  publicIps: true,
  imageUpload: true,
  imageImport: true,
  identityAdmin: true,
};

describe('the capabilities table', () => {
  afterEach(() => setProvider(undefined));

  it('lists every operation of the API, all supported on a backend that lacks nothing', async () => {
    setProvider(stub('sim', allOn));
    const r = await listCapabilities({ principal: admin, requestId: 't' });
    expect(r.backend).toBe('sim');
    expect(r.total_count).toBe(operations.length);
    expect(r.operations.find((o) => o.path === '/capabilities')).toMatchObject({ method: 'GET', supported: true });
    expect(r.supported_count).toBe(operations.length);
  });

  it('derives unsupported operations from the flags, with a reason', async () => {
    setProvider(stub('openstack', { ...allOn, loadBalancers: false, liveMigrate: false }));
    const r = await listCapabilities({ principal: admin, requestId: 't' });
    const lb = r.operations.filter((o) => o.path.startsWith('/load-balancers'));
    expect(lb.length).toBeGreaterThan(3);
    expect(lb.every((o) => !o.supported && o.reason === 'this cloud has no load balancers')).toBe(true);
    // B.62/B.63 in the standard's own form are rows of their own, switched off with the rest.
    for (const method of ['PATCH', 'POST', 'DELETE'])
      expect(lb.find((o) => o.method === method && o.path === '/load-balancers/{id}/members')?.supported).toBe(false);
    expect(r.operations.find((o) => o.path === '/servers/{id}/live-migrate')?.supported).toBe(false);
    expect(r.operations.find((o) => o.path === '/servers/{id}/resize')?.supported).toBe(true);
  });

  // Huawei without HUAWEICLOUD_OBS_BUCKET: image files have no way into IMS (with a bucket they do, obs.test.ts).
  const huaweiWithoutObs = { ...huaweiUnsupported.table, ...huaweiNoObs.table };

  it("publishes a public cloud's own table, with the partial limits of supported operations", async () => {
    setProvider(
      stub('huaweicloud', {
        ...allOn,
        imageUpload: false,
        liveMigrate: false,
        identityAdmin: false,
        unsupported: huaweiWithoutObs,
      }),
    );
    const r = await listCapabilities({ principal: admin, requestId: 't' });
    const upload = r.operations.find((o) => o.method === 'PUT' && o.path === '/images/{id}/file');
    expect(upload?.supported).toBe(false);
    expect(upload?.reason).toContain('OBS');
    const create = r.operations.find((o) => o.method === 'POST' && o.path === '/images');
    expect(create?.supported).toBe(true);
    expect(create?.limitations[0]).toContain('IMS');
    expect(r.operations.find((o) => o.method === 'POST' && o.path === '/servers')?.supported).toBe(true);
  });

  it('is readable by members and readers too: it is what tells their console what to grey out', async () => {
    setProvider(stub('huaweicloud', { ...allOn, liveMigrate: false, unsupported: huaweiUnsupported.table }));
    for (const roles of [['member'], ['reader']] as const) {
      const r = await listCapabilities({ principal: { ...member, roles: [...roles] }, requestId: 't' });
      expect(r.total_count).toBe(operations.length);
      expect(r.operations.find((o) => o.path === '/servers/{id}/live-migrate')?.supported).toBe(false);
    }
  });

  it('names the parts of a supported operation the backend cannot do, so the UI can grey out that part alone', async () => {
    setProvider(stub('huaweicloud', { ...allOn, unsupported: huaweiWithoutObs }));
    const r = await listCapabilities({ principal: member, requestId: 't' });
    const create = r.operations.find((o) => o.method === 'POST' && o.path === '/images');
    expect(create?.parts.metadata).toContain('IMS');
    const patch = r.operations.find((o) => o.method === 'PATCH' && o.path === '/images/{id}');
    expect(patch?.supported, 'renaming an image still works on IMS').toBe(true);
    expect(patch?.parts.properties).toContain('properties');
    expect(r.operations.find((o) => o.method === 'GET' && o.path === '/flavors')?.parts).toEqual({});
  });

  it("names only real operations in the drivers' tables (a typo would silently claim support)", () => {
    const keys = new Set(operations.map((o) => `${o.method.toUpperCase()} ${o.path}`));
    for (const table of [huaweiUnsupported.table, huaweiNoObs.table, shanheUnsupported.table])
      for (const k of Object.keys(table)) expect(keys.has(k.split('#')[0]!), `${k} is an operation`).toBe(true);
  });
});
