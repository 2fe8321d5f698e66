import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { sandboxCollection, sandboxEnvironment } from '../src/main/runner/testdata/sandbox-collection';
import { expect, test } from './fixtures';

function writeTemp(name: string, content: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'signet-runner-')), name);
  writeFileSync(file, content);
  return file;
}

async function importFile(page: Page, name: string, content: string, expected: string): Promise<void> {
  await page.getByLabel('Import file').setInputFiles(writeTemp(name, content));
  await expect(page.getByRole('region', { name: 'Import report' })).toContainText(expected);
}

test.describe('Runner view', () => {
  test('runs a folder against the sandbox gateway: progress, table and summary match its answers', async ({
    appPage: page,
    sandbox,
  }) => {
    await importFile(page, 'sandbox.postman_collection.json', sandboxCollection(), 'Imported “Sandbox checks”');
    await importFile(
      page,
      'Sandbox.postman_environment.json',
      sandboxEnvironment(sandbox, { accessKeyId: sandbox.accessKeyId, secretAccessKey: sandbox.secretAccessKey }),
      'Sandbox',
    );

    await page.getByRole('button', { name: 'Runner' }).click();
    const view = page.getByRole('region', { name: 'Collection runner' });
    await view.getByLabel('Collection').selectOption({ label: 'Sandbox checks' });
    await view.getByLabel('Folder').selectOption({ label: 'Allowed' });
    await view.getByLabel('Environment').selectOption({ label: 'Sandbox' });
    await view.getByRole('spinbutton', { name: 'Iterations' }).fill('2');
    await view.getByRole('spinbutton', { name: 'Delay (ms)' }).fill('300');
    await view.getByRole('button', { name: 'Run', exact: true }).click();

    // The bar follows main's progress events: 3 requests × 2 iterations planned.
    const progress = view.getByRole('progressbar', { name: 'Run progress' });
    await expect(progress).toHaveAttribute('max', '6');
    await expect(view.getByText(/^[1-5] \/ 6$/)).toBeVisible();
    const summary = view.getByRole('region', { name: 'Run summary' });
    await expect(summary).toBeVisible({ timeout: 15_000 });
    const rows = view.getByRole('table', { name: 'Run results' }).locator('tbody tr');
    await expect(rows).toHaveCount(6);
    await expect(rows.nth(0)).toContainText('GET Allowed / list pets');
    await expect(rows.nth(0).locator('td').nth(2)).toHaveText('200');
    // The sandbox's invoker is an IAM user: the check that wants an assumed role fails and says what it got.
    await expect(rows.nth(0)).toContainText(':user/invoker');
    await expect(rows.nth(5)).toContainText('POST Allowed / add pet');
    await expect(rows.nth(5).locator('td').nth(4)).toHaveText('2/2');
    await expect(summary).toContainText('Requests6');
    await expect(summary).toContainText('Failed2');
    await expect(summary).toContainText('By status200: 6');
    await expect(summary).toContainText('Checks16 passed, 2 failed');

    // The denied route: the invoker may call it, so its `status is 403` check fails with expected/actual.
    await view.getByLabel('Folder').selectOption({ label: 'Denied' });
    await view.getByRole('spinbutton', { name: 'Iterations' }).fill('1');
    await view.getByRole('spinbutton', { name: 'Delay (ms)' }).fill('0');
    await view.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(rows).toHaveCount(1);
    await expect(rows.nth(0)).toContainText('status is 403: expected 403, got 200');
    await expect(summary).toContainText('Requests1');

    const download = page.waitForEvent('download');
    await summary.getByRole('button', { name: 'Save report' }).click();
    const saved = await download;
    expect(saved.suggestedFilename()).toBe('Sandbox checks.run-report.json');
  });
});
