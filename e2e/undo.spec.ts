import { expect, test } from './fixtures';

test.describe('undo of a delete', () => {
  test('a deleted request and a deleted collection come back with Undo, and stay after a reload', async ({
    appPage: page,
  }) => {
    await page.getByRole('button', { name: 'New collection' }).click();
    await page.getByLabel('Collection name').fill('Pets');
    await page.getByRole('button', { name: 'Create' }).click();
    const tree = page.getByRole('tree', { name: 'Collections' });
    const rows = () =>
      page
        .getByRole('tree', { name: 'Collections' })
        .getByRole('treeitem')
        .evaluateAll((items) => items.map((item) => item.getAttribute('aria-label')));
    await expect(tree.getByRole('treeitem', { name: 'Pets' })).toBeVisible();
    for (const name of ['List pets', 'Get pet']) {
      await page.getByRole('button', { name: 'Actions for Pets' }).click();
      await page.getByRole('menuitem', { name: 'New request' }).click();
      await page.getByLabel('Request name').fill(name);
      await page.getByRole('button', { name: 'Create' }).click();
      await expect(tree.getByRole('treeitem', { name })).toBeVisible();
    }

    await page.getByRole('button', { name: 'Actions for List pets' }).click();
    await page.getByRole('menuitem', { name: 'Delete' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Delete' }).click();
    await expect(tree.getByRole('treeitem', { name: 'List pets' })).toHaveCount(0);
    const toasts = page.getByRole('region', { name: 'Undo' });
    await expect(toasts).toContainText('Deleted request “List pets”');
    await page.screenshot({ path: test.info().outputPath('undo-toast.png') });
    await toasts.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(rows).toEqual(['Pets', 'List pets', 'Get pet']);

    await page.getByRole('button', { name: 'Actions for Pets' }).click();
    await page.getByRole('menuitem', { name: 'Delete' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Delete' }).click();
    await expect(tree.getByRole('treeitem')).toHaveCount(0);
    await toasts.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(rows).toEqual(['Pets', 'List pets', 'Get pet']);

    // Restored on disk, not only on screen.
    await page.reload();
    await expect.poll(rows).toEqual(['Pets', 'List pets', 'Get pet']);
  });
});
