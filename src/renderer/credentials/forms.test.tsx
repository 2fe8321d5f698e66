// @vitest-environment happy-dom
import { withRealMain } from '../test/setup';
import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startSandbox, type Sandbox } from '../../main/sandbox';
import { startLoopback } from '../test/loopback';
import { AssumeRoleForm } from './AssumeRoleForm';
import { ImportSessionForm } from './ImportSessionForm';
import { ManagedProfileForm } from './ManagedProfileForm';
import { useCredentialsStore } from './store';

withRealMain();

let sandbox: Sandbox;
let user: UserEvent;

beforeAll(async () => {
  sandbox = await startSandbox({ minDurationSeconds: 1 });
});
afterAll(() => sandbox.close());

beforeEach(async () => {
  user = userEvent.setup({ delay: null });
  // As in the window: the credentials panel has read the profiles before a form opens.
  await act(() => useCredentialsStore.getState().loadProfiles());
});

const field = (name: string) => screen.getByRole<HTMLInputElement>('textbox', { name });
const button = (name: string) => screen.getByRole<HTMLButtonElement>('button', { name });

describe('AssumeRoleForm', () => {
  const onDone = vi.fn<(sessionId: string) => void>();
  beforeEach(() => {
    onDone.mockReset();
    render(<AssumeRoleForm onDone={onDone} onCancel={() => undefined} />);
  });

  /** Fills the form for the sandbox's role with Account B's keys, typed. */
  async function fillForSandbox(roleArn: string, endpoint = sandbox.stsEndpoint): Promise<void> {
    await user.selectOptions(screen.getByRole('combobox', { name: 'Source credentials' }), 'Access keys');
    await user.type(field('Source access key ID'), sandbox.accountBUser.accessKeyId);
    await user.type(screen.getByLabelText('Source secret access key'), sandbox.accountBUser.secretAccessKey);
    await user.tab();
    await waitFor(() => expect(screen.getByTestId('Source secret access key state').textContent).toMatch(/^stored/));
    await user.type(field('Role ARN'), roleArn);
    await user.clear(field('STS region'));
    await user.type(field('STS region'), sandbox.region);
    await user.type(field('STS endpoint'), endpoint);
  }

  it('says what a role ARN looks like and will not submit a wrong one', async () => {
    await user.type(field('Role ARN'), 'arn:aws:iam::12345:role/Short');
    expect(screen.getByText('Role ARN must look like arn:aws:iam::123456789012:role/RoleName')).toBeTruthy();
    expect(button('Assume role').disabled).toBe(true);
    await user.clear(field('Role ARN'));
    await user.type(field('Role ARN'), 'arn:aws:iam::123456789012:role/Fine');
    expect(screen.queryByText(/Role ARN must look like/)).toBeNull();
    expect(button('Assume role').disabled).toBe(false);
  });

  it('asks for an MFA code only once an MFA serial is given', async () => {
    expect(screen.queryByRole('textbox', { name: 'MFA code' })).toBeNull();
    await user.type(field('MFA serial'), 'arn:aws:iam::123456789012:mfa/me');
    expect(field('MFA code')).toBeTruthy();
  });

  it('assumes the role in main and reports the new session', async () => {
    await fillForSandbox(sandbox.roleArn);
    await user.click(button('Assume role'));
    await waitFor(() => expect(onDone).toHaveBeenCalledTimes(1));
    const [sessionId] = onDone.mock.calls[0]!;
    const session = useCredentialsStore.getState().sessions.find((s) => s.id === sessionId);
    expect(session?.assumedRoleArn).toMatch(/^arn:aws:sts::\d{12}:assumed-role\/SignetInvokeRole\/signet$/);
  });

  it("shows STS's refusal", async () => {
    await fillForSandbox(sandbox.untrustedRoleArn);
    await user.click(button('Assume role'));
    const alert = await screen.findByRole('alert', {}, { timeout: 10_000 });
    expect(alert.textContent).toContain('is not authorized to perform: sts:AssumeRole');
    expect(onDone).not.toHaveBeenCalled();
    expect(button('Assume role').disabled).toBe(false);
  });

  it('is busy while STS answers', async () => {
    let answer: () => void = () => undefined;
    const slowSts = await startLoopback((_request, response) => {
      answer = () => {
        response.statusCode = 403;
        response.setHeader('content-type', 'text/xml');
        response.end(
          '<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>Not today</Message></Error></ErrorResponse>',
        );
      };
    });
    try {
      await fillForSandbox(sandbox.roleArn, slowSts.url);
      await user.click(button('Assume role'));
      await waitFor(() => expect(slowSts.received).toHaveLength(1));
      expect(button('Assuming…').disabled).toBe(true);
      answer();
      expect((await screen.findByRole('alert', {}, { timeout: 10_000 })).textContent).toContain('Not today');
      expect(button('Assume role').disabled).toBe(false);
    } finally {
      await slowSts.close();
    }
  });
});

describe('ManagedProfileForm', () => {
  const onDone = vi.fn<() => void>();
  beforeEach(() => onDone.mockReset());

  async function fill(name: string, accessKeyId: string, secret: string): Promise<void> {
    if (name) await user.type(field('Profile name'), name);
    if (accessKeyId) await user.type(field('Profile access key ID'), accessKeyId);
    if (secret) await user.type(screen.getByLabelText('Profile secret access key'), secret);
  }

  it('needs a name, a key id and a secret before it saves', async () => {
    render(<ManagedProfileForm encrypted={false} onDone={onDone} onCancel={() => undefined} />);
    expect(button('Save keys').disabled).toBe(true);
    await fill('ci', 'AKIAIOSFODNN7EXAMPLE', '');
    expect(button('Save keys').disabled).toBe(true);
    await fill('', '', 'secret');
    expect(button('Save keys').disabled).toBe(false);
  });

  it('saves the keys in main; the profile is listed and the secret is gone from the form', async () => {
    render(<ManagedProfileForm encrypted={false} onDone={onDone} onCancel={() => undefined} />);
    await fill('ci', 'AKIAIOSFODNN7EXAMPLE', 'wJalrXUtnFEMI/K7MDENG');
    await user.click(button('Save keys'));
    await waitFor(() => expect(onDone).toHaveBeenCalledTimes(1));
    expect(screen.getByLabelText<HTMLInputElement>('Profile secret access key').value).toBe('');
    const profiles = useCredentialsStore.getState().profiles;
    const ci = profiles.status === 'success' ? profiles.value.profiles.find((p) => p.name === 'ci') : undefined;
    expect(ci).toMatchObject({ kind: 'managed', storage: 'memory', maskedAccessKeyId: expect.stringMatching(/^AKIA/) });
  });

  it("shows main's reason for refusing the keys", async () => {
    render(<ManagedProfileForm encrypted={false} onDone={onDone} onCancel={() => undefined} />);
    await fill('ci', 'not-a-key-id', 'secret');
    await user.click(button('Save keys'));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('access key id: 16-128 upper-case letters and digits');
    expect(onDone).not.toHaveBeenCalled();
  });

  it('offers a plain file only where the OS cannot encrypt', () => {
    const { unmount } = render(<ManagedProfileForm encrypted={false} onDone={onDone} onCancel={() => undefined} />);
    expect(screen.getByRole('checkbox', { name: /Keep across restarts in a plain file/ })).toBeTruthy();
    unmount();
    render(<ManagedProfileForm encrypted={true} onDone={onDone} onCancel={() => undefined} />);
    expect(screen.queryByRole('checkbox')).toBeNull();
    expect(screen.getByText("The secret is encrypted at rest by the operating system's keychain.")).toBeTruthy();
  });
});

describe('ImportSessionForm', () => {
  const onDone = vi.fn<() => void>();
  beforeEach(() => {
    onDone.mockReset();
    render(<ImportSessionForm onDone={onDone} onCancel={() => undefined} />);
  });

  const paste = async (text: string) => {
    await user.click(screen.getByRole('textbox', { name: 'Assume-role JSON' }));
    await user.paste(text);
  };

  it('has nothing to add until JSON is pasted', async () => {
    expect(button('Add session').disabled).toBe(true);
    await paste('{}');
    expect(button('Add session').disabled).toBe(false);
  });

  it('says when the pasted text is not JSON', async () => {
    await paste('Credentials: none');
    await user.click(button('Add session'));
    expect((await screen.findByRole('alert')).textContent).toMatch(/^The pasted text is not JSON\./);
    expect(onDone).not.toHaveBeenCalled();
  });

  it('says when the JSON is not an AssumeRole result', async () => {
    await paste('{"Credentials": {"AccessKeyId": "ASIAEXAMPLE"}}');
    await user.click(button('Add session'));
    expect((await screen.findByRole('alert')).textContent).toMatch(/^The pasted JSON is not an AssumeRole result/);
  });

  it('adds the session under the given label and forgets the JSON', async () => {
    const expiration = new Date(Date.now() + 3600_000).toISOString();
    await paste(
      JSON.stringify({
        Credentials: {
          AccessKeyId: 'ASIAIOSFODNN7EXAMPLE',
          SecretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
          SessionToken: 'FwoGZXIvYXdzEXAMPLETOKEN',
          Expiration: expiration,
        },
        AssumedRoleUser: {
          AssumedRoleId: 'AROA3XFRBF535PLBIFPI4:me',
          Arn: 'arn:aws:sts::123456789012:assumed-role/Dev/me',
        },
      }),
    );
    await user.type(field('Session label'), 'Pasted dev');
    await user.click(button('Add session'));
    await waitFor(() => expect(onDone).toHaveBeenCalledTimes(1));
    expect(screen.getByRole<HTMLTextAreaElement>('textbox', { name: 'Assume-role JSON' }).value).toBe('');
    const [session] = useCredentialsStore.getState().sessions;
    expect(session).toMatchObject({
      label: 'Pasted dev',
      assumedRoleArn: 'arn:aws:sts::123456789012:assumed-role/Dev/me',
      account: '123456789012',
      refreshable: false,
    });
    expect(Date.parse(session!.expiresAt)).toBe(Date.parse(expiration));
  });
});
