import { beforeAll, describe, expect, it } from 'vitest';
import { demo, expectError, newTenant, signIn, waitFor, type Client } from './client';

let admin: Client;
let t: Awaited<ReturnType<typeof newTenant>>;
let imageId: string;

beforeAll(async () => {
  admin = await signIn(demo.admin);
  t = await newTenant(admin);
  const images = await t.member.get('/images?name=cirros');
  imageId = images.body.images[0].id;
});

describe('B.2.1 server lifecycle', () => {
  it('creates a server that is building, then active, with the B.13 fields', async () => {
    const r = await t.member.post('/servers', { name: 'web-1', flavor_id: 's1.small', image_id: imageId });
    expect(r.status, JSON.stringify(r.body)).toBe(202);
    expect(r.body.id).toBeTruthy();
    expect(r.body.server.status).toBe('building');
    const s = await waitFor(() => t.member.get(`/servers/${r.body.id}`), (x) => x.body.server.status === 'active');
    const server = s.body.server;
    expect(server).toMatchObject({ name: 'web-1', flavor_id: 's1.small', image_id: imageId, project_id: t.projectId });
    expect(server.addresses[0].private_ip).toMatch(/^10\.0\.0\.\d+$/);
    expect(server.security_groups.map((g: { name: string }) => g.name)).toEqual(['default']);
    expect(server.host, 'tenants do not see the host').toBeUndefined();
  });

  it('refuses a missing name with a 400 naming the field', async () => {
    const e = expectError(await t.member.post('/servers', { flavor_id: 's1.small', image_id: imageId }), 400, 'invalid');
    expect(e.details?.map((d) => d.path)).toContain('name');
  });

  it('refuses to start an active server with 409 naming its status', async () => {
    const r = await t.member.post('/servers', { name: 'web-2', flavor_id: 's1.small', image_id: imageId });
    await waitFor(() => t.member.get(`/servers/${r.body.id}`), (x) => x.body.server.status === 'active');
    const e = expectError(await t.member.post(`/servers/${r.body.id}/start`), 409, 'conflict');
    expect(e.message).toContain('active');
  });
});
