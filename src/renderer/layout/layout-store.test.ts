// @vitest-environment happy-dom
import { beforeEach, describe, expect, it, vi } from 'vitest';

const KEY = 'signet.layout';

/** A fresh store module, reading whatever localStorage holds now. */
async function freshStore() {
  vi.resetModules();
  return (await import('./layout-store')).useLayoutStore;
}

beforeEach(() => localStorage.clear());

describe('layout store', () => {
  it('starts from the defaults, and comes back with what was changed', async () => {
    let store = await freshStore();
    expect(store.getState().panels.sidebar).toEqual({ width: 260, collapsed: false });
    expect(store.getState().theme).toBe('system');
    store.getState().setWidth('sidebar', 333);
    store.getState().toggle('credentials');
    store.getState().setTheme('light');

    store = await freshStore();
    expect(store.getState().panels).toEqual({
      sidebar: { width: 333, collapsed: false },
      credentials: { width: 300, collapsed: true },
    });
    expect(store.getState().theme).toBe('light');
  });

  it('ignores what it cannot read and clamps widths from storage', async () => {
    localStorage.setItem(KEY, JSON.stringify({ panels: { sidebar: { width: 5 } }, theme: 'purple' }));
    let store = await freshStore();
    expect(store.getState().panels.sidebar.width).toBe(180);
    expect(store.getState().theme).toBe('system');
    localStorage.setItem(KEY, '{not json');
    store = await freshStore();
    expect(store.getState().panels.sidebar.width).toBe(260);
  });

  it('dragging one panel wider squeezes the other down to its minimum, never past the room', async () => {
    const store = await freshStore();
    // 1024 px window less the 600 px workbench: 424 px for both panels.
    store.getState().resize('sidebar', 220, 424);
    expect(store.getState().panels.sidebar.width).toBe(220);
    expect(store.getState().panels.credentials.width).toBe(204);
    store.getState().resize('sidebar', 400, 424);
    expect(store.getState().panels.sidebar.width).toBe(244);
    expect(store.getState().panels.credentials.width).toBe(180);
    // With the credentials folded away the sidebar may take the whole room.
    store.getState().toggle('credentials');
    store.getState().resize('sidebar', 400, 424);
    expect(store.getState().panels.sidebar.width).toBe(400);
    expect(store.getState().panels.credentials.width).toBe(180);
  });
});
