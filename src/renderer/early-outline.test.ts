// @vitest-environment happy-dom
/**
 * The outline frame is asked for when the api module loads, before the window's own event
 * listeners exist: a workspace change main announces in between must still reach the tree.
 */
import { withRealMain } from './test/setup';
import { waitFor } from '@testing-library/react';
import { expect, it } from 'vitest';
import { workspaceChangedSinceStart } from './api';
import { useCollectionsStore } from './collections/store';
import { must } from './test/real-main';
import { followMainEvents } from './workflows';

withRealMain();

it('a change announced before the window listens loads the tree once the listeners are in place', async () => {
  // An import (from another window, or `signet import` beside the app) changes the workspace
  // while nothing in this window listens yet but the early watch.
  const content = JSON.stringify({
    info: { name: 'Pets', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
    item: [{ name: 'List pets', request: { method: 'GET', url: 'https://api.example.com/pets' } }],
  });
  await must(window.signet!.importFile({ fileName: 'pets.postman_collection.json', content }));
  expect(useCollectionsStore.getState().load.status).toBe('idle');
  const stop = followMainEvents();
  try {
    await waitFor(() => {
      const load = useCollectionsStore.getState().load;
      expect(load.status === 'success' && load.workspace.collections.some((c) => c.name === 'Pets')).toBe(true);
    });
    // Reported once: the window's own listeners follow changes from here on.
    expect(workspaceChangedSinceStart()).toBe(false);
  } finally {
    stop();
  }
});
