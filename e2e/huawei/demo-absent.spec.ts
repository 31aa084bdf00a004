import { expect, signInWith, test } from '../capabilities-fixtures';

/* The presenter's panel is the simulator's: on Huawei Cloud its nav entry is absent and its API answers 501. */
test("the presenter's panel is absent on Huawei Cloud and its API is refused 501", async ({
  page,
  backend,
  adminLogin,
  request,
}) => {
  expect(backend, 'this spec runs on the Huawei Cloud fake').toBe('huaweicloud');
  await signInWith(page, adminLogin);
  const nav = page.getByRole('navigation', { name: /主导航|Main navigation/ });
  await expect(nav.getByRole('link', { name: /用户|Users/ }).first()).toBeVisible();
  await expect(nav.getByRole('link', { name: /演示控制台|Presenter's panel/ })).toHaveCount(0);
  await expect(page.getByTestId('demo-marker')).toHaveCount(0);
  const token = (await request.post('/api/v1/auth/tokens', { data: adminLogin })).headers()['x-subject-token']!;
  const r = await request.put('/api/v1/demo/faults', {
    headers: { 'X-Auth-Token': token },
    data: { slow_uploads: true },
  });
  expect(r.status()).toBe(501);
  expect((await r.json()).error.message).toBe("the presenter's panel drives the simulated cloud only");
  expect((await request.get('/api/v1/demo', { headers: { 'X-Auth-Token': token } })).status()).toBe(501);
});
