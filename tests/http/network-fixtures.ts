import { expect } from 'vitest';
import { waitFor, type Client } from './client';

/** Shared steps of the network tests (networks, IPs, load balancers, security groups). */

export async function cirrosImageId(c: Client): Promise<string> {
  const r = await c.get('/images?name=cirros');
  if (r.status !== 200 || !r.body.images?.[0])
    throw new Error(`no cirros image: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.images[0].id;
}

/** Creates a server and waits until it is active. */
export async function activeServer(c: Client, imageId: string, name: string, extra: Record<string, unknown> = {}) {
  const r = await c.post('/servers', { name, flavor_id: 's1.small', image_id: imageId, ...extra });
  if (r.status !== 202) throw new Error(`server create failed: ${r.status} ${JSON.stringify(r.body)}`);
  const s = await waitFor(
    () => c.get(`/servers/${r.body.id}`),
    (x) => x.body.server.status === 'active',
  );
  return s.body.server as {
    id: string;
    name: string;
    addresses: {
      network_id: string;
      subnet_id: string;
      port_id: string;
      private_ip: string;
      floating_ip: string | null;
    }[];
  };
}

/** The project's own network (a new tenant gets one with a subnet). */
export async function ownNetwork(c: Client, projectId: string) {
  const r = await c.get('/networks');
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  const n = r.body.networks.find(
    (x: { project_id: string; external: boolean }) => x.project_id === projectId && !x.external,
  );
  if (!n) throw new Error(`project ${projectId} has no network: ${JSON.stringify(r.body)}`);
  return n as {
    id: string;
    name: string;
    subnets: { id: string; cidr: string; gateway_ip: string; ip_version: number }[];
  };
}

/** The demo cloud's external network. */
export async function extNet(c: Client) {
  const r = await c.get('/networks?external=true&name=ext-net');
  const n = r.body.networks?.find((x: { name: string }) => x.name === 'ext-net');
  if (!n) throw new Error(`no ext-net: ${r.status} ${JSON.stringify(r.body)}`);
  return n as { id: string; subnets: { id: string; cidr: string; ip_version: number }[] };
}

/** Waits until a load balancer is active again after a change (changes take it through updating). */
export async function whenActive(c: Client, lbId: string) {
  const r = await waitFor(
    () => c.get(`/load-balancers/${lbId}`),
    (x) => x.body.load_balancer?.status === 'active',
  );
  return r.body.load_balancer;
}

/** Whether an IPv4 address lies in a CIDR (the tests' own arithmetic, independent of the server's). */
export function inCidr4(ip: string, cidr: string): boolean {
  const toN = (s: string) => s.split('.').reduce((a, o) => a * 256 + Number(o), 0);
  const [net, len] = cidr.split('/');
  const size = 2 ** (32 - Number(len));
  const n = toN(ip);
  return n >= toN(net!) && n < toN(net!) + size;
}
