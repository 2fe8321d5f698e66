// @vitest-environment happy-dom
import { withRealMain } from '../test/setup';
import { act, render, screen, within } from '@testing-library/react';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { type RequestSpec } from '../../shared/model';
import { emptyRequest } from '../../shared/request-basics';
import { RequestBuilder } from '../request/RequestBuilder';
import { useRequestStore } from '../request/store';
import { requestFailure, responseStatus } from '../test/dom';
import { refusingUrl, startLoopback, type Loopback } from '../test/loopback';
import { ResponsePane } from './ResponsePane';

// A failure card is about the request as it was sent; once its cause is edited away it must not linger.

withRealMain();
let server: Loopback;
let user: UserEvent;

beforeEach(async () => {
  server = await startLoopback((_request, response) => response.end('fine'));
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
}
const pane = () => screen.getByRole('region', { name: 'Response' });

it('drops the request-failure card once the URL is edited', async () => {
  await send({ url: await refusingUrl() });
  expect((await requestFailure()).textContent).toContain('Request failed');
  await user.type(screen.getByLabelText('Request URL'), '/x');
  expect(within(pane()).queryByRole('alert')).toBeNull();
  expect(within(pane()).getByText('Send a request to see the response here.')).toBeTruthy();
});

it('drops an unresolved-variable card when another environment is chosen, and keeps other tabs alone', async () => {
  await send({ url: `${server.url}/ok` });
  await responseStatus();
  await send({ url: '{{base}}/pets' });
  expect((await requestFailure()).textContent).toContain('{{base}}');
  act(() => useRequestStore.getState().setEnvironment('env-other'));
  expect(within(pane()).queryByRole('alert')).toBeNull();
  // The earlier tab's response is not a failure: it stays.
  act(() => useRequestStore.getState().selectTab(useRequestStore.getState().tabs.at(-2)!.id));
  expect((await responseStatus()).textContent).toBe('200 OK');
});

it('keeps a response (not a failure) while the request is edited', async () => {
  await send({ url: `${server.url}/ok` });
  await responseStatus();
  await user.type(screen.getByLabelText('Request URL'), '?q=1');
  expect((await responseStatus()).textContent).toBe('200 OK');
});
