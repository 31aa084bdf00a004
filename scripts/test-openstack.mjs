#!/usr/bin/env node
/**
 * `npm run test:openstack`: the OpenStack driver against a real (loopback) OpenStack.
 *  1. brings the cloud up idempotently: nothing to do when Keystone already answers at OPENSTACK_AUTH_URL,
 *     else scripts/openstack/up.sh (installs Debian's Zed packages on a fresh machine, ~3.5 min);
 *  2. scripts/openstack/fixtures.sh: flavors, the "cirros" image, the external network (idempotent);
 *  3. the driver contract suite on the openstack driver;
 *  4. the HTTP integration tests that hold on any backend, against `next start` with YUNTU_BACKEND=openstack
 *     (needs a production build in NEXT_DIST_DIR, default .next; built here when missing);
 *  5. e2e on OpenStack: the Playwright subset of playwright.openstack.config.ts (e2e/openstack/), whose steps are
 *     cross-checked with the `openstack` CLI (Debian's chromium, installed by scripts/ensure-chromium.sh if missing).
 * Ends with "N passed, N failed". Environment: OPENSTACK_AUTH_URL (default the loopback Keystone), OS_DIR and
 * OS_*_PORT for up.sh, YUNTU_TEST_* for the accounts, OPENSTACK_HTTP_TESTS to choose the HTTP test files.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const results = path.join(root, 'test-results');
fs.mkdirSync(results, { recursive: true });
const bin = (name) => path.join(root, 'node_modules/.bin', name);
const started = Date.now();

const authUrl = process.env.OPENSTACK_AUTH_URL ?? 'http://127.0.0.1:5000/v3';
/**
 * HTTP test files that hold on OpenStack. The others are simulator-only: kill -9 persistence and separate
 * consoles (separate-servers), fault injection and timing of simulated transitions, the simulator's demo users
 * and projects (auth), its seeded images (images), quota bursts on simulated quotas (quotas), a 1 GiB upload
 * (image-upload-large: works, but costs minutes and a GiB of disk for nothing the uploads tests do not show).
 * load-balancers.test.ts runs on Octavia's no-op drivers: it accepts their made-up VIPs (198.51.100.0/24) there only.
 */
const defaultHttpTests = [
  'tests/http/servers.test.ts',
  'tests/http/servers-status-counts.test.ts',
  'tests/http/networks.test.ts',
  'tests/http/security-groups.test.ts',
  'tests/http/key-pairs.test.ts',
  'tests/http/floating-ips.test.ts',
  'tests/http/public-ips.test.ts',
  'tests/http/volumes.test.ts',
  'tests/http/snapshots.test.ts',
  'tests/http/volume-types.test.ts',
  'tests/http/console-log.test.ts',
  'tests/http/usage.test.ts',
  'tests/http/project-quotas.test.ts',
  'tests/http/all-projects.test.ts',
  'tests/http/projects.test.ts',
  'tests/http/isolation.test.ts',
  'tests/http/load-balancers.test.ts',
  'tests/http/user-lifecycle.test.ts',
  'tests/http/user-setup-link.test.ts',
  'tests/http/capability-options.test.ts',
  'tests/http/self-test.test.ts',
  'tests/http/image-properties.test.ts',
  // Disables os-local and os-local-2 in turn (always enabled again) and live-migrates its own servers between them.
  'tests/http/hosts.test.ts',
  // Glance's web-download: the simulator-only cases (progress, the console's own cap and redirects) skip, saying why.
  'tests/http/image-import.test.ts',
];
const httpTests = process.env.OPENSTACK_HTTP_TESTS
  ? process.env.OPENSTACK_HTTP_TESTS.split(',').filter(Boolean)
  : defaultHttpTests;

const env = {
  ...process.env,
  OPENSTACK_AUTH_URL: authUrl,
  YUNTU_BACKEND: 'openstack',
  YUNTU_TEST_ADMIN_USER: process.env.YUNTU_TEST_ADMIN_USER ?? 'admin',
  YUNTU_TEST_ADMIN_PASSWORD: process.env.YUNTU_TEST_ADMIN_PASSWORD ?? process.env.OS_ADMIN_PASSWORD ?? 'secret',
  YUNTU_TEST_MEMBER_USER: process.env.YUNTU_TEST_MEMBER_USER ?? 'demo',
  YUNTU_TEST_MEMBER_PASSWORD: process.env.YUNTU_TEST_MEMBER_PASSWORD ?? process.env.OS_DEMO_PASSWORD ?? 'demo-secret',
  // The loopback cloud's Keystone token lives an hour: sessions renew from their application credential.
  YUNTU_SEED_DEMO: '0',
};

let passed = 0;
let failed = 0;
let skipped = 0;
const report = [];

function run(stage, cmd, args, extraEnv = {}) {
  const t = Date.now();
  console.log(`\n=== openstack: ${stage}: ${[cmd, ...args].join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...env, ...extraEnv } });
  const ok = r.status === 0;
  report.push(`${ok ? 'ok  ' : 'FAIL'} ${stage} (${((Date.now() - t) / 1000).toFixed(1)} s)`);
  return ok;
}

/** Adds the counts of a vitest or (with `stats`) a Playwright JSON report. */
function count(file) {
  if (!fs.existsSync(file)) return;
  const j = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (j.stats && typeof j.numPassedTests !== 'number') {
    passed += j.stats.expected ?? 0;
    failed += (j.stats.unexpected ?? 0) + (j.stats.flaky ?? 0);
    skipped += j.stats.skipped ?? 0;
    return;
  }
  passed += j.numPassedTests ?? 0;
  failed += j.numFailedTests ?? 0;
  skipped += (j.numPendingTests ?? 0) + (j.numTodoTests ?? 0);
}

function vitest(stage, project, files, out, extra = []) {
  const file = path.join(results, out);
  fs.rmSync(file, { force: true });
  const ok = run(stage, bin('vitest'), [
    'run',
    '--project',
    project,
    '--reporter=default',
    '--reporter=json',
    `--outputFile=${file}`,
    ...extra,
    ...files,
  ]);
  count(file);
  return ok;
}

async function keystoneAnswers() {
  try {
    const r = await fetch(authUrl, { signal: AbortSignal.timeout(5000) });
    return r.ok;
  } catch {
    return false;
  }
}

let ok = true;
if (await keystoneAnswers()) {
  console.log(`=== openstack: Keystone answers at ${authUrl}: the cloud is up`);
  report.push('ok   cloud already up');
} else {
  ok =
    run('up (scripts/openstack/up.sh)', 'bash', [path.join(root, 'scripts/openstack/up.sh')]) &&
    (await keystoneAnswers());
}
if (ok) ok = run('fixtures', 'bash', [path.join(root, 'scripts/openstack/fixtures.sh')], { OS_AUTH_URL: authUrl });
if (ok) {
  ok =
    vitest('driver contract', 'unit', ['server/providers/openstack/'], 'openstack-contract.json', [
      '--testTimeout=180000',
    ]) && ok;
  const dist = process.env.NEXT_DIST_DIR || '.next';
  const built = fs.existsSync(path.join(root, dist, 'BUILD_ID')) || run('build', bin('next'), ['build']);
  if (built) {
    // A failing HTTP test fails the stage: files that cannot pass yet stay out of defaultHttpTests (see above).
    // Real services take seconds where the simulator takes milliseconds (servers boot in parallel on two shared
    // cores): longer limits than the simulator's 60 s per test and 120 s per hook.
    ok =
      vitest('HTTP integration', 'integration', httpTests, 'openstack-integration.json', [
        '--testTimeout=240000',
        '--hookTimeout=300000',
      ]) && ok;
    // The browser on the same build: sign-in as a Keystone user, the server wizard, a volume, a load balancer
    // member, an image upload, each checked with the `openstack` CLI, and the CLI's resources in the console's lists.
    const e2eOut = path.join(results, 'openstack-e2e.json');
    fs.rmSync(e2eOut, { force: true });
    ok =
      run('e2e on OpenStack (Debian chromium)', 'bash', [path.join(root, 'scripts/ensure-chromium.sh')]) &&
      run('e2e on OpenStack', bin('playwright'), ['test', '-c', 'playwright.openstack.config.ts'], {
        PLAYWRIGHT_JSON_OUTPUT_NAME: e2eOut,
      }) &&
      ok;
    count(e2eOut);
    // What the cloud does behind the console's back: tokens revoked early, neutron-server stopped and restarted
    // (tests/openstack/, one file at a time, after the HTTP tests so that no other test sees Neutron gone).
    if (!process.env.OPENSTACK_HTTP_TESTS)
      ok = vitest('cloud faults and sessions', 'openstack', [], 'openstack-faults.json') && ok;
  } else ok = false;
}

console.log('\n=== openstack summary');
for (const line of report) console.log(line);
console.log(
  `${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''} (${((Date.now() - started) / 1000).toFixed(0)} s)`,
);
// For scripts/test-all.mjs: counts in the shape of a vitest JSON report.
if (process.env.OPENSTACK_SUMMARY_FILE)
  fs.writeFileSync(
    process.env.OPENSTACK_SUMMARY_FILE,
    JSON.stringify({ numPassedTests: passed, numFailedTests: failed, numPendingTests: skipped, numTodoTests: 0 }),
  );
process.exit(ok && failed === 0 ? 0 : 1);
