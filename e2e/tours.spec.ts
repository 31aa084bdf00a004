import type { Page } from '@playwright/test';
import { apiAs, expect, signIn, test, type Api } from './helpers';

/** The tour overlay's own words, per language (the tests click only the tour's buttons and the top bar's Tours). */
const words = {
  en: { menu: 'Tours', start: 'Start', tour: 'Tour: ', doIt: 'Do it for me', next: 'Next', finish: 'Finish' },
  'zh-CN': { menu: '导览', start: '开始', tour: '导览：', doIt: '替我操作', next: '下一步', finish: '完成' },
} as const;
type Locale = keyof typeof words;

const cases = [
  { id: 'first-look', who: 'alice', title: { en: 'First look', 'zh-CN': '初识云图' } },
  { id: 'gis-service', who: 'alice', title: { en: 'Publish a GIS tile service', 'zh-CN': '发布 GIS 瓦片服务' } },
  { id: 'storage', who: 'alice', title: { en: 'Cloud disks', 'zh-CN': '云硬盘' } },
  { id: 'admin', who: 'admin', title: { en: 'An administrator’s round', 'zh-CN': '管理员的一天' } },
  { id: 'faults', who: 'admin', title: { en: 'When things go wrong', 'zh-CN': '出了故障怎么办' } },
] as const;

/** The presenter's switches all off (lib/contract/demo.ts noFaults). */
const noFaults = {
  latency_ms: 0,
  latency_operations: [],
  failure_rate: 0,
  failure_operations: [],
  host_down: null,
  datacenter_unavailable: null,
  quota_nearly_exhausted: null,
  slow_uploads: false,
};

const runSuffix = (page: Page) =>
  page.evaluate(() => (JSON.parse(localStorage.getItem('yuntu-tour') ?? '{}').state?.run?.suffix as string) ?? '');

/** What the tours made in the shared demo project goes again, so the next tests have its quota (best effort). */
async function cleanUp(api: Api, suffix: string) {
  const list = async (path: string, field: string) =>
    ((await api.call('GET', `${path}?limit=100&name=${suffix}`)).body?.[field] ?? []) as Array<{
      id: string;
      name: string;
      server_id?: string | null;
    }>;
  for (const p of await list('/public-ips', 'public_ips')) {
    if (p.server_id) await api.call('POST', `/public-ips/${p.id}/unbind`);
    await api.call('DELETE', `/public-ips/${p.id}`);
  }
  for (const lb of await list('/load-balancers', 'load_balancers'))
    await api.call('DELETE', `/load-balancers/${lb.id}`);
  for (const v of await list('/volumes', 'volumes')) await api.call('DELETE', `/volumes/${v.id}`);
  for (const s of await list('/servers', 'servers')) await api.call('DELETE', `/servers/${s.id}`);
  await expect
    .poll(
      async () => (await list('/servers', 'servers')).length + (await list('/load-balancers', 'load_balancers')).length,
      {
        timeout: 30_000,
      },
    )
    .toBe(0);
  for (const g of await list('/security-groups', 'security_groups'))
    await api.call('DELETE', `/security-groups/${g.id}`);
  for (const n of await list('/networks', 'networks')) await api.call('DELETE', `/networks/${n.id}`);
}

for (const locale of ['en', 'zh-CN'] as const satisfies readonly Locale[]) {
  for (const c of cases) {
    test(`tour ${c.id} runs end to end with its own buttons (${locale})`, async ({
      page,
      context,
      baseURL,
      request,
    }) => {
      // The GIS tour builds ten things, two of them servers: longer than the suite's 90 s per test.
      test.setTimeout(240_000);
      const w = words[locale];
      await context.addCookies([{ name: 'yuntu_locale', value: locale, url: baseURL! }]);
      await signIn(page, c.who);
      await page.getByRole('button', { name: w.menu, exact: true }).click();
      await page
        .getByRole('dialog')
        .getByRole('listitem', { name: c.title[locale] })
        .getByRole('button', { name: w.start })
        .click();
      const panel = page.getByRole('complementary', { name: `${w.tour}${c.title[locale]}` });
      await expect(panel, 'the tour overlay opens').toBeVisible();
      const suffix = await runSuffix(page);
      const progress = panel.locator('[data-tour-progress]');
      let hasReloaded = false;
      try {
        for (let guard = 0; guard < 20; guard++) {
          const at = (await progress.textContent()) ?? '';
          const [n, total] = at.split('/').map(Number);
          if (n === 2 && !hasReloaded) {
            hasReloaded = true;
            await page.reload();
            await expect(progress, 'a reload resumes the tour at the same step').toHaveText(at);
          }
          await expect(panel, `step ${at} has checked its state`).toHaveAttribute('data-tour-checked', 'true');
          const doIt = panel.getByRole('button', { name: w.doIt });
          if (await doIt.isVisible()) {
            await expect(doIt, `step ${at}: what it needs is there`)
              .toBeEnabled()
              .catch(async (e: Error) => {
                throw new Error(
                  `${e.message}\nThe overlay says: ${await panel.innerText()}\nThe page: ${await page.locator('main').innerText()}`,
                );
              });
            await doIt.click();
            await expect(progress, `step ${at} moves on once its outcome is there`)
              .not.toHaveText(at, { timeout: 60_000 })
              .catch(async (e: Error) => {
                throw new Error(
                  `${e.message}\nThe overlay says: ${await panel.innerText()}\nThe page: ${await page.locator('main').innerText()}`,
                );
              });
            continue;
          }
          // A reading step says nothing is missing (the faults tour's server in error, its host down…).
          await expect(panel.getByRole('alert'), `step ${at}: what it shows is there`).toHaveCount(0);
          if (n === total) {
            await panel.getByRole('button', { name: w.finish }).click();
            break;
          }
          await panel.getByRole('button', { name: w.next, exact: true }).click();
          await expect(progress).not.toHaveText(at);
        }
        await expect(panel, 'Finish closes the tour').toHaveCount(0);
        if (c.id === 'faults') {
          // The tour itself switched every fault off (its recovery step), and the banner went with them.
          const demo = await (await apiAs(request, 'admin')).call('GET', '/demo');
          expect(demo.body.faults, 'the tour leaves no fault on').toEqual(noFaults);
          await expect(page.getByTestId('demo-fault-banner')).toHaveCount(0);
        }
      } finally {
        if (c.id === 'faults') {
          // No fault stays on for the specs after this one, whatever step the tour stopped at.
          const admin = await apiAs(request, 'admin');
          expect((await admin.call('PUT', '/demo/faults', noFaults)).status, 'faults off').toBe(200);
          if (suffix) await cleanUp(admin, suffix);
        }
        if (c.who === 'alice' && suffix) await cleanUp(await apiAs(request, 'alice'), suffix);
      }
    });
  }
}
