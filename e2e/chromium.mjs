/**
 * Debian's chromium, the one browser of the tests and benchmarks (never a downloaded one: `npx playwright install`
 * fails on this network). scripts/ensure-chromium.sh installs it. One list of flags for the three Playwright configs
 * and bench/*.mjs: headless without a sandbox (CI runs as root), and none of the background traffic (updates, sync,
 * component downloads) that would leave loopback.
 */
export const chromiumLaunch = {
  executablePath: '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};
