// @vitest-environment happy-dom
import { withRealMain } from '../test/setup';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { useCollectionsStore } from '../collections/store';
import { useRequestStore } from '../request/store';
import { startLoopback, type Loopback } from '../test/loopback';
import { useEnvironmentsStore } from './store';
import { deleteEnvironment, saveEnvironment, setActiveEnvironment } from '../workflows';

withRealMain();
let server: Loopback;
beforeEach(async () => {
  server = await startLoopback((request, response) => response.end(request.url));
  await useCollectionsStore.getState().loadWorkspace();
});
afterEach(() => server.close());

const store = () => useEnvironmentsStore.getState();
const environments = () => {
  const { load } = useCollectionsStore.getState();
  return load.status === 'success' ? load.workspace.environments : [];
};

async function saveLocal(values: Array<{ key: string; value: string; secret?: boolean }>) {
  const outcome = await saveEnvironment({
    id: 'env-local',
    name: 'Local',
    values: values.map((v) => ({ enabled: true, secret: false, ...v })),
  });
  expect(outcome).toMatchObject({ ok: true });
  return outcome;
}

it('opens and closes the editor on an environment', () => {
  expect(store().editor).toEqual({ open: false });
  store().openEditor('env-1');
  expect(store().editor).toEqual({ open: true, environmentId: 'env-1' });
  store().closeEditor();
  expect(store().editor).toEqual({ open: false });
});

it('saves an environment in main, keeping a secret value as a reference', async () => {
  await saveLocal([
    { key: 'base', value: server.url },
    { key: 'token', value: 'hunter2', secret: true },
  ]);
  const [local] = environments();
  expect(local?.name).toBe('Local');
  expect(local?.values[0]?.value).toBe(server.url);
  expect(local?.values[1]?.value).toMatch(/^secret:/);
});

it('the active environment fills {{variables}} when the request is sent', async () => {
  await saveLocal([{ key: 'base', value: server.url }]);
  expect(await setActiveEnvironment('env-local')).toMatchObject({ ok: true });
  expect(useRequestStore.getState().environmentId).toBe('env-local');
  const load = useCollectionsStore.getState().load;
  expect(load.status === 'success' && load.workspace.activeEnvironmentId).toBe('env-local');

  useRequestStore.getState().updateRequest({ url: '{{base}}/from-env' });
  await useRequestStore.getState().send();
  expect(server.received.map((r) => r.url)).toEqual(['/from-env']);
});

it('deleting the active environment stops using it', async () => {
  await saveLocal([{ key: 'base', value: server.url }]);
  await setActiveEnvironment('env-local');
  expect(await deleteEnvironment('env-local')).toMatchObject({ ok: true });
  expect(useRequestStore.getState().environmentId).toBeUndefined();
  expect(environments()).toEqual([]);
});

it('reports what main refuses', async () => {
  const outcome = await saveEnvironment({ id: 'env-x', name: 'x'.repeat(300), values: [] });
  expect(outcome.ok).toBe(false);
  expect(!outcome.ok && outcome.error.message).toMatch(/name/);
});
