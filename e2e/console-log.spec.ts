import { apiAs, expect, signIn, test, uniq } from './helpers';

test("console log: the server's boot log on its page, following new lines, pausable, of a chosen length", async ({
  page,
  request,
  createdServers,
}) => {
  const api = await apiAs(request, 'alice');
  const name = uniq('e2e-console');
  const server = await api.activeServer(name);
  createdServers.push(server.id);
  await signIn(page, 'alice');
  await page.goto(`/servers/${server.id}`);
  const log = page.getByLabel(/^(控制台日志|Console log)$/);
  await expect(log, 'the guest reaches its login prompt, shown without a reload').toContainText(`${name} login:`, {
    timeout: 60_000,
  });
  await expect(log).toContainText(server.ip);
  await page.getByRole('button', { name: /^(暂停刷新|Pause)$/ }).click();
  await expect(
    page.getByRole('button', { name: /^(自动刷新|Follow)$/ }),
    'paused, it offers to follow again',
  ).toBeVisible();
  await page.getByLabel(/^(行数|Lines)$/).selectOption('1000');
  await expect(page.getByText(/显示最后 \d+ 行|Last \d+ lines/)).toBeVisible();
  await expect(log, 'the longer log starts at the kernel').toContainText('Linux version');
});
