import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MessageBoxSyncOptions } from 'electron';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emptyRequest } from '../../shared/request-basics';
import { SecretStore } from '../core/secrets';
import { DraftsStore } from '../drafts/store';
import { CLOSE_BUTTONS, guardUnsavedTabs, type ClosableWindow } from './close-guard';

/** Stands in for a BrowserWindow: `close()` emits `close` and says whether the window went. */
function fakeWindow() {
  let listener: ((event: { preventDefault(): void }) => void) | undefined;
  const window: ClosableWindow & { close(): boolean } = {
    on: (_event, l) => (listener = l),
    close: () => {
      let prevented = false;
      listener?.({ preventDefault: () => (prevented = true) });
      return !prevented;
    },
  };
  return window;
}

let dataDir: string;
let drafts: DraftsStore;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'signet-close-guard-'));
  drafts = new DraftsStore(dataDir, new SecretStore());
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

async function saveTabs(dirty: boolean[]): Promise<void> {
  const { windowId, revision } = await drafts.load();
  const tabs = dirty.map((d, i) => ({ id: `t${i}`, request: emptyRequest(`t${i}`), context: {}, dirty: d }));
  await drafts.save({ windowId, revision, tabs, activeTabId: null });
}

describe('Electron close guard', () => {
  it('closes at once when every tab is saved', async () => {
    await saveTabs([false, false]);
    const asked: MessageBoxSyncOptions[] = [];
    const window = fakeWindow();
    guardUnsavedTabs(
      window,
      () => drafts.unsavedTabs(),
      (o) => (asked.push(o), 0),
    );
    expect(window.close()).toBe(true);
    expect(asked).toEqual([]);
  });

  it('asks with the number of unsaved tabs; Cancel keeps the window, the other button closes it', async () => {
    await saveTabs([true, false, true]);
    const asked: MessageBoxSyncOptions[] = [];
    let answer = CLOSE_BUTTONS.indexOf('Cancel');
    const window = fakeWindow();
    guardUnsavedTabs(
      window,
      () => drafts.unsavedTabs(),
      (o) => (asked.push(o), answer),
    );
    expect(window.close()).toBe(false);
    expect(asked[0]?.message).toBe('2 tabs have unsaved changes.');
    expect(asked[0]?.cancelId).toBe(CLOSE_BUTTONS.indexOf('Cancel'));
    answer = CLOSE_BUTTONS.indexOf('Close and keep drafts');
    expect(window.close()).toBe(true);
    expect(asked).toHaveLength(2);
  });
});
