#!/usr/bin/env node
/**
 * A project of N servers in the loopback OpenStack for bench/openstack.mjs ("the servers page with 1,000 servers"):
 * project `bench-estate` with member `bench-estate`, unlimited instance/core/RAM/port quotas, its own network, and
 * N ACTIVE servers (booted in batches with Nova's min_count/max_count). Idempotent: tops up to N, keeps the rest;
 * the project stays between runs, since booting a thousand servers takes minutes even on the fake hypervisor.
 *   node bench/openstack-estate.mjs [--servers 1000]
 * Prints the project id and the user's credentials as JSON on the last line.
 */
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: { servers: { type: 'string', default: '1000' }, batch: { type: 'string', default: '25' } },
});
const want = Number(values.servers);
const batch = Number(values.batch);
const authUrl = (process.env.OPENSTACK_AUTH_URL ?? 'http://127.0.0.1:5000/v3').replace(/\/+$/, '');
const adminPassword = process.env.YUNTU_TEST_ADMIN_PASSWORD ?? process.env.OS_ADMIN_PASSWORD ?? 'secret';
export const estate = { project: 'bench-estate', username: 'bench-estate', password: 'bench-estate-password-1' };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function call(method, url, token, body, headers = {}) {
  const r = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { 'X-Auth-Token': token } : {}), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await r.text();
  if (!r.ok) throw new Error(`${method} ${url}: ${r.status} ${text.slice(0, 300)}`);
  return { body: text ? JSON.parse(text) : undefined, headers: r.headers };
}
async function tokenFor(user, password, scope) {
  const r = await call('POST', `${authUrl}/auth/tokens`, undefined, {
    auth: {
      identity: { methods: ['password'], password: { user: { name: user, domain: { name: 'Default' }, password } } },
      scope,
    },
  });
  const catalog = r.body.token.catalog;
  const endpoint = (type) =>
    catalog
      .find((s) => s.type === type)
      .endpoints.find((e) => e.interface === 'public')
      .url.replace(/\/+$/, '');
  return { token: r.headers.get('x-subject-token'), endpoint };
}

const admin = await tokenFor('admin', adminPassword, { project: { name: 'admin', domain: { name: 'Default' } } });
const ks = (method, p, body) => call(method, `${authUrl}${p}`, admin.token, body);
let project = (await ks('GET', `/projects?name=${estate.project}`)).body.projects[0];
project ??= (
  await ks('POST', '/projects', {
    project: { name: estate.project, domain_id: 'default', description: 'bench/openstack-estate.mjs' },
  })
).body.project;
let user = (await ks('GET', `/users?name=${estate.username}`)).body.users[0];
user ??= (
  await ks('POST', '/users', {
    user: { name: estate.username, password: estate.password, domain_id: 'default', default_project_id: project.id },
  })
).body.user;
const member = (await ks('GET', '/roles?name=member')).body.roles[0];
await ks('PUT', `/projects/${project.id}/users/${user.id}/roles/${member.id}`);
const nova = admin.endpoint('compute');
const neutron = admin.endpoint('network').replace(/\/v2\.0$/, '') + '/v2.0';
await call('PUT', `${nova}/os-quota-sets/${project.id}`, admin.token, {
  quota_set: { instances: -1, cores: -1, ram: -1 },
});
await call('PUT', `${neutron}/quotas/${project.id}`, admin.token, { quota: { port: -1 } });

const me = await tokenFor(estate.username, estate.password, { project: { id: project.id } });
const as = (method, url, body) => call(method, url, me.token, body, { 'X-OpenStack-Nova-API-Version': '2.46' });
let net = (await as('GET', `${neutron}/networks?name=bench-estate-net&project_id=${project.id}`)).body.networks[0];
if (!net) {
  net = (await as('POST', `${neutron}/networks`, { network: { name: 'bench-estate-net' } })).body.network;
  await as('POST', `${neutron}/subnets`, {
    subnet: { name: 'bench-estate-subnet', network_id: net.id, ip_version: 4, cidr: '10.200.0.0/20' },
  });
}
const flavor = (await as('GET', `${nova}/flavors`)).body.flavors.find((f) => f.name === 's1.small');
const glance = me.endpoint('image').replace(/\/v2(\.\d+)?$/, '') + '/v2';
const image = (await as('GET', `${glance}/images?name=cirros`)).body.images[0];
if (!flavor || !image) throw new Error('run scripts/openstack/fixtures.sh first (flavor s1.small, image cirros)');

/** Servers by status, from id-only listings per status (a detailed listing of a thousand servers is itself a load). */
async function countByStatus(statuses = ['ACTIVE', 'BUILD', 'ERROR']) {
  const counts = Object.fromEntries(statuses.map((s) => [s, 0]));
  for (const status of statuses) {
    let marker;
    for (;;) {
      const page = (await as('GET', `${nova}/servers?status=${status}&limit=1000${marker ? `&marker=${marker}` : ''}`))
        .body.servers;
      counts[status] += page.length;
      if (page.length < 1000) break;
      marker = page[page.length - 1].id;
    }
  }
  return counts;
}

const t0 = Date.now();
let counts = await countByStatus();
// Servers that failed to build are replaced, not counted.
let total = counts.ACTIVE + counts.BUILD;
let batches = 0;
console.error(`bench-estate: ${JSON.stringify(counts)}; booting ${Math.max(0, want - total)} more`);
while (total < want) {
  const k = Math.min(batch, want - total);
  await as('POST', `${nova}/servers`, {
    server: {
      name: 'estate',
      flavorRef: flavor.id,
      imageRef: image.id,
      networks: [{ uuid: net.id }],
      min_count: k,
      max_count: k,
    },
  });
  total += k;
  // Let Nova build a batch before sending the next (the fake hypervisor still claims ports and placement). Only the
  // servers still building are counted while waiting, every 5 s: listing a thousand servers often is itself a load
  // that slows the builds (nova-api, and Keystone validating each call's token).
  while ((await countByStatus(['BUILD'])).BUILD >= batch) await sleep(5000);
  if (++batches % 10 === 0)
    console.error(`  ${JSON.stringify(await countByStatus())} after ${Math.round((Date.now() - t0) / 1000)} s`);
}
while ((await countByStatus(['BUILD'])).BUILD) await sleep(5000);
counts = await countByStatus();
console.error(`bench-estate ready in ${Math.round((Date.now() - t0) / 1000)} s: ${JSON.stringify(counts)}`);
console.log(
  JSON.stringify({ project_id: project.id, username: estate.username, password: estate.password, servers: counts }),
);
