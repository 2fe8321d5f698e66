import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

/** The scripts the page has fetched so far, by file name, with their decoded sizes. */
function scriptsLoaded(page: Page): Promise<Array<{ name: string; bytes: number }>> {
  return page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((entry) => entry as PerformanceResourceTiming)
      .map((entry) => ({ name: new URL(entry.name).pathname.split('/').pop()!, bytes: entry.decodedBodySize }))
      .filter((entry) => entry.name.endsWith('.js')),
  );
}

const has = (scripts: Array<{ name: string }>, chunk: string) => scripts.some((s) => s.name.startsWith(`${chunk}-`));

test.describe('first paint', () => {
  test('the first screen loads only the shell; the editor and panels load when first opened', async ({
    appPage: page,
    local,
  }) => {
    await expect(page.getByRole('heading', { name: 'Collections' })).toBeVisible();
    await expect(page.getByLabel('Request URL')).toBeVisible();
    const atLaunch = await scriptsLoaded(page);
    expect(atLaunch.length).toBeGreaterThan(0);
    for (const chunk of ['CodeView', 'BodyTab', 'SigningInspector', 'AuthTab', 'SidebarDialogs']) {
      expect(has(atLaunch, chunk), `${chunk} is not loaded at launch`).toBe(false);
    }
    expect(atLaunch.reduce((sum, s) => sum + s.bytes, 0)).toBeLessThanOrEqual(500_000);

    // The Body tab's code and then CodeMirror load when the raw editor is first shown, and work.
    await page.getByLabel('HTTP method').selectOption('POST');
    await page.getByLabel('Request URL').fill(`${local.url}/echo`);
    await page.getByRole('tab', { name: 'Body' }).click();
    await page.getByRole('radio', { name: 'Raw' }).check();
    await page.getByLabel('Request body').fill('{"lazy":true}');
    const afterBody = await scriptsLoaded(page);
    expect(has(afterBody, 'BodyTab')).toBe(true);
    expect(has(afterBody, 'CodeView')).toBe(true);
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(page.getByTestId('response-status')).toHaveText('200 OK');
    await expect(page.getByLabel('Response body')).toContainText('lazy');

    // A dialog, too: its code arrives when it opens.
    await page.getByRole('button', { name: 'New collection' }).click();
    await expect(page.getByRole('dialog', { name: 'New collection' })).toBeVisible();
    expect(has(await scriptsLoaded(page), 'SidebarDialogs')).toBe(true);
  });
});
