/**
 * Keeps this window's open tabs and drafts in main: restored once at start, saved after
 * every change (debounced, and at once when a tab gains or loses its unsaved mark, so
 * main's quit guard knows). The window id main hands out is kept in sessionStorage, which
 * survives a reload of this window only: a reload gets its own tabs back, a new window or
 * a restart gets the last window's.
 */
import type { DraftTab } from '../../shared/api/tabs';
import { api } from '../api';
import { useRequestStore, type RequestTab } from './store';

const WINDOW_KEY = 'signet.windowId';
/** Typing pauses this long before the drafts go to main. */
export const SAVE_DEBOUNCE_MS = 300;

function storedWindowId(): string | undefined {
  try {
    return sessionStorage.getItem(WINDOW_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

function rememberWindowId(id: string): void {
  try {
    sessionStorage.setItem(WINDOW_KEY, id);
  } catch {
    // No sessionStorage: a reload is then a new window, which still gets the newest tabs.
  }
}

/** What is persisted of a tab: everything but its response. */
const draftOf = (tab: RequestTab): DraftTab => ({
  id: tab.id,
  request: tab.request,
  context: tab.context,
  dirty: tab.dirty,
});

/** Whether two tab lists persist the same (their requests and contexts compared by identity: the store never mutates). */
function sameDrafts(a: readonly RequestTab[], b: readonly RequestTab[]): boolean {
  return (
    a.length === b.length &&
    a.every((tab, i) => {
      const other = b[i]!;
      return (
        tab.id === other.id &&
        tab.request === other.request &&
        tab.context === other.context &&
        tab.dirty === other.dirty
      );
    })
  );
}

const dirtyCount = (tabs: readonly RequestTab[]) => tabs.filter((tab) => tab.dirty).length;

/** Where this window's saves go; set once main has answered loadTabs. */
let target: { windowId: string; revision: number } | undefined;
let restoring: Promise<boolean> | undefined;

/** Loads this window's tabs from main and puts them in the store, once per page (React may mount twice). */
function restoreOnce(): Promise<boolean> {
  restoring ??= (async () => {
    const windowId = storedWindowId();
    const loaded = await api.loadTabs(windowId ? { windowId } : {});
    if (!loaded.ok) {
      console.warn(`[signet] open tabs could not be restored: ${loaded.error.message}`);
      return false;
    }
    target = { windowId: loaded.value.windowId, revision: loaded.value.revision };
    rememberWindowId(target.windowId);
    for (const warning of loaded.value.warnings) console.warn(`[signet] ${warning}`);
    if (loaded.value.tabs.length > 0)
      useRequestStore.getState().restoreTabs(loaded.value.tabs, loaded.value.activeTabId);
    return true;
  })();
  return restoring;
}

/**
 * Restores this window's tabs from main, then follows the store and saves what changes.
 * Resolves with the function that stops following (what waits for its debounce is sent first).
 */
export async function persistTabs(): Promise<() => void> {
  if (!(await restoreOnce())) return () => undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let saving: Promise<void> | undefined;
  let pending = false;

  const saveNow = async (): Promise<void> => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (saving) {
      // One save at a time, each naming the revision the previous one answered.
      pending = true;
      return saving;
    }
    const { tabs, activeTabId } = useRequestStore.getState();
    const to = target!;
    saving = (async () => {
      const saved = await api.saveTabs({ ...to, tabs: tabs.map(draftOf), activeTabId });
      if (saved.ok) {
        if (saved.value.windowId !== to.windowId) rememberWindowId(saved.value.windowId);
        target = saved.value;
      } else console.warn(`[signet] open tabs could not be saved: ${saved.error.message}`);
    })();
    await saving;
    saving = undefined;
    if (pending) {
      pending = false;
      await saveNow();
    }
  };

  const unsubscribe = useRequestStore.subscribe((state, previous) => {
    if (sameDrafts(state.tabs, previous.tabs) && state.activeTabId === previous.activeTabId) return;
    if (dirtyCount(state.tabs) !== dirtyCount(previous.tabs)) return void saveNow();
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void saveNow(), SAVE_DEBOUNCE_MS);
  });
  // Leaving or hiding the page sends what is still waiting for its debounce.
  const flush = () => {
    if (timer) void saveNow();
  };
  const onVisibility = () => {
    if (document.visibilityState === 'hidden') flush();
  };
  window.addEventListener('pagehide', flush);
  document.addEventListener('visibilitychange', onVisibility);
  return () => {
    flush();
    unsubscribe();
    // A later mount (a test's next render, a remounted app) restores afresh.
    restoring = undefined;
    window.removeEventListener('pagehide', flush);
    document.removeEventListener('visibilitychange', onVisibility);
  };
}

/** Keeps the tabs in main while mounted (the app's effect); in the browser host, also guards leaving the page. */
export function keepTabsInMain(): () => void {
  let stop: (() => void) | undefined;
  let stopped = false;
  void persistTabs().then((stopFollowing) => (stopped ? stopFollowing() : (stop = stopFollowing)));
  const unguard = window.signet ? () => undefined : guardUnsavedOnLeave();
  return () => {
    stopped = true;
    stop?.();
    unguard();
  };
}

/**
 * The browser host's guard: leaving the page (closing the browser tab) with unsaved tabs
 * asks first. The Electron host asks in main instead, from the dirty marks saved above.
 */
function guardUnsavedOnLeave(): () => void {
  const onBeforeUnload = (event: BeforeUnloadEvent) => {
    if (dirtyCount(useRequestStore.getState().tabs) === 0) return;
    event.preventDefault();
    // Older engines show the prompt only when returnValue is set.
    event.returnValue = '';
  };
  window.addEventListener('beforeunload', onBeforeUnload);
  return () => window.removeEventListener('beforeunload', onBeforeUnload);
}
