import { expect, test } from './fixtures';

test.describe('cookies', () => {
  test('cookies set by one response are sent on the next to the same host only, listed and clearable', async ({
    appPage: page,
    local,
  }) => {
    const port = new URL(local.url).port;
    const cookieHeaders = () =>
      local.requests.filter((r) => r.url === '/cookie/echo').map((r) => r.headers.cookie ?? null);

    await page.getByLabel('Request URL').fill(`${local.url}/cookie/set`);
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(page.getByTestId('response-status')).toHaveText('200 OK');

    // The same host: both cookies go back, the one with the longer path (/cookie, by default) first.
    await page.getByLabel('Request URL').fill(`${local.url}/cookie/echo`);
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(page.getByTestId('response-status')).toHaveText('200 OK');
    await expect.poll(cookieHeaders).toEqual(['theme=dark; sid=e2e-session-4821']);

    // Another host on the same server (localhost, not 127.0.0.1): none go.
    await page.getByLabel('Request URL').fill(`http://localhost:${port}/cookie/echo`);
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(page.getByTestId('response-status')).toHaveText('200 OK');
    await expect.poll(cookieHeaders).toEqual(['theme=dark; sid=e2e-session-4821', null]);

    // The panel lists them under their host, values hidden until shown.
    await page.getByRole('button', { name: 'Cookies' }).click();
    const dialog = page.getByRole('dialog', { name: 'Cookies' });
    const host = dialog.getByRole('region', { name: 'Cookies of 127.0.0.1' });
    await expect(host.getByTestId('cookie-row')).toHaveCount(2);
    await expect(dialog.getByRole('region', { name: 'Cookies of localhost' })).toHaveCount(0);
    await expect(host).not.toContainText('e2e-session-4821');
    await host.getByRole('button', { name: 'Show value of sid' }).click();
    await expect(host).toContainText('e2e-session-4821');
    await page.screenshot({ path: test.info().outputPath('cookies.png') });
    await test.info().attach('cookies', { path: test.info().outputPath('cookies.png'), contentType: 'image/png' });

    await host.getByRole('button', { name: 'Delete cookie theme of 127.0.0.1' }).click();
    await expect(host.getByTestId('cookie-row')).toHaveCount(1);
    await host.getByRole('button', { name: 'Clear 127.0.0.1' }).click();
    await expect(dialog.getByText('No cookies yet.')).toBeVisible();
    await dialog.getByRole('button', { name: 'Close' }).click();

    // Cleared: the next send to the same host carries none.
    await page.getByLabel('Request URL').fill(`${local.url}/cookie/echo`);
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(page.getByTestId('response-status')).toHaveText('200 OK');
    await expect.poll(cookieHeaders).toEqual(['theme=dark; sid=e2e-session-4821', null, null]);
  });
});
