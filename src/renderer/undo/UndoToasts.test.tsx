// @vitest-environment happy-dom
import { withRealMain } from '../test/setup';
import { must } from '../test/real-main';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import { beforeEach, expect, it } from 'vitest';
import { CollectionsSidebar } from '../collections/CollectionsSidebar';
import { CredentialsPanel } from '../credentials/CredentialsPanel';
import { treeNames } from '../test/dom';
import { seedPets } from '../test/workspace';
import { deleteEnvironment, loadWorkspace, setActiveEnvironment } from '../workflows';
import { useRequestStore } from '../request/store';
import { UndoToasts } from './UndoToasts';

withRealMain();
let user: UserEvent;
beforeEach(() => {
  user = userEvent.setup({ delay: null });
});

async function deleteRow(name: string): Promise<void> {
  await user.click(screen.getByRole('button', { name: `Actions for ${name}` }));
  // The row menu and its dialogs are lazy panels: they appear once their code has loaded.
  await user.click(await screen.findByRole('menuitem', { name: 'Delete' }));
  const confirm = await screen.findByRole('alertdialog');
  expect(within(confirm).getByText(/You can undo it/)).toBeTruthy();
  await user.click(within(confirm).getByRole('button', { name: 'Delete' }));
}

it('a deleted request comes back in its place with Undo', async () => {
  await seedPets();
  render(
    <>
      <CollectionsSidebar />
      <UndoToasts />
    </>,
  );
  await screen.findByRole('tree', { name: 'Collections' });
  await deleteRow('List pets');
  const toasts = screen.getByRole('region', { name: 'Undo' });
  await within(toasts).findByText('Deleted request “List pets”');
  await waitFor(() => expect(treeNames()).toEqual(['Pets', 'Admin']));
  await user.click(within(toasts).getByRole('button', { name: 'Undo' }));
  await waitFor(() => expect(treeNames()).toEqual(['Pets', 'List pets', 'Admin']));
  expect(within(toasts).queryByText(/Deleted/)).toBeNull();
});

it('a deleted collection comes back whole; Undo of a request inside it first says why not', async () => {
  await seedPets();
  render(
    <>
      <CollectionsSidebar />
      <UndoToasts />
    </>,
  );
  await screen.findByRole('tree', { name: 'Collections' });
  await deleteRow('List pets');
  const toasts = screen.getByRole('region', { name: 'Undo' });
  await within(toasts).findByText('Deleted request “List pets”');
  await deleteRow('Pets');
  await within(toasts).findByText('Deleted collection “Pets”');
  const [undoRequest, undoCollection] = within(toasts).getAllByRole('button', { name: 'Undo' });
  await user.click(undoRequest!);
  expect(await within(toasts).findByText(/undo deleting the collection first/)).toBeTruthy();
  await user.click(undoCollection!);
  await waitFor(() => expect(treeNames()).toEqual(['Pets', 'Admin']));
  await user.click(within(toasts).getByRole('button', { name: 'Try again' }));
  await waitFor(() => expect(treeNames()).toEqual(['Pets', 'List pets', 'Admin']));
});

it('a removed session is held again with Undo', async () => {
  const json = JSON.stringify({
    Credentials: {
      AccessKeyId: 'ASIAUNDOEXAMPLE0002',
      SecretAccessKey: 'undo-secret-access-key',
      SessionToken: 'undo-session-token-value',
      Expiration: '2099-01-01T00:00:00Z',
    },
    AssumedRoleUser: { AssumedRoleId: 'AROAEXAMPLE:bob', Arn: 'arn:aws:sts::111111111111:assumed-role/Admin/bob' },
  });
  await must(window.signet!.importSession({ json, region: 'us-east-1', label: 'Admin (imported)' }));
  render(
    <>
      <CredentialsPanel />
      <UndoToasts />
    </>,
  );
  await user.click(await screen.findByRole('button', { name: 'Remove session Admin (imported)' }));
  await waitFor(() => expect(screen.queryByRole('button', { name: 'Remove session Admin (imported)' })).toBeNull());
  const toasts = screen.getByRole('region', { name: 'Undo' });
  await user.click(within(toasts).getByRole('button', { name: 'Undo' }));
  expect(await screen.findByRole('button', { name: 'Remove session Admin (imported)' })).toBeTruthy();
});

it('a deleted environment comes back, and this window uses it again', async () => {
  await must(
    window.signet!.saveEnvironment({
      environment: {
        id: 'env-1',
        name: 'Staging',
        values: [{ key: 'host', value: 'x', enabled: true, secret: false }],
      },
    }),
  );
  await loadWorkspace();
  await setActiveEnvironment('env-1');
  render(<UndoToasts />);
  await deleteEnvironment('env-1');
  expect(useRequestStore.getState().environmentId).toBeUndefined();
  const toasts = screen.getByRole('region', { name: 'Undo' });
  await within(toasts).findByText('Deleted environment “Staging”');
  await user.click(within(toasts).getByRole('button', { name: 'Undo' }));
  await waitFor(() => expect(useRequestStore.getState().environmentId).toBe('env-1'));
  expect((await must(window.signet!.loadWorkspace({}))).workspace.activeEnvironmentId).toBe('env-1');
});
