// @vitest-environment happy-dom
import { withRealMain } from '../test/setup';
import { act, render, screen, within } from '@testing-library/react';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { type RequestSpec } from '../../shared/model';
import { emptyRequest } from '../../shared/request-basics';
import { RequestBuilder } from '../request/RequestBuilder';
import { useRequestStore } from '../request/store';
import { responseStatus } from '../test/dom';
import { startLoopback, type Loopback } from '../test/loopback';
import { ResponsePane } from './ResponsePane';

withRealMain();
let server: Loopback;
let user: UserEvent;

beforeEach(async () => {
  server = await startLoopback((request, response) => {
    if (request.url === '/login')
      response.setHeader('Set-Cookie', ['sid=s3cr3t-session; Path=/; HttpOnly', 'theme=dark; Max-Age=3600']);
    response.end('ok');
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

it('lists what a response set, masked until revealed, sends it back, and deletes and clears', async () => {
  await send({ url: `${server.url}/login` });
  await send({ url: `${server.url}/next` });
  expect(server.received[1]!.headers.cookie).toBe('sid=s3cr3t-session; theme=dark');

  await user.click(screen.getByRole('button', { name: 'Cookies' }));
  const dialog = await screen.findByRole('dialog', { name: 'Cookies' });
  const host = await within(dialog).findByRole('region', { name: 'Cookies of 127.0.0.1' });
  const rows = within(host).getAllByTestId('cookie-row');
  expect(rows.map((row) => row.querySelector('.cookie-name')?.textContent)).toEqual(['sid', 'theme']);
  expect(host.textContent).not.toContain('s3cr3t-session');
  expect(rows[0]!.textContent).toContain('HttpOnly');
  expect(rows[1]!.textContent).not.toContain('Session');

  await user.click(within(host).getByRole('button', { name: 'Show value of sid' }));
  expect(host.textContent).toContain('s3cr3t-session');

  await user.click(within(host).getByRole('button', { name: 'Delete cookie theme of 127.0.0.1' }));
  await within(host).findByRole('button', { name: 'Hide value of sid' });
  expect(within(host).getAllByTestId('cookie-row')).toHaveLength(1);

  await user.click(within(dialog).getByRole('button', { name: 'Clear all cookies' }));
  await within(dialog).findByText('No cookies yet.');
  await user.click(within(dialog).getByRole('button', { name: 'Close' }));
  await send({ url: `${server.url}/after` });
  expect(server.received[2]!.headers.cookie).toBeUndefined();
});
