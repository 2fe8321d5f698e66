// @vitest-environment happy-dom
import { withRealMain } from '../test/setup';
import { must } from '../test/real-main';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../main/sandbox';
import type { AwsSigV4Auth } from '../../shared/model';
import { useCredentialsStore } from '../credentials/store';
import { RequestBuilder } from '../request/RequestBuilder';
import { useRequestStore } from '../request/store';
import { ResponsePane } from '../response/ResponsePane';
import { openTab, responseStatus } from '../test/dom';
import { AuthTab } from './AuthTab';

withRealMain({
  awsConfig:
    '[profile dev]\nregion = eu-west-1\nrole_arn = arn:aws:iam::123456789012:role/Dev\nsource_profile = default\n',
  awsCredentials: '[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = not-a-real-secret\n',
});

let sandbox: Sandbox;
let user: UserEvent;

beforeAll(async () => {
  sandbox = await startSandbox({ minDurationSeconds: 1 });
});
afterAll(() => sandbox.close());

beforeEach(async () => {
  user = userEvent.setup({ delay: null });
  // As in the window, where the credentials panel reads the profiles at start. Before they
  // arrive the AWS Signature form cannot render (see the known-bug test at the end).
  await act(() => useCredentialsStore.getState().loadProfiles());
  render(
    <>
      <RequestBuilder authTab={<AuthTab />} />
      <ResponsePane />
    </>,
  );
  await openTab(user, 'Auth', 'Request builder');
});

const activeAuth = () => useRequestStore.getState().tabs[0]!.request.auth;
const awsAuth = () => activeAuth() as AwsSigV4Auth;
const field = (name: string) => screen.getByRole<HTMLInputElement>('textbox', { name });
const select = (name: string) => screen.getByRole<HTMLSelectElement>('combobox', { name });
const options = (name: string) =>
  within(select(name))
    .getAllByRole<HTMLOptionElement>('option')
    .map((o) => o.textContent);

async function chooseAwsSignature(url: string): Promise<void> {
  await user.type(field('Request URL'), url);
  await user.selectOptions(select('Auth type'), 'AWS Signature');
}

describe('auth type', () => {
  it('starts with no auth and offers the kinds a collection may carry', () => {
    expect(select('Auth type').value).toBe('none');
    expect(options('Auth type')).toEqual([
      'No auth',
      'Inherit from folder / collection',
      'AWS Signature',
      'Bearer token',
      'Basic auth',
      'API key',
    ]);
  });

  it('shows the AWS Signature form with access keys as the default source', async () => {
    await chooseAwsSignature('https://example.com/');
    expect(select('Credential source').value).toBe('keys');
    expect(field('Access key ID').value).toBe('');
    expect(screen.getByLabelText('Secret access key')).toBeTruthy();
    expect(screen.getByLabelText('Session token')).toBeTruthy();
    expect(select('Add auth data to').value).toBe('headers');
    expect(activeAuth().type).toBe('awsv4');
  });

  it('asks for an expiry only for presigned URLs', async () => {
    await chooseAwsSignature('https://example.com/');
    expect(screen.queryByRole('spinbutton', { name: 'Presigned URL expiry' })).toBeNull();
    await user.selectOptions(select('Add auth data to'), 'URL (presigned)');
    const expiry = screen.getByRole<HTMLInputElement>('spinbutton', { name: 'Presigned URL expiry' });
    expect(expiry.value).toBe('900');
    fireEvent.change(expiry, { target: { value: '60' } });
    expect(awsAuth().expiresSeconds).toBe(60);
    fireEvent.change(expiry, { target: { value: '9999999' } });
    expect(awsAuth().expiresSeconds).toBe(604800);
    expect(awsAuth().addAuthDataTo).toBe('query');
  });
});

describe('region and service', () => {
  it('are derived from an execute-api host until typed', async () => {
    await chooseAwsSignature('https://a1b2c3.execute-api.eu-west-2.amazonaws.com/prod/pets');
    expect(field('AWS region').placeholder).toBe('eu-west-2');
    expect(field('AWS service').placeholder).toBe('execute-api');
    expect(screen.getByTestId('derived-scope').textContent).toBe('Derived from the host: eu-west-2 / execute-api');

    await user.type(field('AWS region'), 'us-west-1');
    expect(screen.getByTestId('derived-scope').textContent).toBe('Derived from the host: us-west-1 / execute-api');

    await user.type(field('AWS service'), 'execute-api');
    expect(screen.queryByTestId('derived-scope')).toBeNull();
    expect([awsAuth().region, awsAuth().service]).toEqual(['us-west-1', 'execute-api']);
  });

  it('are not derived from a host that is not AWS', async () => {
    await chooseAwsSignature('http://127.0.0.1:8080/pets');
    expect(field('AWS region').placeholder).toBe('Required, e.g. us-east-1');
    expect(field('AWS service').placeholder).toBe('Required, e.g. execute-api');
    expect(screen.queryByTestId('derived-scope')).toBeNull();
  });
});

describe('service rules', () => {
  it('shows S3 rules and offers UNSIGNED-PAYLOAD for an S3 host', async () => {
    await chooseAwsSignature('https://my-bucket.s3.eu-west-1.amazonaws.com/photos/a%20b.jpg');
    expect(screen.getByTestId('derived-scope').textContent).toBe('Derived from the host: eu-west-1 / s3');
    expect(screen.getByTestId('signing-rules').textContent).toMatch(/^S3 rules: path signed exactly as sent/);
    expect(options('Payload hash')).toEqual(['Signed payload (SHA-256 of the body)', 'UNSIGNED-PAYLOAD']);
    expect(awsAuth().payloadHash).toBeUndefined();
    await user.selectOptions(select('Payload hash'), 'UNSIGNED-PAYLOAD');
    expect(awsAuth().payloadHash).toBe('unsigned');
    // A presigned S3 URL always signs UNSIGNED-PAYLOAD: no choice to offer.
    await user.selectOptions(select('Add auth data to'), 'URL (presigned)');
    expect(screen.queryByRole('combobox', { name: 'Payload hash' })).toBeNull();
  });

  it('keeps standard rules, without a payload choice, for execute-api', async () => {
    await chooseAwsSignature('https://a1b2c3.execute-api.eu-west-2.amazonaws.com/prod/pets');
    expect(screen.getByTestId('signing-rules').textContent).toMatch(/^Standard SigV4/);
    expect(screen.queryByRole('combobox', { name: 'Payload hash' })).toBeNull();
  });
});

describe('credential source', () => {
  it('hands a typed secret to main and keeps only a masked reference', async () => {
    await chooseAwsSignature('https://example.com/');
    await user.type(field('Access key ID'), 'AKIDEXAMPLE');
    const secret = screen.getByLabelText<HTMLInputElement>('Secret access key');
    await user.type(secret, 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY');
    await user.tab();

    await waitFor(() => expect(screen.getByTestId('Secret access key state').textContent).toMatch(/^stored: /));
    const source = awsAuth().source;
    expect(source).toMatchObject({ kind: 'keys', accessKeyId: 'AKIDEXAMPLE' });
    expect(source.kind === 'keys' && source.secretAccessKey).toMatch(/^secret:/);
    expect(secret.value).toBe('');
    expect(document.body.innerHTML).not.toContain('wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY');
    expect(JSON.stringify(useRequestStore.getState())).not.toContain('wJalrXUtnFEMI');
  });

  it('keeps a {{variable}} as typed instead of storing it', async () => {
    await chooseAwsSignature('https://example.com/');
    await user.click(screen.getByLabelText('Session token'));
    await user.paste('{{token}}');
    await user.keyboard('{Enter}');
    expect(screen.getByTestId('Session token state').textContent).toMatch(/^variable: \{\{token\}\}/);
    expect(awsAuth().source).toMatchObject({ sessionToken: '{{token}}' });
  });

  it('lists the profiles of the AWS files', async () => {
    await chooseAwsSignature('https://example.com/');
    await user.selectOptions(select('Credential source'), 'AWS profile');
    await waitFor(() => expect(options('Profile')).toEqual(['Choose a profile…', 'default (static)', 'dev (role)']));
    await user.selectOptions(select('Profile'), 'dev');
    expect(awsAuth().source).toEqual({ kind: 'profile', profile: 'dev' });
  });

  it('lists assumed-role sessions, and says so when there are none', async () => {
    await chooseAwsSignature('https://example.com/');
    await user.selectOptions(select('Credential source'), 'Assumed-role session');
    expect(options('Session')).toEqual(['No sessions: assume a role first']);

    const { ref } = await must(window.signet!.putSecret({ value: sandbox.accountBUser.secretAccessKey, label: 'B' }));
    await act(async () => {
      const outcome = await useCredentialsStore.getState().assumeRole({
        source: { kind: 'keys', accessKeyId: sandbox.accountBUser.accessKeyId, secretAccessKey: ref, sessionToken: '' },
        roleArn: sandbox.roleArn,
        sessionName: 'auth-tab',
        durationSeconds: 900,
        region: sandbox.region,
        endpoint: sandbox.stsEndpoint,
        autoRefresh: false,
        label: 'Pets role',
      });
      expect(outcome.ok).toBe(true);
    });
    expect(options('Session')).toEqual(['Choose a session…', expect.stringMatching(/^Pets role — arn:aws:sts::/)]);
    const [, session] = within(select('Session')).getAllByRole<HTMLOptionElement>('option');
    await user.selectOptions(select('Session'), session!.value);
    expect(awsAuth().source).toEqual({ kind: 'session', sessionId: session!.value });
  });

  it('signs with typed keys so that the sandbox answers 200', async () => {
    await chooseAwsSignature(`${sandbox.apiUrl}${sandbox.allowed.path}`);
    await user.type(field('Access key ID'), sandbox.invoker.accessKeyId);
    await user.type(screen.getByLabelText('Secret access key'), sandbox.invoker.secretAccessKey);
    await user.tab();
    await waitFor(() => expect(screen.getByTestId('Secret access key state')).toBeTruthy());
    await user.type(field('AWS region'), sandbox.region);
    await user.type(field('AWS service'), 'execute-api');
    await user.click(screen.getByRole('button', { name: 'Send' }));
    expect((await responseStatus()).textContent).toBe('200 OK');
  });

  it('remembers the region and service typed for a custom host and signs with them when left blank', async () => {
    const host = new URL(sandbox.apiUrl).hostname;
    await chooseAwsSignature(`${sandbox.apiUrl}${sandbox.allowed.path}`);
    expect((await screen.findByTestId('scope-needed')).textContent).toContain(host);
    await user.type(field('Access key ID'), sandbox.invoker.accessKeyId);
    await user.type(screen.getByLabelText('Secret access key'), sandbox.invoker.secretAccessKey);
    await user.tab();
    await waitFor(() => expect(screen.getByTestId('Secret access key state')).toBeTruthy());
    await user.type(field('AWS region'), sandbox.region);
    await user.type(field('AWS service'), 'execute-api');
    await user.click(screen.getByRole('button', { name: 'Send' }));
    expect((await responseStatus()).textContent).toBe('200 OK');

    await user.clear(field('AWS region'));
    await user.clear(field('AWS service'));
    expect((await screen.findByTestId('remembered-scope')).textContent).toBe(
      `Remembered for ${host}: ${sandbox.region} / execute-api`,
    );
    expect(field('AWS region').placeholder).toBe(sandbox.region);
    expect(screen.queryByTestId('derived-scope')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Send' }));
    await waitFor(() => {
      const response = useRequestStore.getState().tabs[0]!.response;
      expect(response.status === 'success' && response.result.signing?.rememberedForHost).toBe(host);
    });
    expect((await responseStatus()).textContent).toBe('200 OK');
  });
});

describe('known bug', () => {
  // The credential source selector returns a new [] while the profiles are not loaded,
  // which zustand 5 re-renders forever ("getSnapshot should be cached"). Turns red once fixed:
  // then make it a plain `it`.
  it('renders the AWS Signature form before the profiles have loaded', async () => {
    act(() => useCredentialsStore.setState(useCredentialsStore.getInitialState(), true));
    await chooseAwsSignature('https://example.com/');
    expect(select('Credential source').value).toBe('keys');
  });
});
