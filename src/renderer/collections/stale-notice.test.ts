// @vitest-environment happy-dom
import { withRealMain } from '../test/setup';
import { expect, it } from 'vitest';
import { useCollectionsStore } from './store';

withRealMain();

const store = () => useCollectionsStore.getState();

it("drops a failed edit's error notice once an edit goes through, and keeps an info notice", async () => {
  await store().loadWorkspace();
  await store().createCollection('');
  expect(store().notice?.kind).toBe('error');
  await store().createCollection('Pets');
  expect(store().notice).toBeNull();

  store().setNotice({ kind: 'info', text: 'Exported pets.json' });
  await store().createCollection('More pets');
  expect(store().notice).toEqual({ kind: 'info', text: 'Exported pets.json' });
});
