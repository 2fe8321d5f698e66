import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test, type SandboxInfo } from './fixtures';

interface Message {
  readonly direction: 'renderer→main' | 'main→renderer';
  readonly call: string;
  readonly text: string;
}

/** Records every call between the renderer and main (the browser host's /api traffic). */
function recordMessages(page: Page): Message[] {
  const messages: Message[] = [];
  page.on('request', (request) => {
    const call = /\/api\/(\w+)$/.exec(request.url())?.[1];
    if (call) messages.push({ direction: 'renderer→main', call, text: request.postData() ?? '' });
  });
  page.on('response', async (response) => {
    const call = /\/api\/(\w+)$/.exec(response.url())?.[1];
    if (call) messages.push({ direction: 'main→renderer', call, text: await response.text().catch(() => '') });
  });
  return messages;
}

async function addAccountBKeys(page: Page, sandbox: SandboxInfo) {
  await page.getByRole('button', { name: 'Add keys' }).click();
  await page.getByLabel('Profile name').fill('account-b');
  await page.getByLabel('Profile access key ID').fill(sandbox.accountB.accessKeyId);
  await page.getByLabel('Profile secret access key').fill(sandbox.accountB.secretAccessKey);
  await page.getByRole('button', { name: 'Save keys' }).click();
  await expect(page.getByRole('article', { name: 'Profile account-b' })).toBeVisible();
}

async function assumeRole(
  page: Page,
  sandbox: SandboxInfo,
  sessionName: string,
  durationSeconds: number,
  { autoRefresh = true } = {},
) {
  await page.getByRole('button', { name: 'Assume role' }).first().click();
  const form = page.getByRole('form', { name: 'Assume role' });
  await form.getByLabel('Source profile').selectOption('account-b');
  await form.getByLabel('Role ARN').fill(sandbox.roleArn);
  await form.getByLabel('Session name').fill(sessionName);
  await form.getByLabel('Duration seconds').fill(String(durationSeconds));
  await form.getByLabel('STS endpoint').fill(sandbox.stsEndpoint);
  await form.getByLabel('Refresh automatically before it expires').setChecked(autoRefresh);
  await form.getByRole('button', { name: 'Assume role' }).click();
  await expect(form).toBeHidden();
}

async function sendTo(page: Page, url: string) {
  await page.getByLabel('Request URL').fill(url);
  await page.getByRole('button', { name: 'Send' }).click();
}

test.describe('profiles, AssumeRole and the session viewer against the sandbox', () => {
  test('cross-account: assume → 200, outside the policy → 403, no role → 403; no secret ever reaches the renderer', async ({
    appPage: page,
    sandbox,
  }) => {
    const messages = recordMessages(page);
    await addAccountBKeys(page, sandbox);
    await assumeRole(page, sandbox, 'e2e-session', 3600);

    const card = page.getByRole('article', { name: /Session / });
    // A compact row: the role ARN and the actions are one click away.
    await card.getByRole('button', { name: /^Details for/ }).click();
    await expect(card.getByTestId('session-arn')).toHaveText(
      'arn:aws:sts::111111111111:assumed-role/SignetInvokeRole/e2e-session',
    );
    await expect(card.getByTestId('session-state')).toHaveText('Fresh');
    await expect(card.getByTestId('session-countdown')).toHaveText(/^(59m|1h 00m) \d\ds$/);
    await card.getByRole('button', { name: 'Who am I' }).click();
    await expect(card.getByTestId('who-am-i')).toContainText('assumed-role/SignetInvokeRole/e2e-session');

    // Assuming a role never switches the open request by itself: the user says so.
    await page.getByRole('tab', { name: /^Auth/ }).click();
    await expect(page.getByLabel('Credential source')).toHaveCount(0);
    await page
      .getByRole('status')
      .filter({ hasText: 'is ready' })
      .getByRole('button', { name: 'Use in this request' })
      .click();
    // The sandbox needs an explicit scope.
    await expect(page.getByLabel('Credential source')).toHaveValue('session');
    await page.getByLabel('AWS region').fill(sandbox.region);
    await page.getByLabel('AWS service').fill('execute-api');
    await expect(page.getByTestId('expiry-indicator')).toContainText(/\d+m \d\ds/);

    await sendTo(page, `${sandbox.apiUrl}${sandbox.allowed.path}`);
    await expect(page.getByTestId('response-status')).toHaveText('200 OK');
    await expect(page.getByLabel('Response body')).toContainText('assumed-role/SignetInvokeRole/e2e-session');

    await sendTo(page, `${sandbox.apiUrl}${sandbox.denied.path}`);
    await expect(page.getByTestId('response-status')).toHaveText('403 Forbidden');
    const why = page.getByRole('note', { name: 'Why this failed' });
    await expect(why).toContainText('is not authorized to perform: execute-api:Invoke');
    await expect(why).toContainText('explicit deny');

    // Account B's own keys, without the role.
    await page.getByLabel('Credential source').selectOption('profile');
    await page.getByLabel('Profile', { exact: true }).selectOption('account-b');
    await sendTo(page, `${sandbox.apiUrl}${sandbox.allowed.path}`);
    await expect(page.getByTestId('response-status')).toHaveText('403 Forbidden');
    await expect(why).toContainText('user/developer is not authorized to perform: execute-api:Invoke');

    expect(messages.length).toBeGreaterThan(10);
    for (const message of messages) {
      // Every sandbox session token starts like a real one; none may cross in either direction.
      expect(message.text, `${message.direction} ${message.call}`).not.toContain('IQoJb3JpZ2luX2Vj');
      expect(message.text, `${message.direction} ${message.call}`).not.toMatch(/"(SecretAccessKey|SessionToken)"/);
      // Account B's secret was typed once (write-only, to main) and never comes back.
      if (message.direction === 'main→renderer' || message.call !== 'addManagedProfile') {
        expect(message.text, `${message.direction} ${message.call}`).not.toContain(sandbox.accountB.secretAccessKey);
      }
    }
    for (const message of messages.filter((m) => m.direction === 'renderer→main')) {
      for (const [, field, value] of message.text.matchAll(/"(secretAccessKey|sessionToken)":"([^"]*)"/g)) {
        if (message.call === 'addManagedProfile') continue;
        expect(
          value === '' || value!.startsWith('secret:') || value!.startsWith('{{'),
          `${message.call} ${field}`,
        ).toBe(true);
      }
    }
  });

  test('a short session turns to expired in the viewer and refreshes', async ({ appPage: page, sandbox }) => {
    await addAccountBKeys(page, sandbox);
    await assumeRole(page, sandbox, 'short-lived', 4, { autoRefresh: false });
    const card = page.getByRole('article', { name: /Session / });
    await expect(card.getByTestId('session-state')).toHaveText('Expiring soon');
    await expect(card.getByTestId('session-state')).toHaveText('Expired', { timeout: 15_000 });
    await expect(card.getByTestId('session-countdown')).toHaveText('expired');

    await card.getByRole('button', { name: 'Re-assume' }).click();
    await expect(card.getByTestId('session-state')).toHaveText('Expiring soon');
    await expect(card.getByTestId('session-countdown')).toHaveText(/^\ds$/);
  });

  test('main refreshes a session by itself and the viewer follows its event', async ({ appPage: page, sandbox }) => {
    await addAccountBKeys(page, sandbox);
    await assumeRole(page, sandbox, 'self-refreshing', 4);
    const card = page.getByRole('article', { name: /Session / });
    const expiry = card.locator('time');
    const first = await expiry.getAttribute('datetime');
    // Main re-assumes half-way through; only its sessionChanged event can move the time shown.
    const calls = recordMessages(page);
    await expect(expiry).not.toHaveAttribute('datetime', first!, { timeout: 10_000 });
    await page.waitForTimeout(4_500);
    await expect(card.getByTestId('session-state')).not.toHaveText('Expired');
    // The re-reads follow events: no refresh call came from the renderer.
    expect(calls.filter((m) => m.direction === 'renderer→main' && m.call === 'refreshSession')).toEqual([]);
  });

  test('assuming a role that does not trust the caller shows STS’s reason', async ({ appPage: page, sandbox }) => {
    await addAccountBKeys(page, sandbox);
    await page.getByRole('button', { name: 'Assume role' }).first().click();
    const form = page.getByRole('form', { name: 'Assume role' });
    await form.getByLabel('Source profile').selectOption('account-b');
    await form.getByLabel('Role ARN').fill(sandbox.untrustedRoleArn);
    await form.getByLabel('STS endpoint').fill(sandbox.stsEndpoint);
    await form.getByRole('button', { name: 'Assume role' }).click();
    await expect(form.getByRole('alert')).toContainText('is not authorized to perform: sts:AssumeRole');
  });

  test('pasting `aws sts assume-role` JSON creates a session; garbage is refused', async ({ appPage: page }) => {
    await page.getByRole('button', { name: 'Paste JSON' }).click();
    const form = page.getByRole('form', { name: 'Paste assume-role JSON' });
    await form.getByLabel('Assume-role JSON').fill('{"not": "credentials"}');
    await form.getByRole('button', { name: 'Add session' }).click();
    await expect(form.getByRole('alert')).toBeVisible();
    const expiration = new Date(Date.now() + 3_600_000).toISOString();
    await form.getByLabel('Assume-role JSON').fill(
      JSON.stringify({
        Credentials: {
          AccessKeyId: 'ASIAEXAMPLEEXAMPLE12',
          SecretAccessKey: 'pasted-secret-value-0123456789abcdefghijkl',
          SessionToken: 'IQoJb3JpZ2luX2VjEXAMPLE',
          Expiration: expiration,
        },
        AssumedRoleUser: {
          AssumedRoleId: 'AROAEXAMPLE:pasted',
          Arn: 'arn:aws:sts::111111111111:assumed-role/Pasted/pasted',
        },
      }),
    );
    await form.getByRole('button', { name: 'Add session' }).click();
    const card = page.getByRole('article', { name: /Session / });
    await card.getByRole('button', { name: /^Details for/ }).click();
    await expect(card.getByTestId('session-arn')).toHaveText('arn:aws:sts::111111111111:assumed-role/Pasted/pasted');
    await expect(page.locator('body')).not.toContainText('pasted-secret-value');
  });
});

test.describe('profiles from the AWS files', () => {
  test('a role profile with mfa_serial asks for the code in the UI, then signs and caches', async ({
    app,
    openApp,
    sandbox,
  }) => {
    writeFileSync(
      join(app.dataDir, 'aws-credentials'),
      `[account-b]\naws_access_key_id = ${sandbox.accountB.accessKeyId}\naws_secret_access_key = ${sandbox.accountB.secretAccessKey}\n`,
    );
    writeFileSync(
      join(app.dataDir, 'aws-config'),
      [
        '[profile invoke-mfa]',
        `role_arn = ${sandbox.mfaRoleArn}`,
        'source_profile = account-b',
        `mfa_serial = ${sandbox.mfaSerial}`,
        `endpoint_url = ${sandbox.stsEndpoint}`,
        'region = us-east-1',
        '',
        '[profile orphan]',
        'role_arn = arn:aws:iam::111111111111:role/Nobody',
        'source_profile = does-not-exist',
        '',
      ].join('\n'),
    );
    const page = await openApp();
    await expect(page.getByRole('article', { name: 'Profile invoke-mfa' })).toContainText('role');
    await expect(page.getByRole('article', { name: 'Profile account-b' })).toContainText('static');
    await expect(page.getByRole('article', { name: 'Profile orphan' })).toContainText('does-not-exist');

    await page.getByLabel('Request URL').fill(`${sandbox.apiUrl}${sandbox.allowed.path}`);
    await page.getByRole('tab', { name: /^Auth/ }).click();
    await page.getByLabel('Auth type').selectOption('awsv4');
    await page.getByLabel('Credential source').selectOption('profile');
    await page.getByLabel('Profile', { exact: true }).selectOption('invoke-mfa');
    await page.getByLabel('AWS region').fill(sandbox.region);
    await page.getByLabel('AWS service').fill('execute-api');
    await page.getByRole('button', { name: 'Send' }).click();

    const prompt = page.getByRole('form', { name: 'MFA code' });
    await expect(prompt).toContainText(sandbox.mfaSerial);
    await prompt.getByLabel('MFA code').fill(sandbox.mfaCode);
    await prompt.getByRole('button', { name: 'Send with code' }).click();
    await expect(page.getByTestId('response-status')).toHaveText('200 OK');
    await expect(page.getByLabel('Response body')).toContainText('assumed-role/SignetMfaRole/');

    // The role's credentials are cached until shortly before expiry: no second code.
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(page.getByTestId('response-status')).toHaveText('200 OK');
  });
});
