// @vitest-environment happy-dom
import { withRealMain } from '../test/setup';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { RequestTabs } from '../request/RequestTabs';
import { useRequestStore } from '../request/store';
import { activateRow, treeItem, treeNames } from '../test/dom';
import { seedPets } from '../test/workspace';
import { CollectionsSidebar } from './CollectionsSidebar';

withRealMain();
let user: UserEvent;

beforeEach(() => {
  user = userEvent.setup({ delay: null });
});

async function renderSidebar(): Promise<void> {
  render(
    <>
      <CollectionsSidebar />
      <RequestTabs />
    </>,
  );
  await screen.findByRole('tree', { name: 'Collections' });
}

const activeRequest = () => {
  const { tabs, activeTabId } = useRequestStore.getState();
  return tabs.find((t) => t.id === activeTabId)!;
};

it('says there is nothing yet in an empty workspace', async () => {
  render(<CollectionsSidebar />);
  expect(await screen.findByText('No collections yet. Import a Postman file or create a collection.')).toBeTruthy();
});

describe('with a workspace', () => {
  beforeEach(async () => {
    await seedPets();
    await renderSidebar();
  });

  it('shows collections expanded and folders collapsed', () => {
    expect(treeNames()).toEqual(['Pets', 'List pets', 'Admin']);
    expect(treeItem('Pets').getAttribute('aria-expanded')).toBe('true');
    expect(treeItem('Admin').getAttribute('aria-expanded')).toBe('false');
  });

  it('expands and collapses a folder', async () => {
    await user.click(screen.getByRole('button', { name: 'Expand Admin' }));
    expect(treeNames()).toEqual(['Pets', 'List pets', 'Admin', 'Flush cache']);
    expect(treeItem('Admin').getAttribute('aria-expanded')).toBe('true');

    await user.click(screen.getByRole('button', { name: 'Collapse Admin' }));
    expect(treeNames()).toEqual(['Pets', 'List pets', 'Admin']);
  });

  it('toggles a folder from its name too, and collapses a whole collection', async () => {
    await activateRow(user, 'Admin');
    expect(treeNames()).toContain('Flush cache');
    await user.click(screen.getByRole('button', { name: 'Collapse Pets' }));
    expect(treeNames()).toEqual(['Pets']);
  });

  it('filters by name or URL, showing the folders above a match', async () => {
    const filter = screen.getByRole('searchbox', { name: 'Filter requests' });
    await user.type(filter, 'FLUSH');
    await waitFor(() => expect(treeNames()).toEqual(['Pets', 'Admin', 'Flush cache']));
    expect(screen.getByRole('status', { name: 'Filter results' }).textContent).toBe('1 matching request');

    await user.clear(filter);
    await user.type(filter, 'api.example.com');
    await waitFor(() => expect(treeNames()).toEqual(['Pets', 'List pets', 'Admin', 'Flush cache']));
    expect(screen.getByRole('status', { name: 'Filter results' }).textContent).toBe('2 matching requests');

    await user.clear(filter);
    await user.type(filter, 'zebra');
    expect(await screen.findByText('No request matches “zebra”.')).toBeTruthy();

    await user.clear(filter);
    await waitFor(() => expect(treeNames()).toEqual(['Pets', 'List pets', 'Admin']));
  });

  it('opens a request in a tab with its full spec from main, once', async () => {
    await activateRow(user, 'List pets');
    await waitFor(() => expect(activeRequest().request.name).toBe('List pets'));
    expect(activeRequest().request.url).toBe('https://api.example.com/pets?limit=10');
    expect(activeRequest().request.headers).toEqual([{ key: 'Accept', value: 'application/json', enabled: true }]);
    expect(screen.getByRole('navigation', { name: 'Open requests' }).textContent).toContain('GETList pets');

    const tabs = useRequestStore.getState().tabs.length;
    await activateRow(user, 'List pets');
    expect(useRequestStore.getState().tabs).toHaveLength(tabs);
  });

  it('creates a collection from the New dialog', async () => {
    await user.click(screen.getByRole('button', { name: 'New collection' }));
    // Dialogs and the row menu load their code when first opened.
    const dialog = await screen.findByRole('dialog', { name: 'New collection' });
    expect(dialog).toBeTruthy();
    await user.type(screen.getByRole('textbox', { name: 'Collection name' }), 'Orders');
    await user.click(screen.getByRole('button', { name: 'Create' }));
    await waitFor(() => expect(treeNames()).toEqual(['Pets', 'List pets', 'Admin', 'Orders']));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('renames a request from its row menu', async () => {
    await user.click(screen.getByRole('button', { name: 'Actions for List pets' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Rename' }));
    const name = await screen.findByRole<HTMLInputElement>('textbox', { name: 'New name' });
    expect(name.value).toBe('List pets');
    await user.clear(name);
    await user.type(name, 'All pets{Enter}');
    await waitFor(() => expect(treeNames()).toEqual(['Pets', 'All pets', 'Admin']));
  });
});

describe('keyboard', () => {
  beforeEach(async () => {
    await seedPets();
    await renderSidebar();
  });

  it('moves through the tree with the arrows, opens and closes folders, and opens a request with Enter', async () => {
    treeItem('Pets').focus();
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(treeItem('List pets'));
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(treeItem('Admin'));
    await user.keyboard('{ArrowRight}');
    expect(treeItem('Admin').getAttribute('aria-expanded')).toBe('true');
    await user.keyboard('{ArrowRight}');
    expect(document.activeElement).toBe(treeItem('Flush cache'));
    await user.keyboard('{ArrowLeft}');
    expect(document.activeElement).toBe(treeItem('Admin'));
    await user.keyboard('{ArrowLeft}');
    expect(treeItem('Admin').getAttribute('aria-expanded')).toBe('false');
    await user.keyboard('{ArrowUp}');
    expect(document.activeElement).toBe(treeItem('List pets'));
    // One Tab stop in the tree: the focused row.
    const rows = screen.getAllByRole('treeitem');
    expect(rows.filter((row) => row.tabIndex === 0)).toEqual([treeItem('List pets')]);

    await user.keyboard('{Enter}');
    await waitFor(() => expect(activeRequest().request.name).toBe('List pets'));
  });
});
