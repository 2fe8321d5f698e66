// @vitest-environment happy-dom
import { withRealMain } from '../test/setup';
import { must } from '../test/real-main';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { emptyRequest } from '../../shared/request-basics';
import { CollectionsSidebar } from '../collections/CollectionsSidebar';
import { RequestTabs } from '../request/RequestTabs';
import { useRequestStore } from '../request/store';
import { startLoopback, type Loopback } from '../test/loopback';
import { seedPets } from '../test/workspace';
import { followMainEvents } from '../workflows';
import { HistoryPanel } from './HistoryPanel';

withRealMain();
let user: UserEvent;
let server: Loopback;
let stopEvents: () => void;

beforeEach(async () => {
  user = userEvent.setup({ delay: null });
  server = await startLoopback((_request, response) =>
    response.writeHead(200, { 'Content-Type': 'application/json' }).end('{"pets":[]}'),
  );
  stopEvents = followMainEvents();
});
afterEach(async () => {
  stopEvents();
  await server.close();
});

/** Sends a request from a new tab, as the Send button does. */
async function send(method: string, path: string): Promise<void> {
  const store = useRequestStore.getState();
  store.newTab();
  useRequestStore.getState().updateRequest({ method, url: `${server.url}${path}` });
  await useRequestStore.getState().send();
}

async function showHistory(): Promise<void> {
  render(
    <>
      <CollectionsSidebar history={<HistoryPanel />} />
      <RequestTabs />
    </>,
  );
  await user.click(screen.getByRole('tab', { name: 'History' }));
}

const row = (name: RegExp) => screen.findByRole('button', { name });

it('lists each send under Today and reopens one in a new tab', async () => {
  await send('GET', '/pets');
  await showHistory();
  const today = await screen.findByRole('list', { name: 'Today' });
  expect(within(today).getAllByRole('listitem')).toHaveLength(1);

  // A send while the list is open shows up through main's historyChanged event.
  await send('POST', '/pets');
  await waitFor(() => expect(within(today).getAllByRole('listitem')).toHaveLength(2));
  const rows = within(today).getAllByRole('button', { name: /^(GET|POST) / });
  expect(rows.map((r) => r.getAttribute('aria-label')!.split(',')[0])).toEqual([
    `POST ${server.url}/pets`,
    `GET ${server.url}/pets`,
  ]);

  const tabsBefore = useRequestStore.getState().tabs.length;
  await user.click(await row(new RegExp(`^GET ${server.url}/pets, 200`)));
  await waitFor(() => expect(useRequestStore.getState().tabs).toHaveLength(tabsBefore + 1));
  const { tabs, activeTabId } = useRequestStore.getState();
  const opened = tabs.find((t) => t.id === activeTabId)!;
  expect(opened.request).toMatchObject({ method: 'GET', url: `${server.url}/pets`, name: 'GET /pets' });
  expect(opened.dirty).toBe(false);
});

it('searches by method, URL and status', async () => {
  await send('GET', '/pets');
  await send('DELETE', '/owners/7');
  await showHistory();
  await row(/^DELETE /);
  await user.type(screen.getByRole('searchbox', { name: 'Search history' }), 'owners');
  await waitFor(() => expect(screen.queryByRole('button', { name: /^GET / })).toBeNull());
  expect(screen.getByRole('button', { name: /^DELETE / })).toBeTruthy();
  await user.clear(screen.getByRole('searchbox', { name: 'Search history' }));
  await user.type(screen.getByRole('searchbox', { name: 'Search history' }), 'nothing-like-this');
  expect(await screen.findByText('No sent request matches.')).toBeTruthy();
});

it('saves an entry into a collection under the name given', async () => {
  const { collectionId } = await seedPets();
  await send('PUT', '/pets/1');
  await showHistory();
  await user.click(await screen.findByRole('button', { name: `Save PUT ${server.url}/pets/1 to a collection` }));
  const dialog = screen.getByRole('dialog', { name: 'Save to collection' });
  const name = within(dialog).getByRole('textbox', { name: 'Request name' });
  await user.clear(name);
  await user.type(name, 'Update pet');
  await user.click(within(dialog).getByRole('button', { name: 'Save' }));
  await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  const { workspace } = await must(window.signet!.loadWorkspace({}));
  const pets = workspace.collections.find((c) => c.id === collectionId)!;
  const saved = pets.items.find((item) => item.name === 'Update pet');
  expect(saved).toMatchObject({ type: 'request', method: 'PUT', url: `${server.url}/pets/1` });
  // The sidebar shows it too: the workspace was reloaded.
  await user.click(screen.getByRole('tab', { name: 'Collections' }));
  expect(await screen.findByRole('treeitem', { name: 'Update pet' })).toBeTruthy();
});

it('clears history only after confirmation', async () => {
  await send('GET', '/pets');
  await showHistory();
  await row(/^GET /);
  await user.click(screen.getByRole('button', { name: /Clear/ }));
  const confirm = screen.getByRole('alertdialog', { name: 'Clear history' });
  await user.click(within(confirm).getByRole('button', { name: 'Cancel' }));
  expect(screen.getByRole('button', { name: /^GET / })).toBeTruthy();

  await user.click(screen.getByRole('button', { name: /Clear/ }));
  await user.click(
    within(screen.getByRole('alertdialog', { name: 'Clear history' })).getByRole('button', { name: 'Clear history' }),
  );
  expect(await screen.findByText('Requests you send appear here.')).toBeTruthy();
  expect((await must(window.signet!.listHistory({}))).total).toBe(0);
});

it('says nothing was sent yet', async () => {
  useRequestStore.getState().openRequest(emptyRequest('x'));
  await showHistory();
  expect(await screen.findByText('Requests you send appear here.')).toBeTruthy();
});

it('keeps as many as chosen, and Off stops recording', async () => {
  for (const path of ['/a', '/b', '/c']) await send('GET', path);
  await showHistory();
  const size = await screen.findByRole('combobox', { name: 'History size' });
  expect((size as HTMLSelectElement).value).toBe('1000');
  await user.selectOptions(size, '100');
  await waitFor(async () => expect((await must(window.signet!.listHistory({}))).limit).toBe(100));
  await user.selectOptions(size, '0');
  expect(await screen.findByText('History is off.')).toBeTruthy();
  await send('GET', '/d');
  expect((await must(window.signet!.listHistory({}))).total).toBe(0);
});
