import { closedPort, expect, test } from './fixtures';

test.describe('request builder and response pane', () => {
  test('GET returning JSON shows 200 in green with the body pretty-printed', async ({ appPage: page, local }) => {
    await page.getByLabel('Request URL').fill(`${local.url}/json`);
    await page.getByRole('button', { name: 'Send' }).click();
    const status = page.getByTestId('response-status');
    await expect(status).toHaveText('200 OK');
    await expect(status).toHaveClass(/status-ok/);
    // Pretty-printed: the array's object sits on its own indented lines.
    await expect(page.getByLabel('Response body')).toContainText('"name": "Rex"');
    await expect(page.getByTestId('response-size')).toContainText('B');
    await page.getByRole('tab', { name: /Headers \(/ }).click();
    await expect(page.getByLabel('Response headers')).toContainText('X-Test');
    await page.screenshot({ path: test.info().outputPath('main-window.png'), fullPage: true });
    await test
      .info()
      .attach('main-window', { path: test.info().outputPath('main-window.png'), contentType: 'image/png' });
  });

  test('POST body is sent and echoed back; the query table follows the URL', async ({ appPage: page, local }) => {
    await page.getByLabel('HTTP method').selectOption('POST');
    await page.getByLabel('Request URL').fill(`${local.url}/echo?a=1&b=two`);
    await expect(page.getByLabel('Query parameter name 2')).toHaveValue('b');
    await page.getByLabel('Query parameter value 2').fill('three');
    await expect(page.getByLabel('Request URL')).toHaveValue(`${local.url}/echo?a=1&b=three`);
    await page.getByRole('tab', { name: 'Body' }).click();
    await page.getByRole('radio', { name: 'Raw' }).check();
    await page.getByLabel('Request body').fill('{"hello":"world"}');
    await page
      .getByRole('tab', { name: /Headers/ })
      .first()
      .click();
    await page.getByLabel('Header name 1').fill('X-Disabled');
    await page.getByLabel('Header value 1').fill('nope');
    await page.getByLabel('Enable Header row 1').uncheck();
    await page.keyboard.press('Control+Enter');
    await expect(page.getByTestId('response-status')).toHaveText('200 OK');
    await expect(page.getByLabel('Response body')).toContainText('"body": "{\\"hello\\":\\"world\\"}"');
    await expect(page.getByLabel('Response body')).toContainText('"contentType": "application/json"');
    const received = local.requests.at(-1)!;
    expect(received.method).toBe('POST');
    expect(received.url).toBe('/echo?a=1&b=three');
    expect(received.headers['x-disabled']).toBeUndefined();
  });

  test('Ctrl+Enter inside the body editor sends, and adds nothing to the body', async ({ appPage: page, local }) => {
    await page.getByLabel('HTTP method').selectOption('POST');
    await page.getByLabel('Request URL').fill(`${local.url}/echo`);
    await page.getByRole('tab', { name: 'Body' }).click();
    await page.getByRole('radio', { name: 'Raw' }).check();
    const body = page.getByLabel('Request body');
    await body.fill('{"a":1}');
    await body.press('Control+Enter');
    await expect(page.getByTestId('response-status')).toHaveText('200 OK');
    expect(local.requests.at(-1)?.body).toBe('{"a":1}');
    await expect(body).toHaveText('{"a":1}');
  });

  test('404 and 500 are shown in red', async ({ appPage: page, local }) => {
    await page.getByLabel('Request URL').fill(`${local.url}/status/404`);
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(page.getByTestId('response-status')).toHaveText('404 Not Found');
    await expect(page.getByTestId('response-status')).toHaveClass(/status-error/);
    await page.getByLabel('Request URL').fill(`${local.url}/status/500`);
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(page.getByTestId('response-status')).toHaveText('500 Internal Server Error');
    await expect(page.getByTestId('response-status')).toHaveClass(/status-error/);
  });

  test('connection refused is explained and the next request still works', async ({ appPage: page, local }) => {
    const port = await closedPort();
    await page.getByLabel('Request URL').fill(`http://127.0.0.1:${port}/nothing`);
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(page.getByRole('alert')).toContainText('Connection refused');
    await page.getByLabel('Request URL').fill(`${local.url}/json`);
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(page.getByTestId('response-status')).toHaveText('200 OK');
  });

  test('a request in flight can be cancelled', async ({ appPage: page, local }) => {
    await page.getByLabel('Request URL').fill(`${local.url}/slow`);
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(page.getByRole('status')).toHaveText('Sending…');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByRole('alert')).toContainText('Request cancelled');
  });

  test('a non-http URL is refused with a clear message', async ({ appPage: page }) => {
    await page.getByLabel('Request URL').fill('ftp://127.0.0.1/file');
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(page.getByRole('alert')).toContainText('http:// or https://');
  });
});
