import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

/** A Postman v2.1 collection whose collection-level awsv4 auth takes its keys from {{variables}}. */
function petsCollection(path: string): string {
  const request = (name: string, url: string) => ({ name, request: { method: 'GET', header: [], url } });
  return JSON.stringify({
    info: { name: 'Pets API', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
    auth: {
      type: 'awsv4',
      awsv4: [
        { key: 'accessKey', value: '{{accessKey}}', type: 'string' },
        { key: 'secretKey', value: '{{secretKey}}', type: 'string' },
        { key: 'region', value: '{{region}}', type: 'string' },
        { key: 'service', value: 'execute-api', type: 'string' },
      ],
    },
    item: [
      request('List pets', `{{baseUrl}}${path}`),
      {
        name: 'Admin',
        item: [
          request('Delete cache', '{{baseUrl}}/admin/cache'),
          { name: 'Reports', item: [request('Monthly report', '{{baseUrl}}/reports/monthly')] },
        ],
      },
      request('Health', '{{baseUrl}}/health'),
    ],
  });
}

function writeTemp(name: string, content: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'signet-import-')), name);
  writeFileSync(file, content);
  return file;
}

async function importCollection(page: Page, path: string): Promise<void> {
  await page.getByLabel('Import file').setInputFiles(writeTemp('pets.postman_collection.json', petsCollection(path)));
  const report = page.getByRole('region', { name: 'Import report' });
  await expect(report).toContainText('Imported “Pets API”');
  await expect(report).toContainText('4 requests, 2 folders');
}

const tree = (page: Page) => page.getByRole('tree', { name: 'Collections' });
const row = (page: Page, name: string) => tree(page).getByRole('treeitem', { name, exact: true });
/** Clicks a request in the tree (its label reads "<METHOD> <name>"). */
const openFromTree = (page: Page, name: string) =>
  row(page, name)
    .getByRole('button', { name: new RegExp(`^[A-Z]+ ${name}$`) })
    .click();

test.describe('collections sidebar', () => {
  test('import, environment with a secret, open from the tree, send → 200 from the sandbox gateway', async ({
    appPage: page,
    sandbox,
  }) => {
    await importCollection(page, sandbox.allowed.path);
    await openFromTree(page, 'List pets');
    await expect(page.getByLabel('Request URL')).toHaveValue(`{{baseUrl}}${sandbox.allowed.path}`);
    // Nothing defines the variables yet: they are listed before sending.
    await expect(page.getByRole('note', { name: 'Unresolved variables' })).toContainText('{{baseUrl}}');
    await expect(page.getByRole('note', { name: 'Unresolved variables' })).toContainText('{{secretKey}}');

    await page.getByRole('button', { name: 'Manage environments' }).click();
    const editor = page.getByRole('dialog', { name: 'Environments' });
    await editor.getByRole('button', { name: '+ New environment' }).click();
    await editor.getByLabel('Environment name').fill('Sandbox');
    const values: Array<[string, string, boolean]> = [
      ['baseUrl', sandbox.apiUrl, false],
      ['accessKey', sandbox.accessKeyId, false],
      ['secretKey', sandbox.secretAccessKey, true],
      ['region', sandbox.region, false],
    ];
    for (const [index, [key, value, secret]] of values.entries()) {
      await editor.getByRole('button', { name: 'Add variable' }).click();
      await editor.getByLabel(`Variable name ${index + 1}`).fill(key);
      if (secret) await editor.getByLabel(`Secret variable ${index + 1}`).check();
      await editor.getByLabel(`Variable value ${index + 1}`).fill(value);
    }
    await editor.getByRole('button', { name: 'Save environment' }).click();
    // The secret went to main and comes back only as a reference, shown as "stored".
    await expect(editor.getByTestId('Variable 3 state')).toHaveText('stored');
    await expect(editor.getByLabel('Variable value 3')).toHaveValue('');
    await editor.getByRole('button', { name: 'Close environments' }).click();
    await page.getByLabel('Active environment').selectOption({ label: 'Sandbox' });
    await expect(page.getByRole('note', { name: 'Unresolved variables' })).toHaveCount(0);

    await page.getByRole('button', { name: 'Send' }).click();
    await expect(page.getByTestId('response-status')).toHaveText('200 OK');
    await expect(page.getByLabel('Response body')).toContainText(`"path": "${sandbox.allowed.path}"`);
    await expect(page.locator('body')).not.toContainText(sandbox.secretAccessKey);

    // The choice of environment survives a reload.
    await page.reload();
    await expect(page.getByLabel('Active environment')).toHaveValue(/.+/);
    await expect(page.getByLabel('Active environment').locator('option:checked')).toHaveText('Sandbox');
  });

  test('a garbage file is refused with its message and the tree is unchanged', async ({ appPage: page }) => {
    await importCollection(page, '/pets');
    const before = await tree(page).getByRole('treeitem').count();
    await page.getByLabel('Import file').setInputFiles(writeTemp('garbage.json', '{"this is": not json'));
    const refusal = page.getByRole('alert', { name: 'Import refused' });
    await expect(refusal).toBeVisible();
    await expect(refusal.locator('p')).not.toBeEmpty();
    await expect(tree(page).getByRole('treeitem')).toHaveCount(before);
    await refusal.getByRole('button', { name: 'Dismiss import report' }).click();
    await expect(refusal).toHaveCount(0);
  });

  test('a file dropped on the sidebar is imported', async ({ appPage: page }) => {
    const content = petsCollection('/pets');
    const dataTransfer = await page.evaluateHandle((text) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([text], 'dropped.postman_collection.json', { type: 'application/json' }));
      return transfer;
    }, content);
    const sidebar = page.getByRole('complementary', { name: 'Collections sidebar' });
    await sidebar.dispatchEvent('dragover', { dataTransfer });
    await expect(page.getByText('Drop a Postman file to import it')).toBeVisible();
    await sidebar.dispatchEvent('drop', { dataTransfer });
    await expect(page.getByRole('region', { name: 'Import report' })).toContainText('Imported “Pets API”');
    await expect(row(page, 'List pets')).toBeVisible();
    await expect(page.getByText('Drop a Postman file to import it')).toHaveCount(0);
  });

  test('the filter narrows the tree to matching requests and their folders', async ({ appPage: page }) => {
    await importCollection(page, '/pets');
    await expect(row(page, 'Monthly report')).toHaveCount(0); // folders start collapsed
    await page.getByLabel('Filter requests').fill('MONTHLY');
    await expect(page.getByRole('status', { name: 'Filter results' })).toHaveText('1 matching request');
    await expect(tree(page).getByRole('treeitem')).toHaveText(
      ['Pets API', 'Admin', 'Reports', 'GETMonthly report'].map((t) => new RegExp(t)),
    );
    await page.getByLabel('Filter requests').fill('/health');
    await expect(tree(page).getByRole('treeitem')).toHaveCount(2);
    await expect(row(page, 'Health')).toBeVisible();
    await page.getByLabel('Filter requests').fill('');
    await expect(row(page, 'Admin')).toBeVisible();
    await expect(row(page, 'Delete cache')).toHaveCount(0);
    await row(page, 'Admin').getByRole('button', { name: 'Expand Admin' }).click();
    await expect(row(page, 'Delete cache')).toBeVisible();
  });

  test('Ctrl+S saves an edit in place; a new tab is saved into a chosen collection; both survive a reload', async ({
    appPage: page,
  }) => {
    await importCollection(page, '/pets');
    await openFromTree(page, 'Health');
    // Opening is a call to main: edit only once its tab is the one shown (else the blank tab gets the edit).
    await expect(page.getByLabel('Request URL')).toHaveValue('{{baseUrl}}/health');
    await page.getByLabel('Request URL').fill('{{baseUrl}}/health?deep=1');
    await expect(page.getByLabel('unsaved changes')).toBeVisible();
    await page.keyboard.press('Control+s');
    await expect(page.getByLabel('unsaved changes')).toHaveCount(0);

    await page.getByRole('button', { name: 'New request tab' }).click();
    await page.getByLabel('Request URL').fill('https://example.com/brand-new');
    await page.keyboard.press('Control+s');
    const dialog = page.getByRole('dialog', { name: 'Save request' });
    await dialog.getByLabel('Save to collection').selectOption({ label: 'Pets API' });
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(row(page, 'Untitled request')).toBeVisible();

    await page.reload();
    await openFromTree(page, 'Health');
    await expect(page.getByLabel('Request URL')).toHaveValue('{{baseUrl}}/health?deep=1');
    await openFromTree(page, 'Untitled request');
    await expect(page.getByLabel('Request URL')).toHaveValue('https://example.com/brand-new');
  });

  test('new folder, rename, duplicate and delete from the row menu; export with and without secrets', async ({
    appPage: page,
    app,
  }) => {
    await importCollection(page, '/pets');
    const menu = async (name: string, action: string) => {
      await row(page, name)
        .getByRole('button', { name: `Actions for ${name}` })
        .click();
      await page.getByRole('menu').getByRole('menuitem', { name: action, exact: true }).click();
    };
    await page.getByRole('button', { name: 'New collection' }).click();
    await page.getByRole('dialog', { name: 'New collection' }).getByLabel('Collection name').fill('Scratch');
    await page.getByRole('dialog', { name: 'New collection' }).getByRole('button', { name: 'Create' }).click();
    await expect(row(page, 'Scratch')).toBeVisible();
    await menu('Scratch', 'Delete');
    await page.getByRole('alertdialog').getByRole('button', { name: 'Delete' }).click();
    await expect(row(page, 'Scratch')).toHaveCount(0);

    await menu('Pets API', 'New folder');
    await page.getByRole('dialog').getByLabel('Folder name').fill('Staging');
    await page.getByRole('dialog').getByRole('button', { name: 'Create' }).click();
    await expect(row(page, 'Staging')).toBeVisible();

    await menu('Staging', 'New request');
    await page.getByRole('dialog').getByLabel('Request name').fill('Ping');
    await page.getByRole('dialog').getByRole('button', { name: 'Create' }).click();
    await expect(row(page, 'Ping')).toBeVisible();

    await menu('Ping', 'Rename');
    await page.getByRole('dialog').getByLabel('New name').fill('Ping twice');
    await page.getByRole('dialog').getByRole('button', { name: 'Rename' }).click();
    await expect(row(page, 'Ping twice')).toBeVisible();

    await menu('Ping twice', 'Duplicate');
    await expect(row(page, 'Ping twice Copy')).toBeVisible();

    await menu('Staging', 'Delete');
    await page.getByRole('alertdialog').getByRole('button', { name: 'Delete' }).click();
    await expect(row(page, 'Staging')).toHaveCount(0);
    await expect(row(page, 'Ping twice Copy')).toHaveCount(0);

    const download = page.waitForEvent('download');
    await menu('Pets API', 'Export');
    const file = await (await download).path();
    expect(JSON.parse(readFileSync(file, 'utf8')).info.name).toBe('Pets API');

    await menu('Pets API', 'Export with secrets');
    const path = join(app.dataDir, 'exports', 'Pets API.postman_collection.json');
    await expect(page.getByRole('status', { name: 'Sidebar message' })).toContainText(path);
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  test('an unresolved {{variable}} is highlighted and the send is refused', async ({ appPage: page, local }) => {
    await page.getByLabel('Request URL').fill(`${local.url}/{{missingPath}}`);
    const note = page.getByRole('note', { name: 'Unresolved variables' });
    await expect(note.locator('.unresolved-var')).toHaveText(['{{missingPath}}']);
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(page.getByRole('alert')).toContainText('missingPath');
    expect(local.requests).toHaveLength(0);
  });
});

test.describe('query parameters from an import', () => {
  test('a switched-off Postman query parameter shows unchecked with its description and is not sent', async ({
    appPage: page,
    local,
  }) => {
    const collection = {
      info: { name: 'Query rows', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
      item: [
        {
          name: 'Search',
          request: {
            method: 'GET',
            url: {
              raw: `${local.url}/echo?q=fox`,
              query: [
                { key: 'q', value: 'fox', description: 'what to look for' },
                { key: 'debug', value: 'yes', disabled: true, description: 'off unless needed' },
              ],
            },
          },
        },
      ],
    };
    await page
      .getByLabel('Import file')
      .setInputFiles(writeTemp('query.postman_collection.json', JSON.stringify(collection)));
    await expect(page.getByRole('region', { name: 'Import report' })).toContainText('Imported “Query rows”');
    await openFromTree(page, 'Search');
    await expect(page.getByLabel('Request URL')).toHaveValue(`${local.url}/echo?q=fox`);
    await expect(page.getByLabel('Query parameter name 2')).toHaveValue('debug');
    await expect(page.getByLabel('Enable Query parameter row 2')).not.toBeChecked();
    await expect(page.getByLabel('Query parameter description 1')).toHaveValue('what to look for');
    await expect(page.getByLabel('Query parameter description 2')).toHaveValue('off unless needed');
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(page.getByTestId('response-status')).toHaveText('200 OK');
    expect(local.requests.at(-1)!.url).toBe('/echo?q=fox');

    // Switched on, it goes into the URL and onto the wire.
    await page.getByLabel('Enable Query parameter row 2').check();
    await expect(page.getByLabel('Request URL')).toHaveValue(`${local.url}/echo?q=fox&debug=yes`);
    await page.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => local.requests.at(-1)!.url).toBe('/echo?q=fox&debug=yes');
  });
});
