// @vitest-environment happy-dom
import { withRealMain } from '../test/setup';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import { mkdtemp, rm } from 'node:fs/promises';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startSandbox, type Sandbox } from '../../main/sandbox';
import { followMainEvents } from '../workflows';
import { CredentialsPanel } from './CredentialsPanel';
import { SsoSignIn } from './SsoSignIn';
import { useSsoStore } from './sso-store';
import { useCredentialsStore } from './store';

let sandbox: Sandbox;
let home: string;
const savedHome = process.env.HOME;

beforeAll(async () => {
  // The token cache lives under HOME: keep it in a temp dir, away from the user's ~/.aws/sso.
  home = await mkdtemp(join(tmpdir(), 'signet-sso-ui-'));
  process.env.HOME = home;
  sandbox = await startSandbox({ sso: { intervalSeconds: 1 } });
});
afterAll(async () => {
  await sandbox.close();
  process.env.HOME = savedHome;
  await rm(home, { recursive: true, force: true });
});

withRealMain(() => ({
  awsConfig: [
    '[sso-session sandbox]',
    `sso_start_url = ${sandbox.ssoStartUrl}`,
    'sso_region = us-east-1',
    '[services local]',
    'sso_oidc =',
    `  endpoint_url = ${sandbox.oidcEndpoint}`,
    'sso =',
    `  endpoint_url = ${sandbox.portalEndpoint}`,
    '[profile dev]',
    'sso_session = sandbox',
    `sso_account_id = ${sandbox.ssoAccountId}`,
    `sso_role_name = ${sandbox.ssoRoleName}`,
    'services = local',
    '',
  ].join('\n'),
}));

let user: UserEvent;
let stopEvents: () => void;
beforeEach(async () => {
  // Each test starts signed out (no cached token).
  await rm(join(home, '.aws'), { recursive: true, force: true });
  useSsoStore.setState(useSsoStore.getInitialState(), true);
  user = userEvent.setup({ delay: null });
  stopEvents = followMainEvents();
});
afterEach(() => stopEvents());

/** Visits a link as the user's browser would (happy-dom's fetch applies CORS; a browser tab does not). */
function visit(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    get(url, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    }).on('error', reject);
  });
}

const initial = () => ({
  startUrl: sandbox.ssoStartUrl,
  region: sandbox.ssoRegion,
  oidcEndpoint: sandbox.oidcEndpoint,
  portalEndpoint: sandbox.portalEndpoint,
  stsEndpoint: sandbox.stsEndpoint,
});

describe('SsoSignIn against the sandbox through the real main', () => {
  it('shows the code and link, follows the polling, lists accounts to search and pick from, and makes a session', async () => {
    const onDone = vi.fn<(sessionId: string) => void>();
    render(<SsoSignIn onDone={onDone} onCancel={() => undefined} initial={initial()} />);
    // The config's sso-session is offered beside a typed start URL.
    await waitFor(() => expect(screen.getByRole('option', { name: /^sso-session sandbox/ })).toBeTruthy());
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    const link = await screen.findByTestId('sso-verification-link');
    const href = link.getAttribute('href')!;
    expect(href).toMatch(/\/sso\/device\?user_code=[A-Z]{4}-[A-Z]{4}$/);
    expect(screen.getByRole('status').textContent).toContain(href.split('=')[1]!);
    await waitFor(
      () => expect(screen.getByTestId('sso-progress').textContent).toMatch(/\([1-9]\d* checks?, every 1 s/),
      {
        timeout: 5000,
      },
    );
    expect(await visit(href)).toBe(200);

    await screen.findByTestId('sso-signed-in', {}, { timeout: 5000 });
    await screen.findByRole('list', { name: 'SSO accounts' });
    await user.type(screen.getByRole('searchbox', { name: 'Search accounts and roles' }), 'nothing-like-this');
    expect(screen.getByText('No account or role matches.')).toBeTruthy();
    await user.clear(screen.getByRole('searchbox', { name: 'Search accounts and roles' }));
    await user.type(screen.getByRole('searchbox', { name: 'Search accounts and roles' }), '2222 signetdev');
    expect(screen.queryByRole('button', { name: 'Use SignetReadOnly in 222222222222' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Use SignetDeveloper in 222222222222' }));

    await waitFor(() => expect(onDone).toHaveBeenCalledTimes(1));
    const session = useCredentialsStore.getState().sessions.find((s) => s.id === onDone.mock.calls[0]![0]);
    expect(session?.sso).toMatchObject({ accountId: '222222222222', roleName: 'SignetDeveloper' });
    expect(session?.assumedRoleArn).toMatch(/AWSReservedSSO_SignetDeveloper_/);
  });

  it('a refusal in the browser is shown, and the form is back to try again', async () => {
    render(<SsoSignIn onDone={() => undefined} onCancel={() => undefined} initial={initial()} />);
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    const link = await screen.findByTestId('sso-verification-link');
    expect(await visit(`${link.getAttribute('href')!}&decision=deny`)).toBe(200);
    await screen.findByText(/The sign-in was refused in the browser/, {}, { timeout: 5000 });
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeTruthy();
  });

  it('"Use the demo sandbox" fills in the demo IAM Identity Center, which signs in like any other', async () => {
    render(<SsoSignIn onDone={() => undefined} onCancel={() => undefined} />);
    await user.click(screen.getByRole('button', { name: 'Use the demo sandbox' }));
    await waitFor(() =>
      expect(screen.getByRole<HTMLInputElement>('textbox', { name: 'Start URL' }).value).toMatch(
        /^http:\/\/127\.0\.0\.1:\d+\/sso\/start$/,
      ),
    );
    const startUrl = screen.getByRole<HTMLInputElement>('textbox', { name: 'Start URL' }).value;
    expect(startUrl).not.toBe(sandbox.ssoStartUrl);
    expect(screen.getByRole<HTMLInputElement>('textbox', { name: 'OIDC endpoint' }).value).toBe(
      startUrl.replace(/start$/, 'oidc'),
    );
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    const link = await screen.findByTestId('sso-verification-link');
    expect(await visit(link.getAttribute('href')!)).toBe(200);
    await screen.findByRole('button', { name: 'Use SignetDeveloper in 222222222222' }, { timeout: 5000 });
  });

  it('an SSO profile in the profile list signs in with its own settings (endpoints from its services section)', async () => {
    render(<CredentialsPanel />);
    const profile = await screen.findByRole('article', { name: 'Profile dev' });
    await user.click(within(profile).getByRole('button', { name: 'Sign in' }));
    // The sign-in form is a lazy panel: it appears once its code has loaded.
    expect((await screen.findByRole<HTMLSelectElement>('combobox', { name: 'SSO configuration' })).value).toBe(
      'profile:dev',
    );
    await user.click(
      within(screen.getByRole('form', { name: 'SSO sign-in' })).getByRole('button', { name: 'Sign in' }),
    );
    const link = await screen.findByTestId('sso-verification-link');
    expect(link.getAttribute('href')!.startsWith(`${sandbox.apiUrl}/sso/device?user_code=`)).toBe(true);
    expect(await visit(link.getAttribute('href')!)).toBe(200);
    await user.click(
      await screen.findByRole('button', { name: 'Use SignetDeveloper in 222222222222' }, { timeout: 5000 }),
    );
    const card = await screen.findByRole('article', { name: /Session SignetDeveloper @ 222222222222/ });
    await user.click(within(card).getByRole('button', { name: /^Details for/ }));
    expect(within(card).getByTestId('session-sso').textContent).toContain(
      'SignetDeveloper in 222222222222; sign-in ends',
    );
  });
});
