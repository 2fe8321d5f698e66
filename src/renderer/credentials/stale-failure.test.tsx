// @vitest-environment happy-dom
import { withRealMain } from '../test/setup';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { expect, it } from 'vitest';
import { ImportSessionForm } from './ImportSessionForm';

withRealMain();

it("retires a form's failure once a field is edited after it", async () => {
  const user = userEvent.setup({ delay: null });
  render(<ImportSessionForm onDone={() => undefined} onCancel={() => undefined} />);
  await user.click(screen.getByRole('textbox', { name: 'Assume-role JSON' }));
  await user.paste('Credentials: none');
  await user.click(screen.getByRole('button', { name: 'Add session' }));
  expect((await screen.findByRole('alert')).textContent).toMatch(/^The pasted text is not JSON\./);
  await user.type(screen.getByRole('textbox', { name: 'Assume-role JSON' }), ' ');
  expect(screen.queryByRole('alert')).toBeNull();
});
