#!/usr/bin/env node
/**
 * This console against Debian's Horizon (openstack-dashboard, Zed) on the same loopback OpenStack, the same user and
 * project, interleaved in one run, in Debian's chromium: the time from navigation until the page's data is visible,
 * cold (a fresh browser profile: nothing cached, only the session cookie) and warm (the same page again in that
 * profile), medians over the rounds, and the requests a cold load makes. Then the ratio Horizon / Yuntu.
 *
 * Horizon is installed and started by scripts/openstack/horizon.sh (apache2 + mod_wsgi on 127.0.0.1:8088); the estate
 * is bench/openstack-estate.mjs's project (N ACTIVE servers, topped up, kept between runs).
 * Needs a production build (NEXT_DIST_DIR, default .next) and the cloud up with its fixtures.
 * Writes bench/results/horizon.json.
 *   node bench/horizon.mjs [--servers 200[,1000]] [--rounds 5]
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { chromiumLaunch } from '../e2e/chromium.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const { values } = parseArgs({
  options: { servers: { type: 'string', default: '200' }, rounds: { type: 'string', default: '5' } },
});
const sizes = values.servers.split(',').map(Number);
const rounds = Number(values.rounds);
const authUrl = (process.env.OPENSTACK_AUTH_URL ?? 'http://127.0.0.1:5000/v3').replace(/\/+$/, '');
const horizon = `http://127.0.0.1:${process.env.HORIZON_PORT ?? 8088}`;
const port = 3990 + Math.floor(Math.random() * 9);
const yuntu = `http://127.0.0.1:${port}`;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const median = (a) => {
  const s = [...a].sort((x, y) => x - y);
  return s.length ? Math.round(s[Math.floor((s.length - 1) / 2)]) : null;
};

const up = spawnSync('bash', [path.join(root, 'scripts/openstack/horizon.sh')], {
  stdio: 'inherit',
  env: { ...process.env, OS_AUTH_URL: authUrl },
});
if (up.status !== 0) throw new Error('scripts/openstack/horizon.sh failed');

function estate(count) {
  const r = spawnSync(process.execPath, [path.join(root, 'bench/openstack-estate.mjs'), '--servers', String(count)], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    env: process.env,
    maxBuffer: 1 << 24,
  });
  if (r.status !== 0) throw new Error('bench/openstack-estate.mjs failed');
  return JSON.parse(r.stdout.trim().split('\n').at(-1));
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yuntu-bench-horizon-'));
const server = spawn(
  process.execPath,
  [path.join(root, 'node_modules/next/dist/bin/next'), 'start', '-H', '127.0.0.1', '-p', String(port)],
  {
    cwd: root,
    stdio: 'ignore',
    env: {
      ...process.env,
      YUNTU_BACKEND: 'openstack',
      OPENSTACK_AUTH_URL: authUrl,
      YUNTU_DATA_DIR: dataDir,
      YUNTU_SEED_DEMO: '0',
      LOG_LEVEL: 'warn',
      RATE_LIMIT_MAX: '10000000',
      NODE_ENV: 'production',
    },
  },
);

/**
 * The pages of the comparison, each console's URL and what "its data is visible" means there: the rows of the
 * table, the overview's charts and counts, the topology's server nodes. `rows` is how many rows the page must show.
 */
function pages(servers) {
  const rows = (sel, n) => async (page) => {
    await page
      .locator(sel)
      .nth(n - 1)
      .waitFor({ state: 'attached', timeout: 180_000 });
  };
  return [
    {
      name: 'overview',
      horizon: { path: '/project/', ready: rows('#project_usage, .quota-dynamic svg', 1) },
      yuntu: {
        path: '/',
        ready: async (page) => {
          await page.locator('[role="meter"]').first().waitFor({ timeout: 180_000 });
          await page.locator('a[href^="/servers?status="]').first().waitFor({ timeout: 180_000 });
        },
      },
    },
    {
      name: 'servers, 20 rows',
      horizon: {
        path: '/project/instances/',
        ready: rows('#instances tbody tr[data-object-id]', Math.min(20, servers)),
      },
      yuntu: { path: '/servers?limit=20', ready: rows('tbody tr[data-row-id]', Math.min(20, servers)) },
    },
    {
      name: `servers, all rows (Horizon ${servers}, Yuntu 100)`,
      horizon: {
        path: '/project/instances/',
        pageSize: 1000,
        ready: rows('#instances tbody tr[data-object-id]', servers),
      },
      // The list is virtualised: the first row drawn means the page's 100 rows are there.
      yuntu: { path: '/servers?limit=100', ready: rows('tbody tr[data-row-id]', 1) },
    },
    {
      name: 'volumes',
      horizon: { path: '/project/volumes/', ready: rows('#volumes tbody tr', 1) },
      // The estate has servers only: both consoles show their empty list (Horizon a "No items" row).
      yuntu: { path: '/volumes', ready: rows('main table tbody tr, main [data-empty-state]', 1) },
    },
    {
      name: 'images',
      horizon: { path: '/project/images', ready: rows('table.table-detail tbody tr td a', 1) },
      yuntu: { path: '/images', ready: rows('tbody tr[data-row-id]', 1) },
    },
    {
      name: 'topology',
      horizon: {
        path: '/project/network_topology/',
        ready: async (page) => {
          await page.waitForResponse((r) => r.url().includes('/network_topology/json/'), { timeout: 180_000 });
          await page.locator('svg g').first().waitFor({ state: 'attached', timeout: 180_000 });
        },
      },
      yuntu: { path: '/topology', ready: rows('.react-flow__node', 1) },
    },
  ];
}

async function signedInState(browser, which, user) {
  const context = await browser.newContext();
  context.setDefaultTimeout(180_000);
  if (which === 'horizon') {
    const page = await context.newPage();
    await page.goto(`${horizon}/auth/login/`);
    await page.fill('#id_username', user.username);
    await page.fill('#id_password', user.password);
    await Promise.all([page.waitForURL(/\/project\//, { timeout: 180_000 }), page.click('#loginBtn')]);
  } else {
    const r = await context.request.post(`${yuntu}/api/v1/auth/tokens?session=cookie`, {
      data: { username: user.username, password: user.password },
    });
    if (r.status() !== 201) throw new Error(`Yuntu sign-in failed: ${r.status()}`);
  }
  const state = await context.storageState();
  await context.close();
  return state;
}

/** One cold load and one warm load of a page in a fresh profile that has only the session's cookies. */
async function measure(browser, state, base, spec) {
  const context = await browser.newContext({ storageState: state, viewport: { width: 1360, height: 860 } });
  context.setDefaultTimeout(180_000);
  if (spec.pageSize)
    await context.addCookies([{ name: 'API_RESULT_PAGE_SIZE', value: String(spec.pageSize), url: base }]);
  const page = await context.newPage();
  let requests = 0;
  let lastDone = 0;
  page.on('request', () => requests++);
  page.on('requestfinished', (r) => {
    if (!r.url().includes('/api/v1/events')) lastDone = Date.now();
  });
  try {
    const t0 = Date.now();
    await page.goto(base + spec.path, { waitUntil: 'commit' });
    await spec.ready(page);
    const readyAt = Date.now();
    const cold = readyAt - t0;
    const coldRequests = requests;
    // What the page still asks for after its data shows (the events stream stays open and is left out).
    await sleep(3000);
    const tail = Math.max(0, lastDone - readyAt);
    const t1 = Date.now();
    await page.goto(base + spec.path, { waitUntil: 'commit' });
    await spec.ready(page);
    return { cold, warm: Date.now() - t1, requests: coldRequests, tail };
  } finally {
    await context.close();
  }
}

const results = [];
/** After every page, so a run cut short keeps what it measured. */
function write() {
  fs.mkdirSync(path.join(root, 'bench/results'), { recursive: true });
  fs.writeFileSync(
    path.join(root, 'bench/results/horizon.json'),
    JSON.stringify({ date: new Date().toISOString(), partial: true, rounds, results }, null, 2) + '\n',
  );
}
const browser = await chromium.launch(chromiumLaunch);
try {
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(`${yuntu}/api/v1/health`)).ok) break;
    } catch {
      /* not up yet */
    }
    await sleep(500);
  }
  for (const servers of sizes) {
    const est = estate(servers);
    const user = { username: est.username, password: est.password };
    const states = {
      horizon: await signedInState(browser, 'horizon', user),
      yuntu: await signedInState(browser, 'yuntu', user),
    };
    for (const p of pages(servers)) {
      const samples = { horizon: [], yuntu: [] };
      try {
        for (let r = 0; r < rounds; r++) {
          // Interleaved, alternating who goes first, so a slow moment of the machine falls on both.
          const order = r % 2 ? ['yuntu', 'horizon'] : ['horizon', 'yuntu'];
          for (const who of order)
            samples[who].push(await measure(browser, states[who], who === 'horizon' ? horizon : yuntu, p[who]));
        }
      } catch (e) {
        // One page that never shows its data is a finding, not the end of the run: recorded, and on to the next.
        results.push({ servers, page: p.name, error: String(e?.message ?? e).split('\n')[0] });
        console.log(`${servers} servers · ${p.name}: failed: ${results.at(-1).error}`);
        write();
        continue;
      }
      const sum = (who) => ({
        cold_ms: median(samples[who].map((s) => s.cold)),
        warm_ms: median(samples[who].map((s) => s.warm)),
        cold_requests: median(samples[who].map((s) => s.requests)),
        after_data_ms: median(samples[who].map((s) => s.tail)),
      });
      const row = { servers, page: p.name, horizon: sum('horizon'), yuntu: sum('yuntu') };
      row.ratio_cold = +(row.horizon.cold_ms / row.yuntu.cold_ms).toFixed(1);
      row.ratio_warm = +(row.horizon.warm_ms / row.yuntu.warm_ms).toFixed(1);
      results.push(row);
      write();
      console.log(
        `${servers} servers · ${p.name}: Horizon ${row.horizon.cold_ms}/${row.horizon.warm_ms} ms, ` +
          `Yuntu ${row.yuntu.cold_ms}/${row.yuntu.warm_ms} ms, ratio ${row.ratio_cold}×/${row.ratio_warm}× ` +
          `(cold requests ${row.horizon.cold_requests} vs ${row.yuntu.cold_requests})`,
      );
    }
  }
} finally {
  await browser.close();
  server.kill('SIGTERM');
  fs.rmSync(dataDir, { recursive: true, force: true });
}

const out = {
  date: new Date().toISOString(),
  machine: `${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(1)} at the end`,
  note:
    'medians of interleaved rounds; cold = fresh browser profile with the session cookie only, warm = the same page ' +
    'again; time from navigation until the data is visible; after_data_ms = last request finished after that',
  rounds,
  results,
};
fs.mkdirSync(path.join(root, 'bench/results'), { recursive: true });
fs.writeFileSync(path.join(root, 'bench/results/horizon.json'), JSON.stringify(out, null, 2) + '\n');
console.log('\n| servers | page | Horizon cold / warm | Yuntu cold / warm | ratio cold / warm | cold requests H / Y |');
console.log('|---|---|---|---|---|---|');
for (const r of results.filter((x) => !x.error))
  console.log(
    `| ${r.servers} | ${r.page} | ${r.horizon.cold_ms} / ${r.horizon.warm_ms} ms | ${r.yuntu.cold_ms} / ${r.yuntu.warm_ms} ms | ` +
      `${r.ratio_cold}× / ${r.ratio_warm}× | ${r.horizon.cold_requests} / ${r.yuntu.cold_requests} |`,
  );
