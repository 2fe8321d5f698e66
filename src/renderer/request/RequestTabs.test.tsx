// @vitest-environment happy-dom
import { withRealMain } from '../test/setup';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { TabSet } from '../../shared/api/tabs';
import { emptyRequest } from '../../shared/request-basics';
import { useSidebarUi } from '../collections/ui-store';
import { must } from '../test/real-main';
import { persistTabs, SAVE_DEBOUNCE_MS } from './persist-tabs';
import { RequestTabs } from './RequestTabs';
import { useRequestStore } from './store';

const main = withRealMain();
let user: UserEvent;

beforeEach(() => {
  user = userEvent.setup({ delay: null });
});

const store = () => useRequestStore.getState();
const tabNames = () => screen.getAllByRole('tab').map((tab) => tab.textContent);

/** Opens a tab and makes an unsaved edit in it. */
function openDirty(name: string, url: string, context = {}): string {
  store().openRequest({ ...emptyRequest(name), name }, context);
  store().updateRequest({ url });
  return store().activeTabId;
}

describe('closing a tab with unsaved changes', () => {
  it('shows the unsaved mark, and asks before closing: Cancel keeps the tab, Don’t save drops it', async () => {
    render(<RequestTabs />);
    openDirty('Edited', 'https://edited.example/');
    expect(await screen.findByLabelText('unsaved changes')).toBeTruthy();
    await user.click(await screen.findByRole('button', { name: 'Close Edited' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Unsaved changes' });
    expect(dialog.textContent).toContain('Save changes to “Edited”?');
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(tabNames().some((name) => name?.includes('Edited'))).toBe(true);

    await user.click(await screen.findByRole('button', { name: 'Close Edited' }));
    await user.click(await screen.findByRole('button', { name: 'Don’t save' }));
    expect(tabNames().some((name) => name?.includes('Edited'))).toBe(false);
  });

  it('closes a tab without unsaved changes at once', async () => {
    render(<RequestTabs />);
    store().openRequest({ ...emptyRequest('clean'), name: 'Clean' });
    await user.click(await screen.findByRole('button', { name: 'Close Clean' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(tabNames().some((name) => name?.includes('Clean'))).toBe(false);
  });

  it('Save writes the edits into the collection, then closes the tab', async () => {
    const { collection } = await must(window.signet!.createCollection({ name: 'Pets' }));
    const { itemId } = await must(
      window.signet!.saveRequest({
        collectionId: collection.id,
        request: { ...emptyRequest(''), name: 'List pets', url: 'https://old.example/pets' },
      }),
    );
    await useSidebarUiLoaded();
    render(<RequestTabs />);
    openDirty('List pets', 'https://new.example/pets', { collectionId: collection.id, itemId });
    await user.click(await screen.findByRole('button', { name: 'Close List pets' }));
    await user.click(await screen.findByRole('button', { name: 'Save' }));
    await waitFor(() => expect(tabNames().some((name) => name?.includes('List pets'))).toBe(false));
    const { request } = await must(window.signet!.getRequest({ collectionId: collection.id, itemId }));
    expect(request.url).toBe('https://new.example/pets');
  });

  it('Save for a tab in no collection opens Save As and keeps the tab', async () => {
    render(<RequestTabs />);
    const id = openDirty('Loose', 'https://loose.example/');
    await user.click(await screen.findByRole('button', { name: 'Close Loose' }));
    await user.click(await screen.findByRole('button', { name: 'Save' }));
    await waitFor(() => expect(useSidebarUi.getState().dialog).toEqual({ type: 'save-as' }));
    expect(store().tabs.some((tab) => tab.id === id)).toBe(true);
    expect(store().activeTabId).toBe(id);
  });
});

/** The collections store must know the workspace for "save in place" to find the collection. */
async function useSidebarUiLoaded(): Promise<void> {
  const { useCollectionsStore } = await import('../collections/store');
  await useCollectionsStore.getState().loadWorkspace();
}

describe('open tabs live in main', () => {
  it('saves every tab and draft to main as they change, with the dirty marks', async () => {
    const stop = await persistTabs();
    openDirty('One', 'https://one.example/');
    openDirty('Two', 'https://two.example/');
    store().openRequest({ ...emptyRequest('three'), name: 'Three', url: 'https://three.example/' });
    const windowId = sessionStorage.getItem('signet.windowId')!;
    let saved: TabSet | undefined;
    await waitFor(
      async () => {
        saved = await must(window.signet!.loadTabs({ windowId }));
        expect(saved.tabs.map((tab) => tab.request.url)).toEqual([
          '',
          'https://one.example/',
          'https://two.example/',
          'https://three.example/',
        ]);
      },
      { timeout: SAVE_DEBOUNCE_MS * 10 },
    );
    expect(saved!.tabs.map((tab) => tab.dirty)).toEqual([false, true, true, false]);
    expect(saved!.activeTabId).toBe(store().activeTabId);
    expect(main().app.drafts.unsavedTabs()).toBe(2);
    stop();
  });

  it('a reloaded window gets its tabs, drafts and active tab back from main', async () => {
    const { windowId } = await must(window.signet!.loadTabs({}));
    sessionStorage.setItem('signet.windowId', windowId);
    const draft = (id: string, url: string, dirty: boolean) => ({
      id,
      request: { ...emptyRequest(id), name: id, url },
      context: {},
      dirty,
    });
    await must(
      window.signet!.saveTabs({
        windowId,
        revision: 0,
        tabs: [draft('t1', 'https://a.example/', true), draft('t2', 'https://b.example/', false)],
        activeTabId: 't2',
      }),
    );
    const stop = await persistTabs();
    expect(store().tabs.map((tab) => [tab.id, tab.request.url, tab.dirty])).toEqual([
      ['t1', 'https://a.example/', true],
      ['t2', 'https://b.example/', false],
    ]);
    expect(store().activeTabId).toBe('t2');
    stop();
  });
});
