/**
 * Asks before the window closes (or the app quits) while tabs hold unsaved edits. Main
 * knows from the dirty marks each window saves with its tabs (src/main/drafts): a tab
 * gaining its mark is saved at once, not after the typing debounce. Electron's objects
 * come in as parameters (types only here), so the guard runs in plain Node tests.
 */
import type { MessageBoxSyncOptions } from 'electron';

/** What the guard needs of a BrowserWindow: its `close` event. */
export interface ClosableWindow {
  on(event: 'close', listener: (event: { preventDefault(): void }) => void): unknown;
}

/** The dialog's buttons, in order; showMessageBoxSync answers with an index. */
export const CLOSE_BUTTONS = ['Cancel', 'Close and keep drafts'] as const;

/** The question for `count` unsaved tabs. */
export function closeQuestion(count: number): MessageBoxSyncOptions {
  const tabs = count === 1 ? '1 tab has' : `${count} tabs have`;
  return {
    type: 'warning',
    title: 'Unsaved changes',
    message: `${tabs} unsaved changes.`,
    detail:
      'They are not saved to their collections. Signet keeps them as drafts and reopens them next time; save them first to keep them in the collection.',
    buttons: [...CLOSE_BUTTONS],
    defaultId: 0,
    cancelId: 0,
    noLink: true,
  };
}

/**
 * Before `window` closes with unsaved tabs, asks; Cancel keeps it open. `ask` is
 * `dialog.showMessageBoxSync` bound to the window in the app, a stand-in in tests.
 */
export function guardUnsavedTabs(
  window: ClosableWindow,
  unsavedTabs: () => number,
  ask: (options: MessageBoxSyncOptions) => number,
): void {
  window.on('close', (event) => {
    const count = unsavedTabs();
    if (count === 0) return;
    if (ask(closeQuestion(count)) !== CLOSE_BUTTONS.indexOf('Close and keep drafts')) event.preventDefault();
  });
}
