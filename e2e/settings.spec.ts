import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

const tree = (page: Page) => page.getByRole('tree', { name: 'Collections' });
const row = (page: Page, name: string) => tree(page).getByRole('treeitem', { name, exact: true });
const menu = async (page: Page, name: string, action: string) => {
  await row(page, name)
    .getByRole('button', { name: `Actions for ${name}` })
    .click();
  await page.getByRole('menu').getByRole('menuitem', { name: action, exact: true }).click();
};

test('a collection-level AWS Signature, edited in its settings, is what an inheriting request signs with', async ({
  appPage: page,
  sandbox,
}) => {
  await page.getByRole('button', { name: 'New collection' }).click();
  await page.getByRole('dialog', { name: 'New collection' }).getByLabel('Collection name').fill('Pets');
  await page.getByRole('dialog', { name: 'New collection' }).getByRole('button', { name: 'Create' }).click();
  await menu(page, 'Pets', 'New request');
  await page.getByRole('dialog').getByLabel('Request name').fill('List pets');
  await page.getByRole('dialog').getByRole('button', { name: 'Create' }).click();
  await row(page, 'List pets')
    .getByRole('button', { name: /^[A-Z]+ List pets$/ })
    .click();
  await page.getByLabel('Request URL').fill(`${sandbox.apiUrl}${sandbox.allowed.path}`);

  // Inherit, with nothing to inherit yet: the Auth tab says so, and the gateway refuses.
  await page.getByRole('tab', { name: /^Auth/ }).click();
  await expect(page.getByLabel('Auth type')).toHaveValue('inherit');
  await expect(page.getByTestId('inherited-auth')).toContainText('Inherits nothing');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByTestId('response-status')).toHaveText('403 Forbidden');

  // The collection's settings: AWS Signature with the sandbox's keys.
  await menu(page, 'Pets', 'Settings…');
  const settings = page.getByRole('form', { name: 'Collection settings' });
  await expect(settings.getByLabel('Auth type')).toHaveValue('none');
  // A collection has nothing above it to inherit from.
  await expect(settings.getByLabel('Auth type').locator('option[value="inherit"]')).toHaveCount(0);
  await settings.getByLabel('Auth type').selectOption('awsv4');
  await settings.getByLabel('Access key ID').fill(sandbox.accessKeyId);
  await settings.getByLabel('Secret access key', { exact: true }).fill(sandbox.secretAccessKey);
  await settings.getByLabel('Secret access key', { exact: true }).press('Enter');
  await expect(settings.getByTestId('Secret access key state')).toContainText('stored:');
  await settings.getByLabel('AWS region').fill(sandbox.region);
  await settings.getByLabel('AWS service').fill('execute-api');
  await settings.getByRole('tab', { name: /^Variables/ }).click();
  await settings.getByLabel('collection variables').getByPlaceholder('Variable').first().fill('stage');
  await settings.getByRole('button', { name: 'Save' }).click();
  await expect(settings).toBeHidden();

  // The request says what it inherits and from where, and now gets 200.
  await expect(page.getByTestId('inherited-auth')).toContainText(
    `Inherits AWS Signature (${sandbox.region} / execute-api, access keys) from collection “Pets”.`,
  );
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByTestId('response-status')).toHaveText('200 OK');

  // Reopening the settings shows what was saved; the secret stays a reference.
  await menu(page, 'Pets', 'Settings…');
  await expect(settings.getByLabel('Auth type')).toHaveValue('awsv4');
  await expect(settings.getByLabel('AWS region')).toHaveValue(sandbox.region);
  await expect(settings.getByRole('tab', { name: 'Variables (1)' })).toBeVisible();
  await settings.getByRole('button', { name: 'Cancel' }).click();
});

test('Save As asks for the name and the folder; renaming in the sidebar renames the open tab', async ({
  appPage: page,
}) => {
  await page.getByRole('button', { name: 'New collection' }).click();
  await page.getByRole('dialog', { name: 'New collection' }).getByLabel('Collection name').fill('Pets');
  await page.getByRole('dialog', { name: 'New collection' }).getByRole('button', { name: 'Create' }).click();
  await menu(page, 'Pets', 'New folder');
  await page.getByRole('dialog').getByLabel('Folder name').fill('Admin');
  await page.getByRole('dialog').getByRole('button', { name: 'Create' }).click();
  await expect(row(page, 'Admin')).toBeVisible();

  await page.getByRole('button', { name: 'New request tab' }).click();
  await page.getByLabel('Request URL').fill('https://example.com/admin/users');
  await page.keyboard.press('Control+s');
  const dialog = page.getByRole('dialog', { name: 'Save request' });
  await dialog.getByLabel('Request name').fill('List users');
  await dialog.getByLabel('Save to collection').selectOption({ label: 'Pets' });
  await dialog.getByLabel('Save to folder').selectOption({ label: 'Admin' });
  await dialog.getByRole('button', { name: 'Save' }).click();

  // Saved under its name, inside the folder (expanding Admin shows it), and the tab took the name.
  const tabs = page.getByRole('navigation', { name: 'Open requests' });
  await expect(tabs.getByRole('tab', { name: /List users/, selected: true })).toBeVisible();
  await row(page, 'Admin')
    .getByRole('button', { name: /Expand|Admin/ })
    .first()
    .click();
  await expect(row(page, 'List users')).toBeVisible();

  await menu(page, 'List users', 'Rename');
  await page.getByRole('dialog').getByLabel('New name').fill('List all users');
  await page.getByRole('dialog').getByRole('button', { name: 'Rename' }).click();
  await expect(row(page, 'List all users')).toBeVisible();
  await expect(tabs.getByRole('tab', { name: /List all users/ })).toBeVisible();
  await expect(tabs.getByRole('tab', { name: /List users/ })).toHaveCount(0);
});
