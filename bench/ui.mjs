// UI benchmark: first-load JavaScript per console page (from the production build's manifests) and the time
// to render the server list with 10,000 servers (fed from a mocked /api/v1/servers, since the list is
// virtualised and the number of rows is what matters). Writes bench/results/ui.json.
// Usage: NEXT_DIST_DIR=.next-ui node bench/ui.mjs   (after `NEXT_DIST_DIR=.next-ui npx next build`)
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium } from 'playwright-core';
import { chromiumLaunch } from '../e2e/chromium.mjs';

const dist = process.env.NEXT_DIST_DIR ?? '.next';
const port = Number(process.env.BENCH_PORT ?? 3331);
const base = `http://127.0.0.1:${port}`;

function firstLoadJs() {
  const build = JSON.parse(fs.readFileSync(path.join(dist, 'build-manifest.json'), 'utf8'));
  // Not polyfillFiles: Next loads them with `nomodule`, so no browser the console supports downloads them.
  const root = [...(build.rootMainFiles ?? [])];
  const out = {};
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name === 'page_client-reference-manifest.js') {
        const text = fs.readFileSync(p, 'utf8');
        const m = text.match(/= (\{.*\});?\s*$/s);
        if (!m) continue;
        const manifest = JSON.parse(m[1]);
        const route = path.relative(path.join(dist, 'server/app'), path.dirname(p)).replace(/\\/g, '/');
        if (route.startsWith('api') || route.startsWith('_')) continue;
        const key = Object.keys(manifest.entryJSFiles ?? {}).find((k) => k.endsWith('/page'));
        const files = [...new Set([...root, ...(key ? manifest.entryJSFiles[key] : [])])];
        let raw = 0;
        let gzip = 0;
        for (const f of files) {
          const buf = fs.readFileSync(path.join(dist, f));
          raw += buf.length;
          gzip += zlib.gzipSync(buf).length;
        }
        const url = '/' + route.replace(/\([^)]+\)\/?/g, '').replace(/\/$/, '');
        out[url === '/' ? '/' : url.replace(/\/$/, '')] = {
          files: files.length,
          raw_kb: +(raw / 1024).toFixed(1),
          gzip_kb: +(gzip / 1024).toFixed(1),
        };
      }
    }
  };
  walk(path.join(dist, 'server/app'));
  return out;
}

function fakeServers(n) {
  const statuses = ['active', 'stopped', 'building', 'error'];
  return Array.from({ length: n }, (_, i) => ({
    id: `srv-${i}`,
    name: `gis-node-${String(i).padStart(5, '0')}`,
    description: '',
    project_id: 'p',
    flavor_id: 's1.small',
    image_id: 'img',
    volume_ids: [],
    addresses: [
      { network_id: 'net', private_ip: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`, floating_ip: null },
    ],
    status: statuses[i % 4] === 'building' ? 'active' : statuses[i % 4],
    security_groups: [],
    metadata: {},
    created_at: '2026-01-01T00:00:00.000000Z',
    updated_at: '2026-01-01T00:00:00.000000Z',
    datacenter_id: i % 2 ? 'dc-bj1' : 'dc-sh1',
  }));
}

/**
 * Each page loaded cold in Debian's chromium (a fresh profile with only the session cookie): the requests it makes
 * until 2 s after `load` and the JavaScript it downloads (transfer size, gzip as served), from Resource Timing.
 */
async function coldLoads(browser, storageState) {
  const paths = [
    '/',
    '/servers',
    '/servers/new',
    '/volumes',
    '/images',
    '/networks',
    '/topology',
    '/load-balancers',
    '/security-groups',
    '/floating-ips',
    '/public-ips',
    '/flavors',
    '/admin/hosts',
    '/admin/projects',
    '/admin/users',
    '/admin/usage',
    '/admin/audit',
    '/admin/capabilities',
  ];
  const out = {};
  for (const p of paths) {
    const context = await browser.newContext({ storageState, viewport: { width: 1360, height: 860 } });
    const page = await context.newPage();
    let requests = 0;
    page.on('request', () => requests++);
    await page.goto(base + p, { waitUntil: 'load' });
    await page.waitForTimeout(2000);
    const js = await page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .filter((e) => e.initiatorType === 'script' || /\.js(\?|$)/.test(e.name))
        .reduce((a, e) => ({ files: a.files + 1, bytes: a.bytes + (e.transferSize || e.encodedBodySize) }), {
          files: 0,
          bytes: 0,
        }),
    );
    out[p] = { requests, js_files: js.files, js_kb: +(js.bytes / 1024).toFixed(1) };
    await context.close();
  }
  return out;
}

async function renderTiming() {
  const dataDir = `data/bench-ui-${Date.now()}`;
  // A real estate too: 10,000 servers in the admin's project, listed through the real API page by page.
  const seeded = spawnSync(
    'node_modules/.bin/tsx',
    [
      '--conditions=react-server',
      '--tsconfig',
      'tsconfig.json',
      'scripts/seed.mts',
      '--servers',
      '10000',
      '--project',
      'admin',
    ],
    { env: { ...process.env, YUNTU_DATA_DIR: dataDir }, encoding: 'utf8' },
  );
  if (seeded.status !== 0) throw new Error(seeded.stderr);
  const server = spawn(process.execPath, ['scripts/serve.mjs', '-H', '127.0.0.1', '-p', String(port)], {
    env: {
      ...process.env,
      NEXT_DIST_DIR: dist,
      YUNTU_DATA_DIR: dataDir,
      RATE_LIMIT_MAX: '1000000',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
    },
    stdio: 'ignore',
  });
  try {
    for (let i = 0; i < 120; i++) {
      if (
        await fetch(`${base}/api/v1/health`).then(
          (r) => r.ok,
          () => false,
        )
      )
        break;
      await new Promise((r) => setTimeout(r, 500));
    }
    const browser = await chromium.launch(chromiumLaunch);
    const context = await browser.newContext({ viewport: { width: 1360, height: 860 } });
    const auth = await context.request.post(`${base}/api/v1/auth/tokens?session=cookie`, {
      data: { username: 'admin', password: 'admin-pass-2026' },
    });
    if (auth.status() !== 201) throw new Error('sign-in failed');
    // Real API: first page and last page of a 10,000-server project (server-side paging).
    const real = await context.newPage();
    await real.goto(`${base}/`);
    const r0 = Date.now();
    await real.goto(`${base}/servers?limit=100&sort=name`);
    await real.locator('tr[data-row-id]').first().waitFor();
    const realFirstPageMs = Date.now() - r0;
    const r1 = Date.now();
    await real.goto(`${base}/servers?limit=100&sort=name&page=100`);
    await real.getByText('bulk-009901').waitFor();
    const realLastPageMs = Date.now() - r1;
    await real.close();

    const cold = await coldLoads(browser, await context.storageState());

    const body = JSON.stringify({ servers: fakeServers(10_000), total_count: 10_000 });
    const page = await context.newPage();
    await page.route(/\/api\/v1\/servers\?/, (route) =>
      route.fulfill({ status: 200, contentType: 'application/json', body }),
    );
    await page.goto(`${base}/`); // warm the shell
    const t0 = Date.now();
    await page.goto(`${base}/servers?limit=100`);
    await page.locator('tr[data-row-id="srv-0"]').waitFor();
    const firstRowsMs = Date.now() - t0;
    const domRows = await page.locator('tbody tr[data-row-id]').count();
    const t1 = Date.now();
    await page.evaluate(() => {
      const el = document.querySelector('table')?.parentElement;
      if (el) el.scrollTop = el.scrollHeight;
    });
    await page.locator('tr[data-row-id="srv-9999"]').waitFor();
    const scrollToEndMs = Date.now() - t1;
    await browser.close();
    return {
      cold_loads: cold,
      real_estate_10000: {
        first_page_ms: realFirstPageMs,
        last_page_ms: realLastPageMs,
        note: '10,000 seeded servers, /servers pages of 100 through the real API',
      },
      virtualised_10000_rows: {
        servers: 10_000,
        first_rows_ms: firstRowsMs,
        dom_rows_rendered: domRows,
        scroll_to_last_row_ms: scrollToEndMs,
        note: 'one view fed 10,000 servers (mocked response) to measure virtualised rendering',
      },
    };
  } finally {
    server.kill('SIGTERM');
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const result = { at: new Date().toISOString(), dist, first_load_js: firstLoadJs(), server_list: await renderTiming() };
fs.mkdirSync('bench/results', { recursive: true });
fs.writeFileSync('bench/results/ui.json', JSON.stringify(result, null, 2) + '\n');
console.log(JSON.stringify(result, null, 2));
