// @vitest-environment happy-dom
import { withRealMain } from '../test/setup';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ResponsePane } from '../response/ResponsePane';
import { codeText, openTab, responseStatus } from '../test/dom';
import { chooseInDialog } from '../test/real-main';
import { startLoopback, type Loopback } from '../test/loopback';
import { RequestBuilder } from './RequestBuilder';
import { useRequestStore } from './store';

const main = withRealMain();
let server: Loopback;
let user: UserEvent;

beforeEach(async () => {
  server = await startLoopback((_request, response) => {
    response.setHeader('content-type', 'text/plain');
    response.end('ok');
  });
  user = userEvent.setup({ delay: null });
  render(
    <>
      <RequestBuilder authTab={<p>auth goes here</p>} />
      <ResponsePane />
    </>,
  );
});

afterEach(() => server.close());

const urlInput = () => screen.getByRole<HTMLInputElement>('textbox', { name: 'Request URL' });
const param = (part: 'name' | 'value', row: number) =>
  screen.getByRole<HTMLInputElement>('textbox', { name: `Query parameter ${part} ${row}` });

async function typeUrl(url: string): Promise<void> {
  await user.clear(urlInput());
  await user.type(urlInput(), url);
}

/** Sends with the Send button and returns what the loopback server received. */
async function send() {
  const before = server.received.length;
  await user.click(screen.getByRole('button', { name: 'Send' }));
  await responseStatus();
  expect(server.received).toHaveLength(before + 1);
  return server.received[before]!;
}

describe('URL bar', () => {
  it('sends the typed method and URL from main and shows the answer', async () => {
    await user.selectOptions(screen.getByRole('combobox', { name: 'HTTP method' }), 'DELETE');
    await typeUrl(`${server.url}/pets/7?force=yes`);
    const received = await send();
    expect(received.method).toBe('DELETE');
    expect(received.url).toBe('/pets/7?force=yes');
    expect((await responseStatus()).textContent).toBe('200 OK');
  });

  it('sends on Ctrl+Enter', async () => {
    await typeUrl(`${server.url}/shortcut`);
    await user.keyboard('{Control>}{Enter}{/Control}');
    await responseStatus();
    expect(server.received.map((r) => r.url)).toEqual(['/shortcut']);
  });

  it('marks the tab as edited', async () => {
    expect(useRequestStore.getState().tabs[0]!.dirty).toBe(false);
    await typeUrl('http://x');
    expect(useRequestStore.getState().tabs[0]!.dirty).toBe(true);
  });
});

describe('params table', () => {
  it('shows the query of the typed URL as rows, exactly as typed', async () => {
    await typeUrl(`${server.url}/search?q=red%20fox&limit=5&flag`);
    expect([param('name', 1).value, param('value', 1).value]).toEqual(['q', 'red%20fox']);
    expect([param('name', 2).value, param('value', 2).value]).toEqual(['limit', '5']);
    expect([param('name', 3).value, param('value', 3).value]).toEqual(['flag', '']);
    // The blank row for adding comes last.
    expect(param('name', 4).value).toBe('');
  });

  it('rewrites the URL when a row is edited, added or removed, keeping the fragment', async () => {
    await typeUrl(`${server.url}/search?q=fox&limit=5#top`);
    await user.clear(param('value', 2));
    await user.type(param('value', 2), '50');
    expect(urlInput().value).toBe(`${server.url}/search?q=fox&limit=50#top`);

    await user.type(param('name', 3), 'page');
    await user.type(param('value', 3), '2');
    expect(urlInput().value).toBe(`${server.url}/search?q=fox&limit=50&page=2#top`);

    await user.click(screen.getByRole('button', { name: 'Remove Query parameter row 1' }));
    expect(urlInput().value).toBe(`${server.url}/search?limit=50&page=2#top`);

    const received = await send();
    expect(received.url).toBe('/search?limit=50&page=2');
  });

  it('keeps a switched-off row (not sent) and descriptions while the URL is edited', async () => {
    await typeUrl(`${server.url}/q?a=1&b=2`);
    await user.click(screen.getByRole('checkbox', { name: 'Enable Query parameter row 2' }));
    expect(urlInput().value).toBe(`${server.url}/q?a=1`);
    expect([param('name', 2).value, param('value', 2).value]).toEqual(['b', '2']);
    await user.type(screen.getByRole('textbox', { name: 'Query parameter description 1' }), 'page size');
    expect(urlInput().value).toBe(`${server.url}/q?a=1`);

    expect((await send()).url).toBe('/q?a=1');

    // Typing in the URL bar keeps the switched-off row after "a" and "a"'s description.
    await user.type(urlInput(), '&c=3');
    expect(['name', 'value'].map((part) => param(part as 'name', 3).value)).toEqual(['c', '3']);
    expect(screen.getByRole<HTMLInputElement>('checkbox', { name: 'Enable Query parameter row 2' }).checked).toBe(
      false,
    );
    expect(screen.getByRole<HTMLInputElement>('textbox', { name: 'Query parameter description 1' }).value).toBe(
      'page size',
    );
    await user.click(screen.getByRole('checkbox', { name: 'Enable Query parameter row 2' }));
    expect(urlInput().value).toBe(`${server.url}/q?a=1&b=2&c=3`);
    expect(useRequestStore.getState().tabs[0]!.request.query).toEqual([
      { key: 'a', value: '1', description: 'page size' },
      { key: 'b', value: '2' },
      { key: 'c', value: '3' },
    ]);
  });

  it('drops the question mark when the last row goes', async () => {
    await typeUrl(`${server.url}/a?only=1`);
    await user.click(screen.getByRole('button', { name: 'Remove Query parameter row 1' }));
    expect(urlInput().value).toBe(`${server.url}/a`);
  });
});

describe('headers', () => {
  it('sends enabled headers and leaves disabled ones out', async () => {
    await typeUrl(`${server.url}/h`);
    await openTab(user, 'Headers', 'Request builder');
    await user.type(screen.getByRole('textbox', { name: 'Header name 1' }), 'X-Trace');
    await user.type(screen.getByRole('textbox', { name: 'Header value 1' }), 'abc-123');
    await user.type(screen.getByRole('textbox', { name: 'Header name 2' }), 'X-Off');
    await user.type(screen.getByRole('textbox', { name: 'Header value 2' }), 'nope');
    await user.click(screen.getByRole('checkbox', { name: 'Enable Header row 2' }));

    const received = await send();
    expect(received.headers['x-trace']).toBe('abc-123');
    expect(received.headers['x-off']).toBeUndefined();
  });
});

describe('body', () => {
  beforeEach(async () => {
    await user.selectOptions(screen.getByRole('combobox', { name: 'HTTP method' }), 'POST');
    await typeUrl(`${server.url}/body`);
    await openTab(user, 'Body', 'Request builder');
    // The Body tab's code loads when it is first selected.
    await screen.findByRole('radio', { name: 'None' });
  });

  it('starts with no body', async () => {
    expect(screen.getByRole<HTMLInputElement>('radio', { name: 'None' }).checked).toBe(true);
    expect(screen.getByText('This request has no body.')).toBeTruthy();
    const received = await send();
    expect(received.body).toBe('');
  });

  it('shows raw text in the editor and sends it with the chosen content type', async () => {
    await user.click(screen.getByRole('radio', { name: 'Raw' }));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Content type' }), 'text/plain');
    // CodeMirror's input handling does not run in happy-dom (the e2e specs type into it);
    // the text is set through the same action the editor's onChange calls.
    act(() =>
      useRequestStore
        .getState()
        .updateRequest({ body: { mode: 'raw', contentType: 'text/plain', text: 'hello\nbody' } }),
    );
    await waitFor(async () => expect(await codeText('Request body')).toBe('hello\nbody'));

    const received = await send();
    expect(received.headers['content-type']).toBe('text/plain');
    expect(received.body).toBe('hello\nbody');
  });

  it('sends form fields url-encoded', async () => {
    await user.click(screen.getByRole('radio', { name: 'x-www-form-urlencoded' }));
    await user.type(screen.getByRole('textbox', { name: 'Form field name 1' }), 'name');
    await user.type(screen.getByRole('textbox', { name: 'Form field value 1' }), 'Rex the dog');
    await user.type(screen.getByRole('textbox', { name: 'Form field name 2' }), 'age');
    await user.type(screen.getByRole('textbox', { name: 'Form field value 2' }), '3');

    const received = await send();
    expect(received.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect([...new URLSearchParams(received.body)]).toEqual([
      ['name', 'Rex the dog'],
      ['age', '3'],
    ]);
  });

  it('sends form-data text fields as multipart', async () => {
    await user.click(screen.getByRole('radio', { name: 'form-data' }));
    await user.click(screen.getByRole('button', { name: 'Add field' }));
    await user.type(screen.getByRole('textbox', { name: 'Form field name 1' }), 'note');
    await user.type(screen.getByRole('textbox', { name: 'Form field value 1' }), 'first line');

    const received = await send();
    expect(received.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(received.body).toContain('Content-Disposition: form-data; name="note"');
    expect(received.body).toContain('first line');
  });

  it('sends a binary file the user chose through main', async () => {
    const file = join(main().dir, 'payload.bin');
    await writeFile(file, 'file bytes here');
    await user.click(screen.getByRole('radio', { name: 'Binary file' }));
    const picker = screen.getByRole('group', { name: 'Binary file' });
    expect(picker.textContent).toContain('No file chosen');
    chooseInDialog(file);
    await user.click(within(picker).getByRole('button', { name: 'Choose file…' }));
    await waitFor(() => expect(picker.textContent).toContain('payload.bin (15 B)'));
    // The request holds a grant, never the path.
    expect(JSON.stringify(useRequestStore.getState().tabs)).not.toContain(file);

    const received = await send();
    expect(received.headers['content-type']).toBe('application/octet-stream');
    expect(received.body).toBe('file bytes here');
  });

  it('refuses a body that names a path instead of a chosen file, and says why', async () => {
    act(() => useRequestStore.getState().updateRequest({ body: { mode: 'binary', filePath: '/proc/self/environ' } }));
    const picker = screen.getByRole('group', { name: 'Binary file' });
    expect(picker.textContent).toContain('Not chosen yet: /proc/self/environ');
    await typeUrl(`${server.url}/upload`);
    await user.click(screen.getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(useRequestStore.getState().tabs[0]!.response.status).toBe('error'));
    const response = useRequestStore.getState().tabs[0]!.response;
    expect(response.status === 'error' && response.error.message).toMatch(
      /is a path, and Signet reads only files you choose/,
    );
    expect(server.received).toHaveLength(0);
  });

  it('sends a GraphQL query and variables as JSON', async () => {
    await user.click(screen.getByRole('radio', { name: 'GraphQL' }));
    await user.type(screen.getByRole('textbox', { name: 'GraphQL query' }), 'query Pets');
    await user.click(screen.getByRole('textbox', { name: 'GraphQL variables' }));
    await user.paste('{"id": 7}');

    const received = await send();
    expect(received.headers['content-type']).toBe('application/json');
    expect(JSON.parse(received.body)).toEqual({ query: 'query Pets', variables: { id: 7 } });
  });

  it('changing the body kind starts that kind empty', async () => {
    await user.click(screen.getByRole('radio', { name: 'GraphQL' }));
    await user.type(screen.getByRole('textbox', { name: 'GraphQL query' }), 'query A');
    await user.click(screen.getByRole('radio', { name: 'Binary file' }));
    await user.click(screen.getByRole('radio', { name: 'GraphQL' }));
    expect(screen.getByRole<HTMLTextAreaElement>('textbox', { name: 'GraphQL query' }).value).toBe('');
  });
});

describe('pasting a curl command into the URL bar', () => {
  it('fills method, URL, headers and body, and the request then sends as the command would', async () => {
    const command = `curl -X PUT '${server.url}/pets/9?x=1' -H 'Content-Type: application/json' -H 'X-Trace: abc' --data-raw '{"name":"Rex"}'`;
    await user.click(urlInput());
    await user.paste(command);
    await waitFor(() => expect(urlInput().value).toBe(`${server.url}/pets/9?x=1`));
    expect(screen.getByRole<HTMLSelectElement>('combobox', { name: 'HTTP method' }).value).toBe('PUT');
    const received = await send();
    expect(received.method).toBe('PUT');
    expect(received.url).toBe('/pets/9?x=1');
    expect(received.headers['x-trace']).toBe('abc');
    expect(received.body).toBe('{"name":"Rex"}');
  });

  it('leaves an ordinary pasted URL alone', async () => {
    await user.click(urlInput());
    await user.paste(`${server.url}/plain`);
    expect(urlInput().value).toBe(`${server.url}/plain`);
  });
});
