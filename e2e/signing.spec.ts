import { execFileSync } from 'node:child_process';
import type { Page } from '@playwright/test';
import { expect, test, type SandboxInfo } from './fixtures';

async function fillAwsSignature(page: Page, keys: { accessKeyId: string; secret: string }, sandbox: SandboxInfo) {
  await page.getByRole('tab', { name: /^Auth/ }).click();
  await page.getByLabel('Auth type').selectOption('awsv4');
  await page.getByLabel('Access key ID').fill(keys.accessKeyId);
  await page.getByLabel('Secret access key', { exact: true }).fill(keys.secret);
  await page.getByLabel('Secret access key', { exact: true }).press('Enter');
  await expect(page.getByTestId('Secret access key state')).toContainText('stored:');
  await page.getByLabel('AWS region').fill(sandbox.region);
  await page.getByLabel('AWS service').fill('execute-api');
}

test.describe('AWS Signature auth against the sandbox gateway', () => {
  test('signed with the sandbox keys → 200, and the inspector shows what was signed', async ({
    appPage: page,
    sandbox,
  }) => {
    await page.getByLabel('Request URL').fill(`${sandbox.apiUrl}${sandbox.allowed.path}?b=2&a=1&a=0`);
    await fillAwsSignature(page, { accessKeyId: sandbox.accessKeyId, secret: sandbox.secretAccessKey }, sandbox);
    // The secret field never shows the secret once handed to main.
    await expect(page.getByLabel('Secret access key', { exact: true })).toHaveValue('');
    await expect(page.locator('body')).not.toContainText(sandbox.secretAccessKey);
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(page.getByTestId('response-status')).toHaveText('200 OK');
    await expect(page.getByLabel('Response body')).toContainText(`"path": "${sandbox.allowed.path}"`);
    await page.getByRole('tab', { name: 'Signing' }).click();
    const canonical = page.getByLabel('Canonical request');
    // Query sorted by key then value; the host as sent, port included.
    await expect(canonical).toContainText(`GET\n${sandbox.allowed.path}\na=0&a=1&b=2\n`);
    await expect(canonical).toContainText(`host:${new URL(sandbox.apiUrl).host}\n`);
    await expect(page.getByLabel('String to sign')).toContainText('AWS4-HMAC-SHA256');
    await expect(page.getByLabel('Credential scope')).toContainText(`/${sandbox.region}/execute-api/aws4_request`);
    const curl = page.getByLabel('curl command');
    await expect(curl).toContainText(`--aws-sigv4 "aws:amz:${sandbox.region}:execute-api"`);
    await expect(curl).not.toContainText(sandbox.secretAccessKey);
    // The command works as given, with the credentials from the environment.
    const command = (await curl.textContent())!;
    const output = execFileSync('bash', ['-c', `${command} -sS -w '\\n%{http_code}'`], {
      env: { ...process.env, AWS_ACCESS_KEY_ID: sandbox.accessKeyId, AWS_SECRET_ACCESS_KEY: sandbox.secretAccessKey },
    }).toString();
    expect(output.trim().split('\n').at(-1)).toBe('200');
    await page.getByRole('tab', { name: 'Sent request' }).click();
    await expect(page.getByLabel('Sent request')).toContainText('Authorization: AWS4-HMAC-SHA256 Credential=');
  });

  test('a wrong secret → 403 explained as a signature mismatch, with both canonical requests', async ({
    appPage: page,
    sandbox,
  }) => {
    await page.getByLabel('Request URL').fill(`${sandbox.apiUrl}${sandbox.allowed.path}`);
    await fillAwsSignature(
      page,
      { accessKeyId: sandbox.accessKeyId, secret: `${sandbox.secretAccessKey.slice(0, -2)}xx` },
      sandbox,
    );
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(page.getByTestId('response-status')).toHaveText('403 Forbidden');
    const why = page.getByRole('note', { name: 'Why this failed' });
    await expect(why).toContainText('The signature does not match');
    await expect(why).toContainText('InvalidSignatureException');
    await expect(page.getByLabel('Local canonical request')).toContainText(sandbox.allowed.path);
    await expect(page.getByLabel('Server canonical request')).toContainText(sandbox.allowed.path);
  });

  test('no auth → 403 Missing Authentication Token, explained', async ({ appPage: page, sandbox }) => {
    await page.getByLabel('Request URL').fill(`${sandbox.apiUrl}${sandbox.allowed.path}`);
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(page.getByTestId('response-status')).toHaveText('403 Forbidden');
    const why = page.getByRole('note', { name: 'Why this failed' });
    await expect(why).toContainText('The request was not signed');
    await expect(why).toContainText('Missing Authentication Token');
  });

  test('missing credentials → nothing is sent and the pane says why', async ({ appPage: page, sandbox }) => {
    await page.getByLabel('Request URL').fill(`${sandbox.apiUrl}${sandbox.allowed.path}`);
    await page.getByRole('tab', { name: /^Auth/ }).click();
    await page.getByLabel('Auth type').selectOption('awsv4');
    await page.getByLabel('AWS region').fill(sandbox.region);
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(page.getByRole('alert')).toContainText('Nothing was sent');
  });

  test('region and service are derived from an execute-api host', async ({ appPage: page }) => {
    await page.getByLabel('Request URL').fill('https://a1b2c3d4e5.execute-api.eu-west-2.amazonaws.com/prod/pets');
    await page.getByRole('tab', { name: /^Auth/ }).click();
    await page.getByLabel('Auth type').selectOption('awsv4');
    await expect(page.getByTestId('derived-scope')).toHaveText('Derived from the host: eu-west-2 / execute-api');
  });
});
