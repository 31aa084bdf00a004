import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { waitForAction } from './actions';
import { apiAs, expect, signIn, test, uniq } from './helpers';

test('key pair: generate, download the private key once, use it in the wizard, see it on the server, delete', async ({
  page,
  request,
  createdServers,
}) => {
  const api = await apiAs(request, 'alice');
  const name = uniq('e2e-key');
  try {
    await signIn(page, 'alice');
    await page.goto('/key-pairs');
    await expect(page.getByRole('heading', { name: /^(密钥对|Key pairs)$/ }), 'the page opens').toBeVisible();
    await expect(
      page.getByRole('link', { name: /^(密钥对|Key pairs)$/ }).first(),
      'the nav has the page',
    ).toBeVisible();

    await page.getByRole('button', { name: /^(创建密钥对|Create key pair)$/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(/^(名称|Name)$/).fill('bad/name');
    await dialog.getByRole('button', { name: /^(创建|Create)$/ }).click();
    await expect(
      dialog.getByText(/may hold only letters/),
      'a name outside Nova’s rule is refused as typed',
    ).toBeVisible();
    await dialog.getByLabel(/^(名称|Name)$/).fill(name);
    const created = waitForAction(page, 'createKeyPair');
    await dialog.getByRole('button', { name: /^(创建|Create)$/ }).click();
    const res = await created;
    expect(res.status, 'the API creates the pair').toBe(201);
    // The private key itself travels as a separate chunk of the action's answer: it is read from the dialog.
    const shown = dialog.getByLabel(/^(私钥|Private key)$/);
    await expect(shown, 'the dialog shows the private key').toHaveValue(/BEGIN RSA PRIVATE KEY/);
    await expect(dialog.getByRole('alert'), 'it warns the key is shown once').toContainText(
      /只显示这一次|shown this once/,
    );

    const download = page.waitForEvent('download');
    await dialog.getByRole('button', { name: new RegExp(`(下载|Download) ${name}\\.pem`) }).click();
    const file = await download;
    expect(file.suggestedFilename(), 'saved as <name>.pem').toBe(`${name}.pem`);
    const pem = fs.readFileSync((await file.path())!, 'utf8');
    expect(pem, 'the download holds the private key').toMatch(
      /^-----BEGIN RSA PRIVATE KEY-----\n[\s\S]+-----END RSA PRIVATE KEY-----\n?$/,
    );
    expect(pem.trim(), 'the same key the dialog shows').toBe((await shown.inputValue()).trim());
    await dialog.getByRole('button', { name: /^(关闭|Close)$/ }).click();

    const table = page.getByRole('table', { name: /^(密钥对|Key pairs)$/ });
    const row = table.getByRole('row').filter({ hasText: name });
    await expect(row, 'listed with its fingerprint').toContainText(res.body.key_pair.fingerprint);

    // The server wizard offers it; the server made with it shows it.
    await page.goto('/servers/new?step=basics');
    await page.getByRole('button', { name: /清空向导|Reset wizard/ }).click();
    const serverName = uniq('e2e-keysrv');
    await page.getByLabel(/^(名称|Name)$/).fill(serverName);
    await page.getByLabel(/^(数据中心|Datacenter)$/).selectOption('dc-bj1');
    await page.getByRole('button', { name: /^(下一步|Next)$/ }).click();
    await page.getByRole('radio', { name: /s1\.small/ }).check();
    await page.getByRole('button', { name: /^(下一步|Next)$/ }).click();
    await page.getByRole('radio', { name: /cirros/ }).check();
    for (const step of ['network', 'storage', 'security']) {
      await page.getByRole('button', { name: /^(下一步|Next)$/ }).click();
      await expect(page, `reaches ${step}`).toHaveURL(new RegExp(`step=${step}`));
    }
    const picker = page.getByLabel(/^(密钥对|Key pair)$/);
    await expect(picker.locator('option', { hasText: name }), 'the wizard offers the pair').toHaveCount(1);
    await picker.selectOption(name);
    for (const step of ['advanced', 'review']) {
      await page.getByRole('button', { name: /^(下一步|Next)$/ }).click();
      await expect(page, `reaches ${step}`).toHaveURL(new RegExp(`step=${step}`));
    }
    await expect(page.getByLabel(/API 请求|API request/), 'the request names the key pair').toContainText(
      `"key_name": "${name}"`,
    );
    const serverCreated = waitForAction(page, 'createServer');
    await page.getByRole('button', { name: /^(创建|Create)$/ }).click();
    const server = await serverCreated;
    expect(server.status, 'the API accepts the server').toBe(202);
    createdServers.push(server.body.id);
    await expect(page.getByRole('heading', { name: serverName }), 'lands on the detail page').toBeVisible();
    await expect(page.getByText(name, { exact: true }), 'the detail shows the key pair').toBeVisible();

    // Delete it from the list, with a confirmation.
    await page.goto('/key-pairs');
    await page.getByRole('button', { name: new RegExp(`(删除密钥对|Delete key pair) ${name}`) }).click();
    const deleted = waitForAction(page, 'deleteKeyPair');
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /^(删除|Delete)$/ })
      .click();
    expect((await deleted).ok, 'the API deletes it').toBe(true);
    await expect(table.getByRole('row').filter({ hasText: name }), 'gone from the list').toHaveCount(0);
    expect((await api.call('GET', `/key-pairs/${name}`)).status, 'the API no longer has it').toBe(404);
  } finally {
    await api.call('DELETE', `/key-pairs/${name}`);
  }
});

test('key pair: import a pasted public key (a bad one refused as typed), listed with the fingerprint OpenSSH gives', async ({
  page,
  request,
}) => {
  const api = await apiAs(request, 'alice');
  const name = uniq('e2e-import');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-keys-'));
  try {
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'e2e@import', '-f', path.join(dir, 'id')]);
    const publicKey = fs.readFileSync(path.join(dir, 'id.pub'), 'utf8').trim();
    const fingerprint = execFileSync('ssh-keygen', ['-l', '-E', 'md5', '-f', path.join(dir, 'id.pub')], {
      encoding: 'utf8',
    })
      .split(/\s+/)[1]!
      .replace(/^MD5:/, '');
    await signIn(page, 'alice');
    await page.goto('/key-pairs');
    await page.getByRole('button', { name: /^(创建密钥对|Create key pair)$/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('radio', { name: /^(导入公钥|Import a public key)$/ }).check();
    await dialog.getByLabel(/^(名称|Name)$/).fill(name);
    const field = dialog.getByLabel(/^(公钥|Public key)$/);
    await field.fill(`ssh-rsa ${publicKey.split(' ')[1]}`);
    await dialog.getByRole('button', { name: /^(创建|Create)$/ }).click();
    await expect(
      dialog.getByText(/blob is of type "ssh-ed25519"/),
      'a mismatched key is refused as typed',
    ).toBeVisible();
    await field.fill(publicKey);
    const created = waitForAction(page, 'createKeyPair');
    await dialog.getByRole('button', { name: /^(创建|Create)$/ }).click();
    expect((await created).status, 'the API imports the key').toBe(201);
    await expect(dialog, 'an import has no private key to show: the dialog closes').toBeHidden();
    const row = page
      .getByRole('table', { name: /^(密钥对|Key pairs)$/ })
      .getByRole('row')
      .filter({ hasText: name });
    await expect(row, 'listed with the fingerprint ssh-keygen computes').toContainText(fingerprint);
  } finally {
    await api.call('DELETE', `/key-pairs/${name}`);
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
