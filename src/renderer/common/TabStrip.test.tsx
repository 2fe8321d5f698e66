// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { TabStrip } from './TabStrip';

afterEach(cleanup);

function Sections() {
  const [selected, setSelected] = useState<'params' | 'headers' | 'body'>('params');
  return (
    <TabStrip
      id="sections"
      label="Request sections"
      tabs={[
        { key: 'params', label: 'Params' },
        { key: 'headers', label: 'Headers' },
        { key: 'body', label: 'Body' },
      ]}
      selected={selected}
      onSelect={setSelected}
    >
      <p>Showing {selected}</p>
    </TabStrip>
  );
}

describe('TabStrip (WAI-ARIA tabs)', () => {
  it('moves with the arrow keys, Home and End, wrapping, and keeps one Tab stop', async () => {
    const user = userEvent.setup();
    render(<Sections />);
    const tab = (name: string) => screen.getByRole('tab', { name });
    const panel = screen.getByRole('tabpanel');
    expect(tab('Params').getAttribute('aria-controls')).toBe(panel.id);
    expect(tab('Params').getAttribute('aria-selected')).toBe('true');
    expect([tab('Params'), tab('Headers'), tab('Body')].map((t) => t.tabIndex)).toEqual([0, -1, -1]);

    tab('Params').focus();
    await user.keyboard('{ArrowRight}');
    expect(tab('Headers').getAttribute('aria-selected')).toBe('true');
    expect(document.activeElement).toBe(tab('Headers'));
    expect(panel.textContent).toBe('Showing headers');

    await user.keyboard('{End}');
    expect(tab('Body').getAttribute('aria-selected')).toBe('true');
    await user.keyboard('{ArrowRight}');
    expect(tab('Params').getAttribute('aria-selected')).toBe('true');
    await user.keyboard('{ArrowLeft}');
    expect(tab('Body').getAttribute('aria-selected')).toBe('true');
    await user.keyboard('{Home}');
    expect(document.activeElement).toBe(tab('Params'));
    expect([tab('Params'), tab('Headers'), tab('Body')].map((t) => t.tabIndex)).toEqual([0, -1, -1]);
  });
});
