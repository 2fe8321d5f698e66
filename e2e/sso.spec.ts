import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

/** Every call's answer the renderer received (the browser host's /api traffic). */
function recordAnswers(page: Page): string[] {
  const answers: string[] = [];
  page.on('response', async (response) => {
    if (/\/api\/\w+$/.test(response.url())) answers.push(await response.text().catch(() => ''));
  });
  return answers;
}

test.describe('Sign in with SSO against the sandbox', () => {
  test('sign in, pick the account and role, assume the cross-account role, send: 200', async ({
    app,
    openApp,
    sandbox,
  }) => {
    // HOME in the data dir: the SSO token cache (~/.aws/sso/cache) of this test stays in it.
    const page = await openApp({ HOME: app.dataDir });
    const answers = recordAnswers(page);

    await page.getByRole('button', { name: 'Sign in with SSO' }).click();
    const form = page.getByRole('form', { name: 'SSO sign-in' });
    await form.getByLabel('Start URL').fill(sandbox.ssoStartUrl);
    await form.getByLabel('SSO region').fill(sandbox.ssoRegion);
    await form.getByText('Endpoints').click();
    await form.getByLabel('OIDC endpoint').fill(sandbox.oidcEndpoint);
    await form.getByLabel('Portal endpoint').fill(sandbox.portalEndpoint);
    await form.getByLabel('SSO STS endpoint').fill(sandbox.stsEndpoint);
    await form.getByRole('button', { name: 'Sign in' }).click();

    // The user opens the link and approves; the test visits it instead of a browser.
    const link = page.getByTestId('sso-verification-link');
    await expect(link).toBeVisible();
    await expect(page.getByTestId('sso-progress')).toContainText(/Waiting for approval \(\d+ checks?, every 1 s/);
    const href = await link.getAttribute('href');
    expect(href).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/sso\/device\?user_code=[A-Z]{4}-[A-Z]{4}$/);
    expect((await fetch(href!)).status).toBe(200);

    await expect(page.getByTestId('sso-signed-in')).toContainText('Signed in');
    const search = page.getByLabel('Search accounts and roles');
    await search.fill('readonly');
    await expect(page.getByRole('button', { name: `Use SignetDeveloper in ${sandbox.ssoAccountId}` })).toHaveCount(0);
    await search.fill('developer');
    await page.getByRole('button', { name: `Use SignetDeveloper in ${sandbox.ssoAccountId}` }).click();

    const ssoCard = page.getByRole('article', { name: /Session SignetDeveloper/ });
    await ssoCard.getByRole('button', { name: /^Details for/ }).click();
    await expect(ssoCard.getByTestId('session-arn')).toHaveText(
      /^arn:aws:sts::222222222222:assumed-role\/AWSReservedSSO_SignetDeveloper_[0-9a-f]{16}\/developer$/,
    );
    await expect(ssoCard.getByTestId('session-sso')).toContainText('SignetDeveloper in 222222222222; sign-in ends');

    await ssoCard.getByRole('button', { name: 'Assume role' }).click();
    const assume = page.getByRole('form', { name: 'Assume role' });
    await expect(assume.getByLabel('Source credentials')).toHaveValue('session');
    await expect(assume.getByTestId('chaining-note')).toContainText('at most one hour');
    await assume.getByLabel('Role ARN').fill(sandbox.roleArn);
    await assume.getByLabel('Session name').fill('e2e-sso');
    await assume.getByRole('button', { name: 'Assume role' }).click();
    await expect(assume).toBeHidden();

    const apiCard = page.getByRole('article', { name: /Session SignetInvokeRole/ });
    await apiCard.getByRole('button', { name: /^Details for/ }).click();
    await expect(apiCard.getByTestId('session-arn')).toHaveText(
      'arn:aws:sts::111111111111:assumed-role/SignetInvokeRole/e2e-sso',
    );
    await expect(apiCard.getByTestId('session-chained')).toContainText('one hour');

    // The new session is offered for the open request; it is used once the user says so.
    await page
      .getByRole('status')
      .filter({ hasText: /SignetInvokeRole.* is ready/ })
      .getByRole('button', { name: 'Use in this request' })
      .click();
    // The sandbox needs an explicit scope.
    await page.getByRole('tab', { name: /^Auth/ }).click();
    await expect(page.getByLabel('Credential source')).toHaveValue('session');
    await page.getByLabel('AWS region').fill(sandbox.region);
    await page.getByLabel('AWS service').fill('execute-api');
    await page.getByLabel('Request URL').fill(`${sandbox.apiUrl}${sandbox.allowed.path}`);
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(page.getByTestId('response-status')).toHaveText('200 OK');
    await expect(page.getByLabel('Response body')).toContainText('assumed-role/SignetInvokeRole/e2e-sso');

    await page.getByLabel('Request URL').fill(`${sandbox.apiUrl}${sandbox.denied.path}`);
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(page.getByTestId('response-status')).toHaveText('403 Forbidden');

    expect(answers.length).toBeGreaterThan(10);
    for (const answer of answers) {
      expect(answer).not.toContain('IQoJb3JpZ2luX2Vj');
      expect(answer).not.toMatch(/"(secretAccessKey|sessionToken|accessToken|refreshToken|clientSecret)"/);
    }
  });
});
