import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, test } from './fixtures';

const signetBin = resolve(__dirname, '..', 'bin', 'signet.cjs');

test.describe('history', () => {
  test('a signed send is listed under Today, reopens in a new tab and sends again; signet history lists it', async ({
    appPage: page,
    app,
    sandbox,
    local,
  }) => {
    const signedUrl = `${sandbox.apiUrl}${sandbox.allowed.path}`;
    await page.getByLabel('Request URL').fill(signedUrl);
    await page.getByRole('tab', { name: /^Auth/ }).click();
    await page.getByLabel('Auth type').selectOption('awsv4');
    await page.getByLabel('Access key ID').fill(sandbox.accessKeyId);
    await page.getByLabel('Secret access key', { exact: true }).fill(sandbox.secretAccessKey);
    await page.getByLabel('Secret access key', { exact: true }).press('Enter');
    await expect(page.getByTestId('Secret access key state')).toContainText('stored:');
    await page.getByLabel('AWS region').fill(sandbox.region);
    await page.getByLabel('AWS service').fill('execute-api');
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(page.getByTestId('response-status')).toHaveText('200 OK');

    // A second, unsigned send in another tab.
    await page.getByRole('button', { name: 'New request tab' }).click();
    await page.getByLabel('Request URL').fill(`${local.url}/status/404`);
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(page.getByTestId('response-status')).toHaveText('404 Not Found');

    await page.getByRole('tab', { name: 'History' }).click();
    const today = page.getByRole('list', { name: 'Today' });
    await expect(today.getByRole('listitem')).toHaveCount(2);
    const signedRow = today.getByRole('button', { name: new RegExp(`^${sandbox.allowed.method} ${signedUrl}, 200`) });
    await expect(signedRow).toBeVisible();
    await expect(today.getByRole('button', { name: new RegExp(`^GET ${local.url}/status/404, 404`) })).toBeVisible();
    await page.screenshot({ path: test.info().outputPath('history.png'), fullPage: true });
    await test.info().attach('history', { path: test.info().outputPath('history.png'), contentType: 'image/png' });

    // Search narrows the list.
    await page.getByLabel('Search history').fill('status/404');
    await expect(today.getByRole('listitem')).toHaveCount(1);
    await page.getByLabel('Search history').fill('');
    await expect(today.getByRole('listitem')).toHaveCount(2);

    // Reopen the signed one: a third tab, the same request, and it signs again with the stored key.
    const tabs = page.getByRole('tablist', { name: 'Open requests' }).getByRole('tab');
    const before = await tabs.count();
    await signedRow.click();
    await expect(tabs).toHaveCount(before + 1);
    await expect(page.getByLabel('Request URL')).toHaveValue(signedUrl);
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(page.getByTestId('response-status')).toHaveText('200 OK');
    await expect(today.getByRole('listitem')).toHaveCount(3);

    // The file holds no secret and no signature.
    const bytes = readFileSync(join(app.dataDir, 'history', 'history.jsonl'), 'utf8');
    expect(bytes).not.toContain(sandbox.secretAccessKey);
    expect(bytes).not.toMatch(/Signature=[0-9a-f]{64}/);

    // The command line reads the same history (the browser host and the CLI share SIGNET_DATA_DIR).
    const out = execFileSync(process.execPath, [signetBin, 'history', '--json'], {
      env: { ...process.env, SIGNET_DATA_DIR: app.dataDir },
    }).toString();
    const lines = out
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { method: string; url: string; status: number; ms: number; at: string });
    expect(lines.map((l) => [l.url, l.status])).toEqual([
      [signedUrl, 200],
      [`${local.url}/status/404`, 404],
      [signedUrl, 200],
    ]);
  });
});
