import { expect, test } from './fixtures';

test('first-run demo: assumed role → 200, denied route → 403, Account B without the role → 403', async ({
  appPage: page,
}) => {
  await page.getByRole('button', { name: 'Try the demo' }).first().click();
  const tabs = page.getByRole('navigation', { name: 'Open requests' });
  await expect(tabs).toContainText('(assumed role)');
  await expect(page.getByRole('article', { name: /Session Demo/ }).getByTestId('session-state')).toHaveText('Fresh');

  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByTestId('response-status')).toHaveText('200 OK');
  await expect(page.getByLabel('Response body')).toContainText('assumed-role/SignetInvokeRole/signet-demo');

  await tabs.getByRole('tab', { name: /^GET Demo: .*\(denied\)/ }).click();
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByTestId('response-status')).toHaveText('403 Forbidden');
  await expect(page.getByRole('note', { name: 'Why this failed' })).toContainText('explicit deny');

  await tabs.getByRole('tab', { name: /^GET Demo: account B without the role/ }).click();
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByTestId('response-status')).toHaveText('403 Forbidden');
  await expect(page.getByRole('note', { name: 'Why this failed' })).toContainText('user/developer is not authorized');
});

test('"Try the demo" twice reuses its session and tabs instead of adding copies', async ({ appPage: page }) => {
  const tabs = page.getByRole('navigation', { name: 'Open requests' });
  const sessions = page.getByRole('article', { name: /Session Demo/ });
  await page.getByRole('button', { name: 'Try the demo' }).first().click();
  await expect(tabs).toContainText('(assumed role)');
  await expect(sessions).toHaveCount(1);
  const tabCount = await tabs.getByRole('tab').count();

  await page.getByRole('button', { name: 'Try the demo' }).first().click();
  await expect(tabs.getByRole('tab', { name: /\(assumed role\)/, selected: true })).toBeVisible();
  await expect(sessions).toHaveCount(1);
  await expect(tabs.getByRole('tab')).toHaveCount(tabCount);
});
