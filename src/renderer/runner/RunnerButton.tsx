import { useRunnerStore } from './store';

/** Opens and closes the Runner view from the window's header. */
export function RunnerButton() {
  const open = useRunnerStore((s) => s.open);
  const setOpen = useRunnerStore((s) => s.setOpen);
  return (
    <button type="button" aria-pressed={open} onClick={() => setOpen(!open)}>
      {open ? 'Close runner' : 'Runner'}
    </button>
  );
}
