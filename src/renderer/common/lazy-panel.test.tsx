// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { lazyPanel } from './lazy-panel';

afterEach(cleanup);

function Greeting({ name }: { name: string }) {
  return <p>Hello {name}</p>;
}

describe('lazyPanel', () => {
  it('loads the code the first time the panel is shown, once, and passes the props through', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const load = vi.fn(async () => {
      await gate;
      return Greeting;
    });
    const Panel = lazyPanel(load, <p>loading</p>);
    expect(load).not.toHaveBeenCalled();

    const { rerender } = render(<Panel name="Ada" />);
    expect(screen.getByText('loading')).toBeTruthy();
    release();
    expect((await screen.findByText('Hello Ada')).textContent).toBe('Hello Ada');

    rerender(<></>);
    rerender(<Panel name="Grace" />);
    expect(screen.getByText('Hello Grace')).toBeTruthy();
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('says the panel could not load instead of blanking the window', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const Panel = lazyPanel<{ name: string }>(() => Promise.reject(new Error('chunk gone')));
    render(
      <main>
        <h1>Shell</h1>
        <Panel name="Ada" />
      </main>,
    );
    expect((await screen.findByRole('alert')).textContent).toContain('could not be loaded');
    expect(screen.getByRole('heading', { name: 'Shell' })).toBeTruthy();
    vi.restoreAllMocks();
  });
});
