import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { startSignetWeb } from './signet-web';

/** The open tabs main keeps, as on disk (empty until the first save). */
function tabsOnDisk(dataDir: string): string {
  try {
    return readFileSync(join(dataDir, 'tabs.json'), 'utf8');
  } catch {
    return '';
  }
}

const tabs = (page: Page) => page.getByRole('tablist', { name: 'Open requests' }).getByRole('tab');

/** Three tabs with unsaved edits: a URL, a POST with a raw body, a header. */
async function openThreeDrafts(page: Page, base: string): Promise<void> {
  await page.getByLabel('Request URL').fill(`${base}/one`);
  await page.getByRole('button', { name: 'New request tab' }).click();
  await page.getByLabel('HTTP method').selectOption('POST');
  await page.getByLabel('Request URL').fill(`${base}/two`);
  await page.getByRole('tab', { name: 'Body' }).click();
  await page.getByRole('radio', { name: 'Raw' }).check();
  await page.getByLabel('Request body').fill('{"draft":2}');
  await page.getByRole('button', { name: 'New request tab' }).click();
  await page.getByLabel('Request URL').fill(`${base}/three`);
  await page
    .getByRole('tab', { name: /^Headers/ })
    .first()
    .click();
  await page.getByLabel('Header name 1').fill('X-Draft');
  await page.getByLabel('Header value 1').fill('three');
}

/** Checks that the three drafts of openThreeDrafts are all there, each with its unsaved mark. */
async function expectThreeDrafts(page: Page, base: string): Promise<void> {
  await expect(tabs(page)).toHaveCount(3);
  await expect(page.getByLabel('unsaved changes')).toHaveCount(3);
  // The tab that was active is active again.
  await expect(page.getByLabel('Request URL')).toHaveValue(`${base}/three`);
  await page
    .getByRole('tab', { name: /^Headers/ })
    .first()
    .click();
  await expect(page.getByLabel('Header name 1')).toHaveValue('X-Draft');
  await expect(page.getByLabel('Header value 1')).toHaveValue('three');
  await tabs(page).nth(0).click();
  await expect(page.getByLabel('Request URL')).toHaveValue(`${base}/one`);
  await tabs(page).nth(1).click();
  await expect(page.getByLabel('Request URL')).toHaveValue(`${base}/two`);
  await expect(page.getByLabel('HTTP method')).toHaveValue('POST');
  await page.getByRole('tab', { name: 'Body' }).click();
  await expect(page.getByLabel('Request body')).toHaveText('{"draft":2}');
}

test.describe('never lose work', () => {
  test('a reload brings back every tab and its unsaved draft; leaving asks first', async ({
    appPage: page,
    app,
    local,
  }) => {
    test.skip(app.kind !== 'browser', 'reload and beforeunload are the browser host’s');
    await openThreeDrafts(page, local.url);
    await expect.poll(() => tabsOnDisk(app.dataDir)).toContain('X-Draft');
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.type());
      void dialog.accept();
    });
    await page.reload();
    expect(dialogs).toEqual(['beforeunload']);
    await expectThreeDrafts(page, local.url);
  });

  test('a crash and a restart of signet web bring the tabs and drafts back', async ({ app, page, local }) => {
    test.skip(app.kind !== 'browser', 'restarts signet web');
    const env = { SIGNET_DATA_DIR: app.dataDir, AWS_CONFIG_FILE: join(app.dataDir, 'none') };
    const first = await startSignetWeb(env);
    try {
      await page.goto(first.url);
      await openThreeDrafts(page, local.url);
      await expect.poll(() => tabsOnDisk(app.dataDir)).toContain('X-Draft');
    } finally {
      first.child.kill('SIGKILL');
    }
    const second = await startSignetWeb(env);
    try {
      // A new browser tab, as after a restart: no window id, no token kept from before.
      const fresh = await page.context().newPage();
      await fresh.goto(second.url);
      await expectThreeDrafts(fresh, local.url);
    } finally {
      second.child.kill('SIGTERM');
    }
  });

  test('two windows on one signet web keep their own tabs; after a restart each set comes back once', async ({
    app,
    page,
    local,
  }) => {
    test.skip(app.kind !== 'browser', 'opens several pages of signet web');
    const env = { SIGNET_DATA_DIR: app.dataDir, AWS_CONFIG_FILE: join(app.dataDir, 'none') };
    const accept = (p: Page) => p.on('dialog', (dialog) => void dialog.accept());
    const first = await startSignetWeb(env);
    try {
      accept(page);
      await page.goto(first.url);
      await page.getByLabel('Request URL').fill(`${local.url}/window-a`);
      const other = await page.context().newPage();
      accept(other);
      await other.goto(first.url);
      // The second window does not show the first one's tabs.
      await expect(other.getByLabel('Request URL')).toHaveValue('');
      await other.getByLabel('Request URL').fill(`${local.url}/window-b`);
      await expect.poll(() => tabsOnDisk(app.dataDir)).toContain('/window-b');
      await expect.poll(() => tabsOnDisk(app.dataDir)).toContain('/window-a');
      await page.reload();
      await other.reload();
      await expect(page.getByLabel('Request URL')).toHaveValue(`${local.url}/window-a`);
      await expect(other.getByLabel('Request URL')).toHaveValue(`${local.url}/window-b`);
      await other.close();
    } finally {
      first.child.kill('SIGTERM');
    }
    const second = await startSignetWeb(env);
    try {
      // After a restart the most recently saved set comes first, the other one to the next window.
      const urls: string[] = [];
      for (let i = 0; i < 3; i += 1) {
        const fresh = await page.context().newPage();
        const restored = fresh.waitForResponse((response) => response.url().endsWith('/api/loadTabs'));
        await fresh.goto(second.url);
        const tabSet = (await (await restored).json()) as { value: { tabs: unknown[] } };
        const url = fresh.getByLabel('Request URL');
        if (tabSet.value.tabs.length > 0) await expect(url).not.toHaveValue('');
        else await expect(url).toBeVisible();
        urls.push(await url.inputValue());
      }
      expect(new Set(urls.slice(0, 2))).toEqual(new Set([`${local.url}/window-a`, `${local.url}/window-b`]));
      expect(urls[2]).toBe('');
    } finally {
      second.child.kill('SIGTERM');
    }
  });

  test('closing a tab with unsaved changes asks: Cancel keeps it, Don’t save closes it', async ({
    appPage: page,
    local,
  }) => {
    await page.getByRole('button', { name: 'New request tab' }).click();
    await expect(tabs(page)).toHaveCount(2);
    await page.getByLabel('Request URL').fill(`${local.url}/edited`);
    await expect(page.getByLabel('unsaved changes')).toHaveCount(1);
    const close = page.getByRole('button', { name: 'Close Untitled request' }).nth(1);
    await close.click();
    const dialog = page.getByRole('alertdialog', { name: 'Unsaved changes' });
    await expect(dialog).toContainText('Save changes to “Untitled request”?');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
    await expect(tabs(page)).toHaveCount(2);
    await expect(page.getByLabel('Request URL')).toHaveValue(`${local.url}/edited`);
    await close.click();
    await dialog.getByRole('button', { name: 'Don’t save' }).click();
    await expect(tabs(page)).toHaveCount(1);
    await expect(page.getByLabel('unsaved changes')).toHaveCount(0);
    // A tab without edits closes without asking.
    await page.getByRole('button', { name: 'New request tab' }).click();
    await page.getByRole('button', { name: 'Close Untitled request' }).nth(1).click();
    await expect(dialog).toBeHidden();
    await expect(tabs(page)).toHaveCount(1);
  });

  test('the bare URL, without the launch token, explains how to get back in', async ({ appPage: page, app }) => {
    test.skip(app.kind !== 'browser', 'the launch token is the browser host’s');
    const origin = new URL(page.url()).origin;
    // The address bar no longer shows the token: copying it into a new tab leaves the token behind.
    expect(page.url()).not.toContain('token=');
    const bare = await page.context().newPage();
    await bare.goto(page.url());
    await expect(bare.getByRole('heading', { name: 'Open Signet from its launch link' })).toBeVisible();
    await expect(bare.getByRole('main')).toContainText('signet web');
    await expect(bare.getByRole('main')).toContainText('#token=');
    await expect(bare.getByRole('alert')).toHaveCount(0);
    await expect(bare.getByText(/missing or wrong launch token/i)).toHaveCount(0);
    await bare.screenshot({ path: test.info().outputPath('bare-url.png') });
    // The tab that was opened from the link still works.
    await page.reload();
    await expect(page.getByLabel('Request URL')).toBeVisible();
    expect(new URL(bare.url()).origin).toBe(origin);
  });

  test('a tab holding the token of an earlier launch says so and how to get back in', async ({
    appPage: page,
    app,
  }) => {
    test.skip(app.kind !== 'browser', 'the launch token is the browser host’s');
    await expect(page.getByLabel('Request URL')).toBeVisible();
    await page.evaluate(() => sessionStorage.setItem('signet.launchToken', 'a-token-of-an-earlier-launch'));
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Open Signet from its launch link' })).toBeVisible();
    await expect(page.getByRole('main')).toContainText('from an earlier launch of signet web');
    await expect(page.getByLabel('Request URL')).toHaveCount(0);
  });
});
