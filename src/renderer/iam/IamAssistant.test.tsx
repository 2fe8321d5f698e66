// @vitest-environment happy-dom
import { withRealMain } from '../test/setup';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { IamAssistant } from './IamAssistant';
import { useIam } from './store';

withRealMain();

describe('IAM assistant against a real main', () => {
  it('generates the policies, simulates the request and tests them offline: 200 inside the policy, 403 outside', async () => {
    const user = userEvent.setup();
    render(<IamAssistant onClose={() => undefined} />);
    const routes = screen.getByRole('textbox', { name: 'Routes' });
    await user.clear(routes);
    await user.type(routes, 'GET /pets');
    await user.click(screen.getByRole('button', { name: 'Generate' }));

    const commands = await screen.findByLabelText('AWS CLI commands');
    expect(commands.textContent).toContain(
      'aws iam put-role-policy --role-name SignetInvokeRole --policy-name InvokeApi --policy-document file://role-permissions.json',
    );
    expect(JSON.parse(useIam.getState().policies['role-permissions.json'])).toMatchObject({
      Statement: [{ Resource: ['arn:aws:execute-api:us-east-1:111111111111:a1b2c3d4e5/$default/GET/pets'] }],
    });

    await user.click(screen.getByRole('button', { name: 'Simulate' }));
    expect((await screen.findByRole('status', { name: 'Invoke' })).textContent).toContain('Invoke: allowed');

    await user.click(screen.getByRole('button', { name: 'Test offline' }));
    const table = await screen.findByRole('table', { name: 'Offline results' });
    expect(
      within(table)
        .getAllByTestId('offline-status')
        .map((cell) => cell.textContent),
    ).toEqual(['200', '403']);
    expect(table.textContent).toContain(
      'assumed-role/SignetInvokeRole/signet-offline is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:us-east-1:111111111111:a1b2c3d4e5/$default/DELETE/admin',
    );
  });

  it('shows what main refused in the form, e.g. an account that is not 12 digits', async () => {
    const user = userEvent.setup();
    render(<IamAssistant onClose={() => undefined} />);
    const account = screen.getByRole('textbox', { name: 'Caller account' });
    await user.clear(account);
    await user.type(account, '2222');
    await user.click(screen.getByRole('button', { name: 'Generate' }));
    const alerts = await screen.findAllByRole('alert');
    expect(alerts.map((alert) => alert.textContent).join(' ')).toContain('12 digits');
  });
});
