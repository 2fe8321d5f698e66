// @vitest-environment happy-dom
import { withRealMain } from '../test/setup';
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../main/sandbox';
import { api } from '../api';
import { must } from '../test/real-main';
import { SessionCard } from './SessionCard';
import { useCredentialsStore } from './store';

withRealMain();

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ minDurationSeconds: 1 });
});
afterAll(() => sandbox.close());

/** Fixed: the countdown does not matter here. */
const NOW = Date.now();

function Card({ id }: { id: string }) {
  const session = useCredentialsStore((s) => s.sessions.find((x) => x.id === id));
  return session ? <SessionCard session={session} now={NOW} onUse={() => undefined} /> : null;
}

it("stops showing a refresh's failure once the session's credentials were renewed elsewhere", async () => {
  const secret = await must(api.putSecret({ value: sandbox.accountBUser.secretAccessKey }));
  const store = useCredentialsStore.getState();
  const assumed = await store.assumeRole({
    source: {
      kind: 'keys',
      accessKeyId: sandbox.accountBUser.accessKeyId,
      secretAccessKey: secret.ref,
      sessionToken: '',
    },
    roleArn: sandbox.mfaRoleArn,
    sessionName: 'stale',
    mfaSerial: sandbox.mfaSerial,
    mfaCode: sandbox.mfaCode,
    region: sandbox.region,
    endpoint: sandbox.stsEndpoint,
  });
  if (!assumed.ok) throw new Error(`assume failed: ${JSON.stringify(assumed)}`);
  const id = assumed.value.sessionId;
  render(<Card id={id} />);
  const card = screen.getByRole('article');

  // Refreshing with a wrong MFA code fails, and says so. (Sessions are compact rows: the code
  // field and Refresh are among the details.)
  const user = userEvent.setup({ delay: null });
  await user.click(within(card).getByRole('button', { name: /^Details for/ }));
  await user.type(within(card).getByLabelText('MFA code for refresh'), '000000');
  await user.click(within(card).getAllByRole('button', { name: /^refresh/i })[0]!);
  await within(card).findByRole('alert', {}, { timeout: 10_000 });

  // Renewed from elsewhere (another window, auto-refresh): the failure is about credentials that are gone.
  const before = useCredentialsStore.getState().sessions.find((s) => s.id === id)!;
  await new Promise((resolve) => setTimeout(resolve, 1100));
  await act(async () => {
    const renewed = await useCredentialsStore.getState().refreshSession(id, sandbox.mfaCode);
    if (!renewed.ok) throw new Error('refresh failed');
  });
  expect(useCredentialsStore.getState().sessions.find((s) => s.id === id)!.issuedAt).not.toBe(before.issuedAt);
  expect(within(card).queryByRole('alert')).toBeNull();
});
