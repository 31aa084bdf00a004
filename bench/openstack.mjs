#!/usr/bin/env node
/**
 * The console's added latency over calling OpenStack directly, on the loopback OpenStack (scripts/openstack/):
 * p50/p95 of list servers, get server and list images through `/api/v1` against the same user's direct Nova and
 * Glance calls, and the number of OpenStack calls one servers page costs with few and with more servers on it
 * (it must not grow with the page: addresses, floating IPs and group names are fetched once per page).
 * Then the servers page with 1,000 servers in one project (bench/openstack-estate.mjs boots them once and keeps
 * them): the API's first and last page of 100 and the page in a real browser (Debian's chromium), with the
 * OpenStack calls that page costs.
 * Needs a production build (NEXT_DIST_DIR, default .next) and the cloud up with its fixtures. Writes
 * bench/results/openstack.json.
 *   node bench/openstack.mjs [--requests 50] [--servers 12] [--estate 1000 (0: skip)]
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { chromiumLaunch } from '../e2e/chromium.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '50' },
    servers: { type: 'string', default: '12' },
    estate: { type: 'string', default: '1000' },
  },
});
const n = Number(values.requests);
const many = Number(values.servers);
const authUrl = (process.env.OPENSTACK_AUTH_URL ?? 'http://127.0.0.1:5000/v3').replace(/\/+$/, '');
const admin = {
  username: process.env.YUNTU_TEST_ADMIN_USER ?? 'admin',
  password: process.env.YUNTU_TEST_ADMIN_PASSWORD ?? 'secret',
};
const suffix = `${process.pid}-${Date.now().toString(36)}`;
/** A project of the benchmark's own (room for its servers), with a member who does the measured calls. */
const user = { username: `bench-os-${suffix}`, password: 'bench-password-1' };
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yuntu-bench-os-'));
const callsFile = path.join(dataDir, 'calls.log');
fs.writeFileSync(callsFile, '');
const port = 3950 + Math.floor(Math.random() * 40);
const url = `http://127.0.0.1:${port}/api/v1`;
const env = {
  ...process.env,
  YUNTU_BACKEND: 'openstack',
  OPENSTACK_AUTH_URL: authUrl,
  YUNTU_DATA_DIR: dataDir,
  YUNTU_SEED_DEMO: '0',
  LOG_LEVEL: 'warn',
  RATE_LIMIT_MAX: '10000000',
  NODE_ENV: 'production',
  YUNTU_BENCH_CALLS: callsFile,
  NODE_OPTIONS:
    `${process.env.NODE_OPTIONS ?? ''} --import ${path.join(root, 'bench/openstack-count-calls.mjs')}`.trim(),
};
const server = spawn(
  process.execPath,
  [path.join(root, 'node_modules/next/dist/bin/next'), 'start', '-H', '127.0.0.1', '-p', String(port)],
  { cwd: root, env, stdio: 'ignore' },
);

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const quantiles = (times) => {
  const t = [...times].sort((a, b) => a - b);
  const q = (p) => Math.round(t[Math.min(t.length - 1, Math.floor(p * t.length))] * 10) / 10;
  return { p50_ms: q(0.5), p95_ms: q(0.95) };
};
/** With `--estate 0` the estate's numbers of the last run that measured them are kept, with that run's date. */
function previousEstate() {
  try {
    const last = JSON.parse(fs.readFileSync(path.join(root, 'bench/results/openstack.json'), 'utf8'));
    const kept = last.servers_page_with_estate;
    return kept ? { servers_page_with_estate: { measured: kept.measured ?? last.date, ...kept } } : {};
  } catch {
    return {};
  }
}

/**
 * The console and the direct calls measured in turn, one request of each at a time, so that whatever else the
 * machine does weighs on both alike; the ratio is what to read.
 */
async function measurePair(viaConsole, viaDirect) {
  await viaConsole();
  await viaDirect();
  const a = [];
  const b = [];
  for (let i = 0; i < n; i++) {
    let t0 = performance.now();
    await viaConsole();
    a.push(performance.now() - t0);
    t0 = performance.now();
    await viaDirect();
    b.push(performance.now() - t0);
  }
  return { console: quantiles(a), direct: quantiles(b) };
}
async function ok(r, what) {
  if (!r.ok) throw new Error(`${what}: ${r.status} ${await r.text()}`);
  return r;
}

const created = [];
let bff;
try {
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${url}/health`)).ok) break;
    } catch {
      // starting
    }
    if (i > 300) throw new Error('the console did not start');
    await sleep(200);
  }
  const asAdmin = await ok(
    await fetch(`${url}/auth/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(admin),
    }),
    'admin sign-in',
  );
  const adminToken = asAdmin.headers.get('x-subject-token');
  const adminCall = async (p, body) =>
    (
      await ok(
        await fetch(url + p, {
          method: 'POST',
          headers: { 'X-Auth-Token': adminToken, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        }),
        `POST ${p}`,
      )
    ).json();
  const project = (
    await adminCall('/projects', {
      name: `bench-os-${suffix}`,
      description: 'bench/openstack.mjs',
      quotas: { instances: 50, vcpus: 100, ram_mb: 200000 },
    })
  ).project;
  await adminCall('/users', { name: user.username, password: user.password, project_id: project.id, role: 'member' });
  // The console, signed in as the member.
  const signIn = await ok(
    await fetch(`${url}/auth/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(user),
    }),
    'console sign-in',
  );
  const token = signIn.headers.get('x-subject-token');
  bff = (p, init = {}) =>
    fetch(url + p, {
      ...init,
      headers: { 'X-Auth-Token': token, 'content-type': 'application/json', ...(init.headers ?? {}) },
    });

  // The same user straight to Keystone, Nova and Glance.
  const ks = await ok(
    await fetch(`${authUrl}/auth/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        auth: {
          identity: {
            methods: ['password'],
            password: { user: { name: user.username, domain: { name: 'Default' }, password: user.password } },
          },
          scope: { project: { id: project.id } },
        },
      }),
    }),
    'keystone',
  );
  const osToken = ks.headers.get('x-subject-token');
  const catalog = (await ks.json()).token.catalog;
  const endpoint = (type) =>
    catalog
      .find((s) => s.type === type)
      .endpoints.find((e) => e.interface === 'public')
      .url.replace(/\/+$/, '');
  const nova = endpoint('compute');
  const glance = endpoint('image').replace(/\/v2(\.\d+)?$/, '') + '/v2';
  const direct = (u) => fetch(u, { headers: { 'X-Auth-Token': osToken, 'X-OpenStack-Nova-API-Version': '2.46' } });
  const neutron = endpoint('network').replace(/\/v2\.0$/, '') + '/v2.0';
  const qs = (key, values) => values.map((v) => `${key}=${encodeURIComponent(v)}`).join('&');
  /**
   * The fewest direct calls that give a servers page's rows as the console answers them: Nova's page, then the
   * page's ports (only the fields a row needs), then its floating IPs and its groups' names side by side. Nova cannot
   * count, so a total is not part of it: what the console spends on its total counts as added.
   */
  async function directServersPage(query) {
    const page = await (await ok(await direct(`${nova}/servers/detail?${query}`), 'nova list')).json();
    const ids = page.servers.map((s) => s.id);
    if (!ids.length) return;
    const fields = qs('fields', ['id', 'device_id', 'network_id', 'fixed_ips', 'security_groups', 'created_at']);
    const ports = (await (await ok(await direct(`${neutron}/ports?${qs('device_id', ids)}&${fields}`), 'ports')).json())
      .ports;
    const groups = [...new Set(ports.flatMap((p) => p.security_groups))];
    await Promise.all([
      direct(
        `${neutron}/floatingips?${qs(
          'port_id',
          ports.map((p) => p.id),
        )}`,
      ).then((r) => ok(r, 'fips')),
      direct(`${neutron}/security-groups?${qs('id', groups)}&fields=id&fields=name`).then((r) => ok(r, 'groups')),
    ]);
  }
  async function directServer(id) {
    await (await ok(await direct(`${nova}/servers/${id}`), 'nova get')).arrayBuffer();
    const fields = qs('fields', ['id', 'device_id', 'network_id', 'fixed_ips', 'security_groups', 'created_at']);
    const ports = (await (await ok(await direct(`${neutron}/ports?device_id=${id}&${fields}`), 'ports')).json()).ports;
    const groups = [...new Set(ports.flatMap((p) => p.security_groups))];
    await Promise.all([
      direct(
        `${neutron}/floatingips?${qs(
          'port_id',
          ports.map((p) => p.id),
        )}`,
      ).then((r) => ok(r, 'fips')),
      direct(`${neutron}/security-groups?${qs('id', groups)}&fields=id&fields=name`).then((r) => ok(r, 'groups')),
    ]);
  }

  const images = await (await bff('/images?name=cirros')).json();
  const imageId = images.images[0].id;
  async function grow(to) {
    while (created.length < to) {
      const r = await ok(
        await bff('/servers', {
          method: 'POST',
          body: JSON.stringify({ name: `bench-os-${created.length}`, flavor_id: 's1.small', image_id: imageId }),
        }),
        'create server',
      );
      created.push((await r.json()).id);
    }
    for (;;) {
      const list = await (await bff(`/servers?name=bench-os-&limit=100`)).json();
      if (list.servers.filter((s) => s.status === 'active' && s.addresses.length).length >= to) return;
      await sleep(1000);
    }
  }
  const callsOf = async (p) => {
    const before = fs.readFileSync(callsFile, 'utf8').split('\n').length;
    await (await bff(p)).arrayBuffer();
    const lines = fs.readFileSync(callsFile, 'utf8').split('\n');
    return lines
      .slice(before - 1, -1)
      .map((l) => l.replace(/[0-9a-f]{8}-[0-9a-f-]{27}|[0-9a-f]{32}/g, '{id}').replace(/\?.*/, ''));
  };

  await grow(2);
  await callsOf('/servers?name=bench-os-&limit=20'); // warm: token and versions cached
  const fewCalls = await callsOf('/servers?name=bench-os-&limit=20');
  await grow(many);
  const manyCalls = await callsOf('/servers?name=bench-os-&limit=20');
  const id = created[0];

  const results = {
    'list servers (20 per page)': await measurePair(
      async () => (await ok(await bff('/servers?limit=20'), 'bff list')).arrayBuffer(),
      () => directServersPage('limit=20'),
    ),
    'list servers (100 per page)': await measurePair(
      async () => (await ok(await bff('/servers?limit=100'), 'bff list')).arrayBuffer(),
      () => directServersPage('limit=100'),
    ),
    'list servers by name (20 per page)': await measurePair(
      async () => (await ok(await bff('/servers?name=bench-os-1&limit=20'), 'bff list')).arrayBuffer(),
      () => directServersPage('name=bench-os-1&limit=20'),
    ),
    'get server': await measurePair(
      async () => (await ok(await bff(`/servers/${id}`), 'bff get')).arrayBuffer(),
      () => directServer(id),
    ),
    'list images': await measurePair(
      async () => (await ok(await bff('/images?limit=20'), 'bff images')).arrayBuffer(),
      async () => (await ok(await direct(`${glance}/images?limit=20`), 'glance images')).arrayBuffer(),
    ),
  };
  for (const r of Object.values(results)) {
    const [c, d] = Object.values(r);
    r.added_p50_ms = Math.round((c.p50_ms - d.p50_ms) * 10) / 10;
    r.added_p95_ms = Math.round((c.p95_ms - d.p95_ms) * 10) / 10;
  }
  const estate = Number(values.estate) > 0 ? await estatePage(Number(values.estate)) : undefined;
  const out = {
    date: new Date().toISOString(),
    machine: `${os.cpus().length} cores, loopback OpenStack Zed (fake hypervisor)`,
    requests_per_measure: n,
    results,
    openstack_calls_per_servers_page: {
      [`${2} servers`]: fewCalls.length,
      [`${many} servers`]: manyCalls.length,
      calls: manyCalls,
    },
    ...(estate ? { servers_page_with_estate: estate } : previousEstate()),
  };
  fs.mkdirSync(path.join(root, 'bench/results'), { recursive: true });
  fs.writeFileSync(path.join(root, 'bench/results/openstack.json'), JSON.stringify(out, null, 2) + '\n');
  console.log(JSON.stringify(out, null, 2));
  // Per row nothing: a page of 2, 12 or 100 servers costs the same calls. Counting the project's set is the one thing
  // that grows, with the set and not the page: one id-only listing per 1,000 servers (Nova's page limit).
  const perPage = (calls) => calls.filter((c) => !/\/servers$/.test(c)).length;
  const grew = [
    fewCalls.length !== manyCalls.length && `${fewCalls.length} -> ${manyCalls.length} calls with 2 -> ${many} servers`,
  ];
  if (estate && perPage(estate.openstack_calls_first_page) !== perPage(fewCalls))
    grew.push(
      `${perPage(fewCalls)} -> ${perPage(estate.openstack_calls_first_page)} calls besides counting with ${estate.servers} servers`,
    );
  if (grew.some(Boolean)) {
    console.error(`calls per servers page grew with the page: ${grew.filter(Boolean).join('; ')}`);
    process.exitCode = 1;
  }

  /** The servers page of a project holding `count` servers: API pages of 100 and the page in a browser. */
  async function estatePage(count) {
    // Asynchronously: blocked for the seconds (or, the first time, the half hour) this takes, this process would miss
    // the console closing its idle keep-alive sockets, and the next call would go out on a dead one.
    const stdout = await new Promise((resolve, reject) => {
      const child = spawn(
        process.execPath,
        [path.join(root, 'bench/openstack-estate.mjs'), '--servers', String(count)],
        { env, stdio: ['ignore', 'pipe', 'inherit'] },
      );
      let out = '';
      child.stdout.on('data', (d) => (out += d));
      child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error('bench/openstack-estate.mjs failed'))));
    });
    const est = JSON.parse(stdout.trim().split('\n').pop());
    const auth = await ok(
      await fetch(`${url}/auth/tokens`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: est.username, password: est.password }),
      }),
      'estate sign-in',
    );
    const estToken = auth.headers.get('x-subject-token');
    const get = async (p) =>
      (await ok(await fetch(url + p, { headers: { 'X-Auth-Token': estToken } }), `GET ${p}`)).json();
    const total = (await get('/servers?limit=1')).total_count;
    const lastOffset = Math.floor((total - 1) / 100) * 100;
    const before = fs.readFileSync(callsFile, 'utf8').split('\n').length;
    await get('/servers?limit=100');
    const calls = fs
      .readFileSync(callsFile, 'utf8')
      .split('\n')
      .slice(before - 1, -1)
      .map((l) => l.replace(/\?.*/, ''));
    const times = Math.min(n, 15);
    const timed = async (fn) => {
      await fn();
      const t = [];
      for (let i = 0; i < times; i++) {
        const t0 = performance.now();
        await fn();
        t.push(performance.now() - t0);
      }
      return quantiles(t);
    };
    const apiFirst = await timed(() => get('/servers?limit=100'));
    const apiLast = await timed(() => get(`/servers?limit=100&offset=${lastOffset}`));
    const ks = await ok(
      await fetch(`${authUrl}/auth/tokens`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          auth: {
            identity: {
              methods: ['password'],
              password: { user: { name: est.username, domain: { name: 'Default' }, password: est.password } },
            },
            scope: { project: { id: est.project_id } },
          },
        }),
      }),
      'keystone',
    );
    const estOsToken = ks.headers.get('x-subject-token');
    const estNova = (await ks.json()).token.catalog
      .find((c) => c.type === 'compute')
      .endpoints.find((e) => e.interface === 'public')
      .url.replace(/\/+$/, '');
    const directFirst = await timed(async () =>
      (
        await ok(
          await fetch(`${estNova}/servers/detail?limit=100`, {
            headers: { 'X-Auth-Token': estOsToken, 'X-OpenStack-Nova-API-Version': '2.46' },
          }),
          'nova',
        )
      ).arrayBuffer(),
    );
    // The page itself, in Debian's chromium: from navigation to the first row, and to the last page's rows.
    const browser = await chromium.launch(chromiumLaunch);
    try {
      const context = await browser.newContext({ viewport: { width: 1360, height: 860 } });
      const base = url.replace(/\/api\/v1$/, '');
      const signed = await context.request.post(`${url}/auth/tokens?session=cookie`, {
        data: { username: est.username, password: est.password },
      });
      if (signed.status() !== 201) throw new Error(`browser sign-in failed: ${signed.status()}`);
      const page = await context.newPage();
      await page.goto(`${base}/`);
      const pageTimes = [];
      const lastTimes = [];
      for (let i = 0; i < 5; i++) {
        const t0 = Date.now();
        await page.goto(`${base}/servers?limit=100`);
        await page.locator('tr[data-row-id]').first().waitFor({ timeout: 120_000 });
        pageTimes.push(Date.now() - t0);
        const t1 = Date.now();
        await page.goto(`${base}/servers?limit=100&page=${lastOffset / 100 + 1}`);
        await page.locator('tr[data-row-id]').first().waitFor({ timeout: 120_000 });
        lastTimes.push(Date.now() - t1);
      }
      const rows = await page.locator('tbody tr[data-row-id]').count();
      // The page's own /api/v1/servers requests: the overview counts statuses in one request (not one per status),
      // the volumes page asks for no server at all when no volume of the page is attached (the estate has none).
      const serverRequests = async (to, answered) => {
        const seen = [];
        const onRequest = (r) => {
          const u = new URL(r.url());
          if (u.pathname === '/api/v1/servers' || u.pathname.startsWith('/api/v1/servers/'))
            seen.push(u.pathname + u.search);
        };
        page.on('request', onRequest);
        const t0 = Date.now();
        const done = page.waitForResponse((r) => new URL(r.url()).pathname === answered, { timeout: 120_000 });
        await page.goto(`${base}${to}`);
        await done;
        const ms = Date.now() - t0;
        // The events stream stays open (no "network idle"): whatever else the page asks for, it asks within this.
        await sleep(2000);
        page.off('request', onRequest);
        return { requests: seen, ms };
      };
      const overview = await serverRequests('/', '/api/v1/servers/status-counts');
      const volumes = await serverRequests('/volumes', '/api/v1/volumes');
      if (overview.requests.length !== 1 || !overview.requests[0].startsWith('/api/v1/servers/status-counts')) {
        console.error(
          `the overview made ${overview.requests.length} servers requests, not one status count: ${overview.requests.join(', ')}`,
        );
        process.exitCode = 1;
      }
      if (volumes.requests.length) {
        console.error(`the volumes page made servers requests with nothing attached: ${volumes.requests.join(', ')}`);
        process.exitCode = 1;
      }
      const countsBefore = fs.readFileSync(callsFile, 'utf8').split('\n').length;
      await get('/servers/status-counts');
      const countCalls = fs
        .readFileSync(callsFile, 'utf8')
        .split('\n')
        .slice(countsBefore - 1, -1)
        .map((l) => l.replace(/\?.*/, ''));
      const apiStatusCounts = await timed(() => get('/servers/status-counts'));
      return {
        overview_servers_requests: overview.requests,
        overview_ms: overview.ms,
        volumes_page_servers_requests: volumes.requests,
        api_status_counts: apiStatusCounts,
        openstack_calls_status_counts: countCalls,
        servers: total,
        api_first_page_of_100: apiFirst,
        api_last_page_of_100: apiLast,
        direct_nova_first_page_of_100: directFirst,
        browser_first_page_ms: quantiles(pageTimes),
        browser_last_page_ms: quantiles(lastTimes),
        // The list is virtualised: the rows in the DOM, not the 100 of the page.
        rows_in_dom_on_last_page: rows,
        openstack_calls_first_page: calls,
        id_listings_to_count: calls.filter((c) => /\/servers$/.test(c)).length,
        note: `${total} ACTIVE servers with ports in project bench-estate; browser times from navigation to the first row (5 loads); direct Nova: one detailed page of 100, which alone cannot count the set`,
      };
    } finally {
      await browser.close();
    }
  }
} finally {
  if (bff) for (const id of created) await bff(`/servers/${id}`, { method: 'DELETE' }).catch(() => undefined);
  server.kill('SIGTERM');
  fs.rmSync(dataDir, { recursive: true, force: true });
}
