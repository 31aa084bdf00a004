import type { APIRequestContext } from '@playwright/test';
import { apiToken, expect, type users } from './helpers';

type Who = keyof typeof users;

/** A small API client for fixtures of the storage and network specs (create, wait, clean up). */
export async function apiAs(request: APIRequestContext, who: Who) {
  const headers = { 'X-Auth-Token': await apiToken(request, who) };
  const call = async (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, data?: unknown) => {
    const r = await request.fetch(`/api/v1${path}`, { method, headers, data });
    const text = await r.text();
    return { status: r.status(), body: text ? JSON.parse(text) : undefined };
  };
  return {
    call,
    /** Polls GET path until `pick(body)` equals `want`. */
    async waitFor(path: string, pick: (b: Record<string, unknown>) => unknown, want: unknown, what: string) {
      await expect.poll(async () => pick((await call('GET', path)).body), { message: what, timeout: 60_000 }).toBe(want);
    },
    async projectNetwork(): Promise<{ id: string; subnetId: string }> {
      const nets = (await call('GET', '/networks?limit=100')).body.networks as Array<{ id: string; external: boolean; project_id: string | null; subnets: Array<{ id: string }> }>;
      const n = nets.find((x) => !x.external && x.project_id && x.subnets.length);
      expect(n, 'the demo project has a network with a subnet').toBeTruthy();
      return { id: n!.id, subnetId: n!.subnets[0]!.id };
    },
    /** A server on the project's network, active; returns its id and first private IP. */
    async activeServer(name: string, extra: Record<string, unknown> = {}): Promise<{ id: string; ip: string }> {
      const net = await this.projectNetwork();
      const images = (await call('GET', '/images?name=cirros')).body.images as Array<{ id: string }>;
      const r = await call('POST', '/servers', { name, flavor_id: 's1.small', image_id: images[0]!.id, datacenter_id: 'dc-bj1', networks: [{ network_id: net.id }], ...extra });
      expect(r.status, `create server ${name}: ${JSON.stringify(r.body)}`).toBe(202);
      await this.waitFor(`/servers/${r.body.id}`, (b) => (b.server as { status: string }).status, 'active', `${name} becomes active`);
      const s = (await call('GET', `/servers/${r.body.id}`)).body.server as { addresses: Array<{ private_ip: string }> };
      return { id: r.body.id as string, ip: s.addresses[0]?.private_ip ?? '' };
    },
  };
}
export type Api = Awaited<ReturnType<typeof apiAs>>;

/** A unique, readable name per test run. */
export const uniq = (prefix: string) => `${prefix}-${Date.now().toString(36)}${Math.floor(Math.random() * 1000)}`;
