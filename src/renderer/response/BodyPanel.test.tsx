// @vitest-environment happy-dom
import { withRealMain } from '../test/setup';
import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type RequestSpec } from '../../shared/model';
import { emptyRequest } from '../../shared/request-basics';
import { RequestBuilder } from '../request/RequestBuilder';
import { useRequestStore } from '../request/store';
import { codeText, openTab, responseStatus } from '../test/dom';
import { startLoopback, type Loopback } from '../test/loopback';
import { saveInDialog } from '../test/real-main';
import { ResponsePane } from './ResponsePane';

const currentMain = withRealMain();
let server: Loopback;
let user: UserEvent;

/** About 3 MB of JSON: more than the preview, so the pane pages through main's file. */
const BIG_JSON = JSON.stringify({
  items: Array.from({ length: 30_000 }, (_, i) => ({ id: i, name: `item ${i}`, tag: i === 29_000 ? 'needle' : 'hay' })),
});
/** About 3 MB of lines, each naming its number. */
const BIG_TEXT = Array.from({ length: 150_000 }, (_, i) => `line ${i} of the body`).join('\n');

beforeEach(async () => {
  server = await startLoopback((request, response) => {
    if (request.url === '/big.json') {
      response.setHeader('content-type', 'application/json');
      response.end(BIG_JSON);
    } else {
      response.setHeader('content-type', 'text/plain');
      response.end(request.url === '/big.txt' ? BIG_TEXT : 'small body with a word in it');
    }
  });
  user = userEvent.setup({ delay: null });
  render(
    <>
      <RequestBuilder authTab={null} />
      <ResponsePane />
    </>,
  );
});
afterEach(() => server.close());

async function send(request: Partial<RequestSpec>): Promise<void> {
  act(() => useRequestStore.getState().openRequest({ ...emptyRequest('r'), ...request }));
  await user.click(screen.getByRole('button', { name: 'Send' }));
  await responseStatus();
}

/** Text of the rows the windowed body view has in the DOM. */
function shownRows(): string[] {
  const view = screen.getByRole('textbox', { name: 'Response body' });
  return Array.from(view.querySelectorAll('.body-row'), (row) => row.textContent ?? '');
}

describe('a large body', () => {
  it('pages through the whole body with Load more, past the preview', async () => {
    await send({ url: `${server.url}/big.txt` });
    expect(screen.getByTestId('body-truncated').textContent).toMatch(
      /^Large body: showing the first 512\.0 KB of 3\.\d MB\.$/,
    );
    expect(shownRows()[0]).toBe('line 0 of the body');
    let pages = 0;
    while (screen.queryByRole('button', { name: 'Load more' })) {
      await user.click(screen.getByRole('button', { name: 'Load more' }));
      pages += 1;
      await waitFor(() => {
        const more = screen.queryByRole('button', { name: 'Load more' }) as HTMLButtonElement | null;
        expect(more?.disabled ?? false).toBe(false);
      });
    }
    expect(pages).toBe(3);
    expect(shownRows()[0]).toBe('line 0 of the body');
    await waitFor(() => expect(screen.getByTestId('body-truncated').textContent).toBe('Showing all 3.3 MB.'));
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
  });

  it('searches in main and jumps to a match far past the preview, marking it', async () => {
    await send({ url: `${server.url}/big.txt` });
    const box = screen.getByRole('searchbox', { name: 'Search body' });
    await user.type(box, 'line 149999 {Enter}');
    await waitFor(() => expect(screen.getByTestId('search-count').textContent).toBe('1 of 1'));
    const marked = await waitFor(() => {
      const mark = document.querySelector('mark.body-match.active');
      expect(mark).not.toBeNull();
      return mark!;
    });
    expect(marked.textContent).toBe('line 149999 ');
    expect(marked.parentElement!.textContent).toBe('line 149999 of the body');
    expect(screen.getByTestId('body-truncated').textContent).toMatch(
      /^Large body: showing \d+\.\d KB from byte [\d,]+ of 3\.3 MB\.$/,
    );
  });

  it('counts every match, and steps through them with Enter', async () => {
    await send({ url: `${server.url}/big.txt` });
    await user.type(screen.getByRole('searchbox', { name: 'Search body' }), 'of the{Enter}');
    await waitFor(() =>
      expect(screen.getByTestId('search-count').textContent).toBe('1 of 150,000 (first 1,000 can be visited)'),
    );
    await user.type(screen.getByRole('searchbox', { name: 'Search body' }), '{Enter}');
    await waitFor(() => expect(screen.getByTestId('search-count').textContent).toMatch(/^2 of 150,000/));
    expect(document.querySelector('mark.body-match.active')!.parentElement!.textContent).toBe('line 1 of the body');
  });

  it('pretty-prints a large JSON body in main and shows it by pages', async () => {
    await send({ url: `${server.url}/big.json` });
    await waitFor(() => expect(shownRows().slice(0, 3)).toEqual(['{', '  "items": [', '    {']), { timeout: 10_000 });
    await user.type(screen.getByRole('searchbox', { name: 'Search body' }), '"needle"{Enter}');
    await waitFor(() =>
      expect(document.querySelector('mark.body-match.active')?.parentElement?.textContent).toBe(
        '      "tag": "needle"',
      ),
    );
    await user.click(screen.getByRole('button', { name: 'Raw' }));
    await waitFor(() => expect(shownRows()[0]!.startsWith('{"items":[{"id":0,')).toBe(true));
  });
});

describe('copy and save', () => {
  it('saves the whole body where the save dialog says, not only the preview', async () => {
    const { dir } = currentMain();
    await send({ url: `${server.url}/big.txt` });
    const target = join(dir, 'saved.txt');
    saveInDialog(target);
    await user.click(screen.getByRole('button', { name: 'Save to file…' }));
    await waitFor(() => expect(screen.getByTestId('body-notice').textContent).toBe('Saved 3.3 MB.'));
    expect(await readFile(target, 'utf8')).toBe(BIG_TEXT);
    saveInDialog(undefined);
    await user.click(screen.getByRole('button', { name: 'Save to file…' }));
    await waitFor(() => expect(screen.getByTestId('body-notice').textContent).toBe('Not saved.'));
  });

  it('copies the whole body, and a selection of it', async () => {
    await send({ url: `${server.url}/big.txt` });
    await user.click(screen.getByRole('button', { name: 'Copy body' }));
    await waitFor(() => expect(screen.getByTestId('body-notice').textContent).toBe('Copied 3.3 MB.'));
    expect(await navigator.clipboard.readText()).toBe(BIG_TEXT);
    const row = screen.getByRole('textbox', { name: 'Response body' }).querySelector('.body-row')!;
    const range = document.createRange();
    range.selectNodeContents(row);
    document.getSelection()!.removeAllRanges();
    document.getSelection()!.addRange(range);
    await user.click(screen.getByRole('button', { name: 'Copy selection' }));
    await waitFor(() => expect(screen.getByTestId('body-notice').textContent).toBe('Copied 18 B.'));
    expect(await navigator.clipboard.readText()).toBe('line 0 of the body');
  });
});

describe('a small body', () => {
  it('finds a word in a body shown whole and marks it', async () => {
    await send({ url: `${server.url}/small` });
    await user.type(screen.getByRole('searchbox', { name: 'Search body' }), 'WORD{Enter}');
    await waitFor(() => expect(document.querySelector('mark.body-match.active')?.textContent).toBe('word'));
    await user.type(screen.getByRole('searchbox', { name: 'Search body' }), '{Escape}');
    await waitFor(() => expect(document.querySelector('mark.body-match')).toBeNull());
    expect(await codeText('Response body')).toBe('small body with a word in it');
  });

  it('shows where the time went', async () => {
    await send({ url: `${server.url}/small` });
    await openTab(user, 'Timing', 'Response');
    const table = screen.getByRole('table', { name: 'Timing' });
    const names = Array.from(table.querySelectorAll('th'), (cell) => cell.textContent);
    expect(names).toEqual([
      'DNS lookup',
      'TCP connect',
      'TLS handshake',
      'Waiting for first byte',
      'Download',
      'Total',
    ]);
    // 127.0.0.1 over http: no lookup, no TLS.
    expect(table.querySelector('td')!.textContent).toBe('—');
    expect(table.querySelectorAll('td')[2]!.textContent).toMatch(/^\d+\.\d ms$/);
  });
});
