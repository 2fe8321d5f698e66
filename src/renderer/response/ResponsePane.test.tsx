// @vitest-environment happy-dom
import { withRealMain } from '../test/setup';
import { Profiler } from 'react';
import { DemoButton } from '../demo/DemoButton';
import { must } from '../test/real-main';
import { act, render, screen, within } from '@testing-library/react';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DemoSandboxInfo } from '../../shared/api/sandbox';
import { type RequestSpec } from '../../shared/model';
import { emptyRequest } from '../../shared/request-basics';
import { RequestBuilder } from '../request/RequestBuilder';
import { useRequestStore } from '../request/store';
import { codeText, openTab, requestFailure, responseStatus, statusTone } from '../test/dom';
import { refusingUrl, startLoopback, type Loopback } from '../test/loopback';
import { ResponsePane } from './ResponsePane';

withRealMain();
let server: Loopback;
let user: UserEvent;

const PETS = '{"pets":[{"name":"Rex","age":3}],"next":null}';

beforeEach(async () => {
  server = await startLoopback((request, response) => {
    const path = request.url.split('?')[0];
    if (path === '/pets') {
      response.setHeader('content-type', 'application/json');
      response.setHeader('x-pet-count', '1');
      response.end(PETS);
    } else if (path === '/choices') {
      response.statusCode = 300;
      response.end('pick one');
    } else if (path === '/missing') {
      response.statusCode = 404;
      response.end('no such pet');
    } else if (path === '/big') {
      response.setHeader('content-type', 'text/plain');
      response.end('x'.repeat(600 * 1024));
    } else if (path === '/reset') {
      response.socket?.destroy();
    } else if (path === '/slow') {
      // Never answers; the test cancels or times out.
    } else {
      response.setHeader('content-type', 'text/plain');
      response.end('plain words');
    }
  });
  user = userEvent.setup({ delay: null });
  paneRenders = 0;
  render(
    <>
      <RequestBuilder authTab={null} />
      <Profiler id="response-pane" onRender={() => (paneRenders += 1)}>
        <ResponsePane demo={<DemoButton className="link" />} />
      </Profiler>
    </>,
  );
});

let paneRenders = 0;

it('does not re-render while the URL is typed: it selects only the response', async () => {
  const before = paneRenders;
  await user.type(screen.getByLabelText('Request URL'), 'https://example.com/typed');
  expect((screen.getByLabelText('Request URL') as HTMLInputElement).value).toBe('https://example.com/typed');
  expect(paneRenders).toBe(before);
});

afterEach(() => server.close());

/** Opens `request` in a tab and presses Send. */
async function send(request: Partial<RequestSpec>): Promise<void> {
  act(() => useRequestStore.getState().openRequest({ ...emptyRequest('r'), ...request }));
  await user.click(screen.getByRole('button', { name: 'Send' }));
}

it('invites a first request before anything was sent', () => {
  expect(screen.getByText('Send a request to see the response here.')).toBeTruthy();
  expect(screen.getByRole('button', { name: 'Try the demo' })).toBeTruthy();
});

describe('status line', () => {
  it.each([
    ['/pets', '200 OK', 'ok'],
    ['/choices', '300 Multiple Choices', 'redirect'],
    ['/missing', '404 Not Found', 'error'],
  ] as const)('GET %s shows "%s" in the %s colour', async (path, text, tone) => {
    await send({ url: `${server.url}${path}` });
    const status = await responseStatus();
    expect(status.textContent).toBe(text);
    expect(statusTone(status)).toBe(tone);
  });

  it('sends a URL typed without a scheme, to this machine over http:// as Postman does', async () => {
    await send({ url: `${server.url.replace(/^http:\/\//, '')}/text` });
    expect((await responseStatus()).textContent).toBe('200 OK');
  });

  it('shows the size of the body', async () => {
    await send({ url: `${server.url}/text` });
    await responseStatus();
    expect(screen.getByTestId('response-size').textContent).toBe('11 B');
    expect(screen.getByTestId('response-time').textContent).toMatch(/^\d+ ms$/);
  });
});

describe('body and headers', () => {
  it('pretty-prints a JSON body', async () => {
    await send({ url: `${server.url}/pets` });
    await responseStatus();
    expect(await codeText('Response body')).toBe(JSON.stringify(JSON.parse(PETS), null, 2));
  });

  it('shows a text body as it came', async () => {
    await send({ url: `${server.url}/text` });
    await responseStatus();
    expect(await codeText('Response body')).toBe('plain words');
  });

  it('lists the response headers', async () => {
    await send({ url: `${server.url}/pets` });
    await responseStatus();
    await openTab(user, 'Headers', 'Response');
    const table = screen.getByRole('table', { name: 'Response headers' });
    const rows = within(table)
      .getAllByRole('row')
      .map((row) => row.textContent);
    expect(rows).toContain('x-pet-count1');
    expect(rows).toContain('content-typeapplication/json');
    expect(screen.getByRole('tab', { name: `Headers (${rows.length})` })).toBeTruthy();
  });

  it('shows the request as sent', async () => {
    await send({ url: `${server.url}/text?x=1`, method: 'PUT' });
    await responseStatus();
    await openTab(user, 'Sent request', 'Response');
    const sent = screen.getByLabelText('Sent request', { selector: 'pre' }).textContent ?? '';
    expect(sent.split('\n')[0]).toBe(`PUT ${server.url}/text?x=1`);
    expect(sent).toContain('User-Agent: Signet/test');
  });

  it('says when a large body is cut for display', async () => {
    await send({ url: `${server.url}/big` });
    await responseStatus();
    expect(screen.getByTestId('body-truncated').textContent).toBe(
      'Large body: showing the first 512.0 KB of 600.0 KB.',
    );
    expect(screen.getByTestId('response-size').textContent).toBe('600.0 KB');
  });

  it('says nothing about size for a body shown whole', async () => {
    await send({ url: `${server.url}/pets` });
    await responseStatus();
    expect(screen.queryByTestId('body-truncated')).toBeNull();
  });
});

describe('failures', () => {
  it('explains a refused connection', async () => {
    const url = await refusingUrl();
    await send({ url: `${url}/x` });
    const failure = await requestFailure();
    expect(failure.textContent).toContain('Request failed');
    expect(failure.textContent).toContain(`Connection refused by ${new URL(url).host}: nothing is listening there.`);
  });

  it('explains a connection reset', async () => {
    await send({ url: `${server.url}/reset` });
    const failure = await requestFailure();
    expect(failure.textContent).toContain(
      `Connection to ${new URL(server.url).host} was reset before a response arrived.`,
    );
  });

  it('explains a timeout', async () => {
    await send({ url: `${server.url}/slow`, timeoutMs: 200 });
    expect((await requestFailure()).textContent).toContain('No complete response within 200 ms.');
  });

  it('shows main refusing a URL that is not http(s)', async () => {
    await send({ url: 'ftp://127.0.0.1/file' });
    expect((await requestFailure()).textContent).toContain('The URL must use http:// or https://');
  });

  it('cancels a request in flight', async () => {
    await send({ url: `${server.url}/slow` });
    expect(await screen.findByRole('status')).toHaveProperty('textContent', 'Sending…');
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    const failure = await requestFailure();
    expect(failure.textContent).toContain('Cancelled');
    expect(failure.textContent).toContain('Request cancelled.');
    expect(screen.getByRole('button', { name: 'Send' })).toBeTruthy();
  });
});

describe('AWS answers from the sandbox', () => {
  let info: DemoSandboxInfo;
  beforeEach(async () => {
    info = await must(window.signet!.startDemoSandbox({}));
  });

  const signedWith = (keys: DemoSandboxInfo['invoker']): RequestSpec['auth'] => ({
    type: 'awsv4',
    source: { kind: 'keys', accessKeyId: keys.accessKeyId, secretAccessKey: keys.secretRef, sessionToken: '' },
    region: info.region,
    service: 'execute-api',
    addAuthDataTo: 'headers',
    expiresSeconds: 900,
  });

  it('shows 200 and what was signed for keys that may invoke the API', async () => {
    await send({ url: `${info.apiUrl}${info.allowed.path}`, auth: signedWith(info.invoker) });
    const status = await responseStatus();
    expect(status.textContent).toBe('200 OK');
    expect(screen.queryByRole('note', { name: 'Why this failed' })).toBeNull();
    await openTab(user, 'Signing', 'Response');
    // The signing inspector's code loads when the view is first opened.
    expect((await screen.findByLabelText('Credential scope')).textContent).toMatch(
      new RegExp(`^\\d{8}/${info.region}/execute-api/aws4_request$`),
    );
  });

  it('explains a 403 for keys without permission', async () => {
    await send({ url: `${info.apiUrl}${info.allowed.path}`, auth: signedWith(info.accountB) });
    const status = await responseStatus();
    expect(status.textContent).toBe('403 Forbidden');
    expect(statusTone(status)).toBe('error');
    const why = await screen.findByRole('note', { name: 'Why this failed' });
    // Account B's own keys against account A's API: the next step is to assume A's role.
    const accountA = /^arn:aws:iam::(\d{12}):/.exec(info.roleArn)?.[1] ?? 'none';
    const title = within(why).getByRole('heading').textContent ?? '';
    expect(title).toMatch(
      new RegExp(`^The caller is in account (?!${accountA})\\d{12}, the API in account ${accountA}$`),
    );
    expect(why.textContent).toContain(`Next step: Assume the role in the API's account ${accountA} first`);
  });

  it('explains a 403 for an unsigned request', async () => {
    await send({ url: `${info.apiUrl}${info.allowed.path}` });
    expect((await responseStatus()).textContent).toBe('403 Forbidden');
    const why = await screen.findByRole('note', { name: 'Why this failed' });
    expect(within(why).getByRole('heading').textContent).toBe('The request was not signed');
  });
});
