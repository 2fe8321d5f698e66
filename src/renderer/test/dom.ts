/**
 * DOM lookups that depend on details other work may change (CodeMirror's markup, tab
 * roles, class names for status colours). Kept here so that one edit updates every test.
 */
import { screen, waitFor, within } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import { expect } from 'vitest';

/** The text of a code view (CodeMirror) found by its accessible name, one line per line. */
export async function codeText(name: string): Promise<string> {
  const content = await screen.findByRole('textbox', { name });
  return Array.from(content.children, (line) => line.textContent ?? '').join('\n');
}

/**
 * Selects a tab whose name starts with `name`, in the region so named: the request
 * builder's sections ('Request builder') or the response's views ('Response').
 */
export async function openTab(user: UserEvent, name: string, region: 'Request builder' | 'Response'): Promise<void> {
  const scope = within(screen.getByRole('region', { name: region }));
  await user.click(scope.getByRole('tab', { name: new RegExp(`^${name}`) }));
}

/** The colour a response status is shown in: good (2xx), redirect (3xx) or bad. */
export function statusTone(element: HTMLElement): 'ok' | 'redirect' | 'error' | 'none' {
  if (element.classList.contains('status-ok')) return 'ok';
  if (element.classList.contains('status-redirect')) return 'redirect';
  if (element.classList.contains('status-error')) return 'error';
  return 'none';
}

/** The response's status line, once main has answered. */
export async function responseStatus(): Promise<HTMLElement> {
  return screen.findByTestId('response-status', {}, { timeout: 10_000 });
}

/** The response pane's failure box, once main has reported a failure. */
export async function requestFailure(): Promise<HTMLElement> {
  const pane = screen.getByRole('region', { name: 'Response' });
  return within(pane).findByRole('alert', {}, { timeout: 10_000 });
}

/** A row of the sidebar tree by its visible name. */
export function treeItem(name: string): HTMLElement {
  return screen.getByRole('treeitem', { name });
}

/** Names of the sidebar tree's rows, top to bottom. */
export function treeNames(): string[] {
  return screen.queryAllByRole('treeitem').map((row) => row.getAttribute('aria-label') ?? '');
}

/** Waits until nothing is being sent (the Send button is back). */
export async function idle(): Promise<void> {
  await waitFor(() => expect(screen.getByRole('button', { name: 'Send' })).toBeTruthy(), { timeout: 10_000 });
}

/** Activates a tree row as a click on its name does: opens a request, toggles a folder. */
export async function activateRow(user: UserEvent, name: string): Promise<void> {
  await user.click(within(treeItem(name)).getByText(name));
}
