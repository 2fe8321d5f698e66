// @vitest-environment happy-dom
import { withRealMain } from '../test/setup';
import { beforeEach, describe, expect, it } from 'vitest';
import { useRequestStore } from '../request/store';
import { seedPets, type SeededWorkspace } from '../test/workspace';
import { useCollectionsStore } from './store';
import { openStoredRequest, saveActiveTab } from '../workflows';
import { must } from '../test/real-main';

withRealMain();

const store = () => useCollectionsStore.getState();
/** Names in the loaded tree, top to bottom, indented by depth. */
function outline(): string[] {
  const { load } = store();
  if (load.status !== 'success') return [load.status];
  return load.index.nodes.map((n) => (n ? `${'  '.repeat(n.depth)}${n.name}` : '(not loaded)'));
}
const activeTab = () => {
  const { tabs, activeTabId } = useRequestStore.getState();
  return tabs.find((t) => t.id === activeTabId)!;
};

const POSTMAN = JSON.stringify({
  info: { name: 'Imported API', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
  item: [
    { name: 'Ping', request: { method: 'GET', url: 'https://api.example.com/ping' } },
    { name: 'Things', item: [{ name: 'Create thing', request: { method: 'POST', url: 'https://api.example.com/t' } }] },
  ],
});

it('loads an empty workspace', async () => {
  expect(store().load.status).toBe('idle');
  await store().loadWorkspace();
  expect(outline()).toEqual([]);
});

describe('import', () => {
  it('imports a Postman collection and reports what it found', async () => {
    await store().importFile(new File([POSTMAN], 'api.postman_collection.json'));
    const state = store().importState;
    expect(state.status === 'success' && state.report).toMatchObject({ name: 'Imported API', requests: 2, folders: 1 });
    expect(outline()).toEqual(['Imported API', '  Ping', '  Things', '    Create thing']);
  });

  it('refuses a file that is not a collection, naming it', async () => {
    await store().importFile(new File(['{"hello": "world"}'], 'notes.json'));
    const state = store().importState;
    expect(state.status).toBe('error');
    expect(state.status === 'error' && state.fileName).toBe('notes.json');
    store().dismissImport();
    expect(store().importState.status).toBe('idle');
  });
});

describe('editing', () => {
  let seeded: SeededWorkspace;
  beforeEach(async () => {
    seeded = await seedPets();
    await store().loadWorkspace();
  });

  it('starts with collections expanded and folders collapsed; toggle flips one', () => {
    expect(store().expanded.has(seeded.collectionId)).toBe(true);
    const folderKey = `${seeded.collectionId}/${seeded.folderId}`;
    expect(store().expanded.has(folderKey)).toBe(false);
    store().toggle(folderKey);
    expect(store().expanded.has(folderKey)).toBe(true);
    store().toggle(folderKey);
    expect(store().expanded.has(folderKey)).toBe(false);
  });

  it('creates, renames, duplicates and deletes items in main', async () => {
    await store().createItem(seeded.collectionId, seeded.folderId, 'request', 'Reindex');
    expect(store().expanded.has(`${seeded.collectionId}/${seeded.folderId}`)).toBe(true);
    await store().renameItem(seeded.collectionId, seeded.listPetsId, 'All pets');
    await store().duplicateItem(seeded.collectionId, seeded.listPetsId);
    await store().deleteItem(seeded.collectionId, seeded.flushId);
    await store().renameItem(seeded.collectionId, seeded.collectionId, 'Zoo');
    expect(outline()).toEqual(['Zoo', '  All pets', '  All pets Copy', '  Admin', '    Reindex']);
    await store().deleteCollection(seeded.collectionId);
    expect(outline()).toEqual([]);
  });

  it('turns a failed edit into an error notice', async () => {
    await store().renameItem(seeded.collectionId, 'no-such-item', 'X');
    expect(store().notice).toMatchObject({ kind: 'error' });
    store().setNotice(null);
    expect(store().notice).toBeNull();
  });

  it('opens a request with its stored spec, and a missing one as an error notice', async () => {
    await openStoredRequest(seeded.collectionId, seeded.flushId);
    expect(activeTab().request).toMatchObject({ name: 'Flush cache', method: 'POST' });
    expect(activeTab().context).toEqual({ collectionId: seeded.collectionId, itemId: seeded.flushId });
    await openStoredRequest(seeded.collectionId, 'gone');
    expect(store().notice).toMatchObject({ kind: 'error' });
  });

  it('saves an edited request in place, and a new tab as a new request', async () => {
    await openStoredRequest(seeded.collectionId, seeded.listPetsId);
    useRequestStore.getState().updateRequest({ url: 'https://api.example.com/pets?limit=99' });
    expect(await saveActiveTab()).toBe(true);
    expect(activeTab().dirty).toBe(false);
    expect(
      (await must(window.signet!.getRequest({ collectionId: seeded.collectionId, itemId: seeded.listPetsId }))).request
        .url,
    ).toBe('https://api.example.com/pets?limit=99');

    useRequestStore.getState().newTab();
    useRequestStore.getState().updateRequest({ name: 'Adopt', method: 'POST' });
    expect(await saveActiveTab()).toBe(false);
    expect(await saveActiveTab(seeded.collectionId)).toBe(true);
    expect(activeTab().context.collectionId).toBe(seeded.collectionId);
    expect(outline()).toContain('  Adopt');
  });

  it('exports a collection as Postman JSON with a note', async () => {
    await store().exportCollection(seeded.collectionId, false);
    expect(store().notice).toMatchObject({ kind: 'info', text: 'Exported Pets.postman_collection.json' });
  });
});
