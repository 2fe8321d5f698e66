import { startTransition, useEffect, useState, type ReactNode } from 'react';

/**
 * Renders its children one pass after the first: the window's first render (one long task)
 * then holds only the shell and the sidebar, so the workspace is on screen sooner, and the
 * request builder, response pane and credentials follow as a transition right after. Being a
 * transition, that render is cut into short slices; the sidebar's pages still leave it room
 * (at 100,000 requests the workbench was on screen 10 to 35 ms after the first row).
 */
export function AfterFirstPaint({ children }: { children: ReactNode }) {
  const [ready, setReady] = useState(false);
  useEffect(() => startTransition(() => setReady(true)), []);
  return ready ? children : null;
}
