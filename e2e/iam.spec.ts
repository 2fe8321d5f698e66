import { expect, test } from './fixtures';

test('IAM assistant: generate the policies, lint them inline, simulate, and test offline → 200 and 403', async ({
  appPage: page,
}) => {
  await page.getByRole('button', { name: 'IAM assistant' }).click();
  const dialog = page.getByRole('dialog', { name: 'IAM assistant' });
  await dialog.getByLabel('Routes', { exact: true }).fill('GET /pets\nGET /pets/{id}');
  await dialog.getByRole('button', { name: 'Generate' }).click();

  const permissions = dialog.getByRole('textbox', { name: 'Role permissions (API account)' });
  await expect(permissions).toContainText('arn:aws:execute-api:us-east-1:111111111111:a1b2c3d4e5/$default/GET/pets');
  await expect(dialog.getByRole('textbox', { name: 'Role trust policy (API account)' })).toContainText(
    'arn:aws:iam::222222222222:root',
  );
  await expect(dialog.getByLabel('AWS CLI commands')).toContainText('aws iam create-role --role-name SignetInvokeRole');

  await dialog.getByRole('button', { name: 'Simulate' }).click();
  await expect(dialog.getByRole('status', { name: 'AssumeRole' })).toContainText('AssumeRole: allowed');
  await expect(dialog.getByRole('status', { name: 'Invoke' })).toContainText('Invoke: allowed');
  await expect(dialog.getByRole('status', { name: 'Invoke' })).toContainText('InvokeApi');

  // An SCP that denies execute-api wins over the role's allow, and is named.
  await dialog.getByText('Also weigh a permissions boundary').click();
  await dialog.getByRole('textbox', { name: 'SCP' }).click();
  await page.keyboard.insertText(
    '{"Version": "2012-10-17", "Statement": [{"Sid": "NoApis", "Effect": "Deny", "Action": "execute-api:*", "Resource": "*"}]}',
  );
  await dialog.getByRole('button', { name: 'Simulate' }).click();
  await expect(dialog.getByRole('status', { name: 'Invoke' })).toContainText('Invoke: denied');
  await expect(dialog.getByRole('status', { name: 'Invoke' })).toContainText('NoApis');
  await dialog.getByRole('textbox', { name: 'SCP' }).click();
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Delete');

  await dialog.getByRole('button', { name: 'Test offline' }).click();
  const results = dialog.getByRole('table', { name: 'Offline results' });
  await expect(results.getByTestId('offline-status')).toHaveText(['200', '200', '403']);
  await expect(results).toContainText('is not authorized to perform: execute-api:Invoke');

  // A typo in an action is found by lint and shown inline in the editor.
  const editor = dialog.getByRole('region', { name: 'Role permissions (API account)' });
  await permissions.click();
  await page.keyboard.press('Control+a');
  await page.keyboard.insertText(
    '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "execute-api:Invok", "Resource": "*",}]}',
  );
  await expect(editor.locator('.cm-lintRange-error').first()).toBeVisible();
  await expect(editor.locator('.cm-gutter-lint .cm-lint-marker-error').first()).toBeVisible();
});

test('a 403 from the demo opens the simulator filled in, with the smallest statement that would allow it', async ({
  appPage: page,
}) => {
  await page.getByRole('button', { name: 'Try the demo' }).first().click();
  const tabs = page.getByRole('navigation', { name: 'Open requests' });
  await expect(tabs).toContainText('(assumed role)');
  await tabs.getByRole('tab', { name: /^GET Demo: .*\(denied\)/ }).click();
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByTestId('response-status')).toHaveText('403 Forbidden');
  const card = page.getByRole('note', { name: 'Why this failed' });
  await expect(card.getByLabel('Smallest allowing statement')).toContainText(
    '"Resource": "arn:aws:execute-api:us-east-1:111111111111:a1b2c3d4e5/$default/GET/admin/users"',
  );
  await card.getByRole('button', { name: 'Check against my policies' }).click();
  const dialog = page.getByRole('dialog', { name: 'IAM assistant' });
  await expect(dialog.getByLabel('Simulated method')).toHaveValue('GET');
  await expect(dialog.getByLabel('Simulated path')).toHaveValue('/admin/users');
  await expect(dialog.getByLabel('Role name')).toHaveValue('SignetInvokeRole');
  await expect(dialog.getByLabel('API id')).toHaveValue('a1b2c3d4e5');
});
