/**
 * Per-file setup for renderer tests. Import it first in every renderer test file:
 * it installs the real main as `window.signet` before the renderer's api is loaded.
 */
import { startMain, stopMain, type MainOptions, type RunningMain } from './real-main';
import { cleanup } from '@testing-library/react';
import { afterAll, afterEach, beforeEach } from 'vitest';
import { useCollectionsStore } from '../collections/store';
import { useSidebarUi } from '../collections/ui-store';
import { useCredentialsStore } from '../credentials/store';
import { useEnvironmentsStore } from '../environments/store';
import { useRequestStore } from '../request/store';
import { useRememberedScopeStore } from '../auth/remembered-scope-store';
import { useRunnerStore } from '../runner/store';
import { useHistoryStore } from '../history/store';
import { useUndoStore } from '../undo/store';

/** Puts a store back to the state it had when the window opened. */
function reset<S>(store: { getInitialState: () => S; setState: (state: S, replace: true) => void }): void {
  store.setState(store.getInitialState(), true);
}

/** Puts every renderer store back to the state it has when the window opens. */
export function resetStores(): void {
  reset(useRequestStore);
  reset(useCredentialsStore);
  reset(useCollectionsStore);
  reset(useSidebarUi);
  reset(useEnvironmentsStore);
  reset(useRememberedScopeStore);
  reset(useRunnerStore);
  reset(useHistoryStore);
  reset(useUndoStore);
}

/**
 * A fresh main and fresh stores for every test; rendered trees are unmounted and main
 * closed after each. Returns the running main of the current test.
 */
export function withRealMain(options: MainOptions | (() => MainOptions) = {}): () => RunningMain {
  let running: RunningMain | undefined;
  beforeEach(async () => {
    resetStores();
    running = await startMain(typeof options === 'function' ? options() : options);
  });
  afterEach(async () => {
    // Unmount first: effects (polling, countdowns) must not call a main that is gone.
    cleanup();
    await stopMain();
    running = undefined;
  });
  afterAll(stopMain);
  return () => {
    if (!running) throw new Error('main runs only inside a test');
    return running;
  };
}
