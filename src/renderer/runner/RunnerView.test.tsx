// @vitest-environment happy-dom
import { withRealMain } from '../test/setup';
import { must } from '../test/real-main';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../main/sandbox';
import { sandboxCollection, sandboxEnvironment } from '../../main/runner/testdata/sandbox-collection';
import { CheckSchema } from '../../shared/checks';
import { emptyRequest } from '../../shared/request-basics';
import { RequestBuilder } from '../request/RequestBuilder';
import { useRequestStore } from '../request/store';
import { openTab } from '../test/dom';
import { loadWorkspace } from '../workflows';
import { RunnerView } from './RunnerView';
import { useRunnerStore } from './store';

const main = withRealMain();
let sandbox: Sandbox;
let user: UserEvent;

beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.close());

describe('Runner view', () => {
  beforeEach(async () => {
    const { app } = main();
    await must(
      app.dispatch('importFile', { fileName: 'c.json', content: sandboxCollection() }, { host: 'test' }) as never,
    );
    await must(
      app.dispatch(
        'importFile',
        { fileName: 'Sandbox.postman_environment.json', content: sandboxEnvironment(sandbox, sandbox.invoker) },
        { host: 'test' },
      ) as never,
    );
    await loadWorkspace();
    useRunnerStore.getState().setOpen(true);
    user = userEvent.setup({ delay: null });
    render(<RunnerView />);
  });

  async function choose(folder: string): Promise<void> {
    const form = screen.getByRole('form', { name: 'Run settings' });
    await user.selectOptions(within(form).getByRole('combobox', { name: 'Collection' }), 'Sandbox checks');
    await user.selectOptions(within(form).getByRole('combobox', { name: 'Folder' }), folder);
    await user.selectOptions(within(form).getByRole('combobox', { name: 'Environment' }), 'Sandbox');
  }

  function rows(): HTMLTableRowElement[] {
    return within(screen.getByRole('table', { name: 'Run results' }))
      .getAllByRole('row')
      .slice(1) as HTMLTableRowElement[];
  }

  it('runs a folder: live table, then a summary that matches the gateway', async () => {
    await choose('Allowed');
    await user.click(screen.getByRole('button', { name: 'Run' }));
    const summary = await screen.findByRole('region', { name: 'Run summary' }, { timeout: 10_000 });
    expect(rows().map((row) => Array.from(row.cells, (cell) => cell.textContent))).toEqual([
      // The invoker is a user, not the assumed role the first check expects.
      [
        '1',
        'GET Allowed / list pets',
        '200',
        expect.stringMatching(/^\d+ ms$/),
        expect.stringMatching(/^4\/5\$\.caller\.arn matches/),
      ],
      ['1', 'GET Allowed / one pet', '200', expect.stringMatching(/ ms$/), '2/2'],
      ['1', 'POST Allowed / add pet', '200', expect.stringMatching(/ ms$/), '2/2'],
    ]);
    expect(within(summary).getByText('Requests').nextSibling?.textContent).toBe('3');
    expect(within(summary).getByText('Failed').nextSibling?.textContent).toBe('1');
    expect(within(summary).getByText('By status').nextSibling?.textContent).toBe('200: 3');
    expect(within(summary).getByText('Checks').nextSibling?.textContent).toBe('8 passed, 1 failed');
  });

  it('stops in the middle when Stop is pressed, keeping the results so far', async () => {
    await choose('Allowed');
    // One change event each, as a spin button or a paste gives (typing digit by digit goes through 1).
    fireEvent.change(screen.getByRole('spinbutton', { name: 'Iterations' }), { target: { value: '30' } });
    fireEvent.change(screen.getByRole('spinbutton', { name: 'Delay (ms)' }), { target: { value: '40' } });
    await user.click(screen.getByRole('button', { name: 'Run' }));
    await waitFor(() => expect(screen.getAllByRole('row').length).toBeGreaterThan(3), { timeout: 10_000 });
    expect(screen.getByRole('progressbar', { name: 'Run progress' }).getAttribute('max')).toBe('90');
    await user.click(screen.getByRole('button', { name: 'Stop' }));
    const summary = await screen.findByRole('region', { name: 'Run summary' }, { timeout: 10_000 });
    expect(within(summary).getByText('Stopped: the results so far are kept.')).toBeTruthy();
    const kept = rows().length;
    expect(kept).toBeGreaterThanOrEqual(2);
    expect(kept).toBeLessThan(90);
    expect(within(summary).getByText('Requests').nextSibling?.textContent).toBe(`${kept} of 90`);
  });
});

describe('Checks tab', () => {
  it('edits a request’s checks and shows how each came out on the last response', async () => {
    user = userEvent.setup({ delay: null });
    useRequestStore.getState().updateRequest({
      ...emptyRequest(),
      url: `${sandbox.apiUrl}/pets`,
      auth: {
        type: 'awsv4',
        source: {
          kind: 'keys',
          accessKeyId: sandbox.invoker.accessKeyId,
          secretAccessKey: sandbox.invoker.secretAccessKey,
          sessionToken: '',
        },
        region: sandbox.region,
        service: 'execute-api',
        addAuthDataTo: 'headers',
        expiresSeconds: 900,
      },
      checks: [CheckSchema.parse({ kind: 'jsonPath', path: '$.path', op: 'equals', value: '"/pets"' })],
    });
    render(<RequestBuilder authTab={null} />);
    await openTab(user, 'Checks', 'Request builder');
    await user.selectOptions(screen.getByRole('combobox', { name: 'New check kind' }), 'status');
    await user.click(screen.getByRole('button', { name: 'Add check' }));
    const statuses = screen.getByRole('textbox', { name: 'Statuses' });
    await user.clear(statuses);
    await user.type(statuses, '201');
    await user.tab();
    const checks = useRequestStore.getState().tabs[0]!.request.checks!;
    expect(checks.map((c) => (c.kind === 'status' ? c.statuses : c.kind))).toEqual(['jsonPath', [201]]);
    await useRequestStore.getState().send();
    const results = await screen.findAllByRole('status', {}, { timeout: 10_000 });
    expect(results.map((r) => r.textContent)).toEqual(['passed', 'failed: expected 201, got 200']);
  });
});
