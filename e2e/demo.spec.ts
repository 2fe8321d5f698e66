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
