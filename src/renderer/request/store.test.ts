// @vitest-environment happy-dom
import { withRealMain } from '../test/setup';
import { act } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { emptyRequest } from '../../shared/request-basics';
import { startLoopback, type Loopback } from '../test/loopback';
import { useRequestStore, type RequestTab } from './store';

withRealMain();
let server: Loopback;

beforeEach(async () => {
  server = await startLoopback((request, response) => {
    if (request.url === '/slow') return;
    response.end(`you asked for ${request.url}`);
  });
});
afterEach(() => server.close());

const store = () => useRequestStore.getState();
const active = (): RequestTab => store().tabs.find((t) => t.id === store().activeTabId)!;

/** What the response pane would show for a tab; the one place that reads the response state's shape. */
function shown(tab: RequestTab): { state: string; status?: number; body?: string; message?: string } {
  const r = tab.response;
  if (r.status === 'success')
    return { state: r.status, status: r.result.response.status, body: r.result.response.bodyText };
  if (r.status === 'error') return { state: r.status, message: r.error.message };
  return { state: r.status };
}

describe('tabs', () => {
  it('opens with one blank, unedited tab', () => {
    expect(store().tabs).toHaveLength(1);
    expect(active().request).toMatchObject({ name: 'Untitled request', method: 'GET', url: '' });
    expect(active().dirty).toBe(false);
    expect(shown(active())).toEqual({ state: 'idle' });
  });

  it('edits only the active tab and marks it dirty', () => {
    const first = active().id;
    store().newTab();
    store().updateRequest({ url: 'http://b' });
    expect(active().request.url).toBe('http://b');
    expect(active().dirty).toBe(true);
    const other = store().tabs.find((t) => t.id === first)!;
    expect([other.request.url, other.dirty]).toEqual(['', false]);
  });

  it('focuses the tab already showing a saved request instead of opening it twice', () => {
    store().openRequest({ ...emptyRequest('i1'), name: 'One' }, { collectionId: 'c', itemId: 'i1' });
    const tab = active().id;
    store().newTab();
    store().openRequest({ ...emptyRequest('i1'), name: 'One again' }, { collectionId: 'c', itemId: 'i1' });
    expect(active().id).toBe(tab);
    expect(active().request.name).toBe('One');
    expect(store().tabs).toHaveLength(3);
  });

  it('closing the active tab selects the last one; closing the only tab leaves a blank one', () => {
    const first = active().id;
    store().newTab();
    const second = active().id;
    store().newTab();
    store().selectTab(second);
    store().closeTab(second);
    expect(store().tabs.map((t) => t.id)).not.toContain(second);
    expect(active().id).toBe(store().tabs[1]!.id);
    store().closeTab(store().tabs[1]!.id);
    store().closeTab(first);
    expect(store().tabs).toHaveLength(1);
    expect(active().id).not.toBe(first);
    expect(active().request.url).toBe('');
  });

  it('a first save ties the tab to the saved item', () => {
    store().updateRequest({ name: 'Draft' });
    store().markSaved(active().id, { collectionId: 'c1', itemId: 'item-9' });
    expect(active().dirty).toBe(false);
    expect(active().context).toEqual({ collectionId: 'c1', itemId: 'item-9' });
    expect(active().request.id).toBe('item-9');
  });

  it('duplicating a saved tab opens an unsaved copy beside it, tied to no item', () => {
    store().openRequest({ ...emptyRequest('i1'), name: 'One', url: 'http://one' }, { collectionId: 'c', itemId: 'i1' });
    const source = active().id;
    store().newTab();
    store().duplicateTab(source);
    const ids = store().tabs.map((t) => t.id);
    expect(ids.indexOf(active().id)).toBe(ids.indexOf(source) + 1);
    expect(active().request).toMatchObject({ name: 'One copy', url: 'http://one' });
    expect(active().request.id).not.toBe('i1');
    expect(active().context).toEqual({});
    expect(active().dirty).toBe(true);
    store().updateRequest({ url: 'http://copy' });
    expect(store().tabs.find((t) => t.id === source)!.request.url).toBe('http://one');
  });

  it('close others keeps the chosen tab and every tab with unsaved changes', () => {
    const keep = active().id;
    store().newTab();
    store().updateRequest({ url: 'http://draft' });
    const draft = active().id;
    store().newTab();
    store().newTab();
    store().closeOtherTabs(keep);
    expect(store().tabs.map((t) => t.id)).toEqual([keep, draft]);
    expect(active().id).toBe(keep);
  });
});

describe('send', () => {
  it('puts the answer from main on the tab that sent', async () => {
    store().updateRequest({ url: `${server.url}/pets` });
    const sender = active().id;
    const sending = store().send();
    expect(shown(active())).toEqual({ state: 'loading' });
    store().newTab();
    await act(() => sending);
    const tab = store().tabs.find((t) => t.id === sender)!;
    expect(shown(tab)).toEqual({ state: 'success', status: 200, body: 'you asked for /pets' });
    expect(shown(active())).toEqual({ state: 'idle' });
  });

  it('reports what main refuses as an error on the tab', async () => {
    store().updateRequest({ url: 'not a url' });
    await store().send();
    expect(shown(active())).toMatchObject({ state: 'error', message: '"not a url" is not a valid URL.' });
  });

  it('sends once while a send is in flight, and cancel stops it', async () => {
    store().updateRequest({ url: `${server.url}/slow` });
    const first = store().send();
    await store().send();
    await vi.waitFor(() => expect(server.received).toHaveLength(1));
    await store().cancel();
    await first;
    expect(server.received).toHaveLength(1);
    expect(shown(active())).toMatchObject({ state: 'error', message: 'Request cancelled.' });
  });
});
