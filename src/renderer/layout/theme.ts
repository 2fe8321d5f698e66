/**
 * Puts the chosen theme on <html data-theme>: the OS preference (prefers-color-scheme) unless
 * the user picked Light or Dark. Follows OS changes while on System.
 */
import { useLayoutStore, type ThemeChoice } from './layout-store';

function resolve(choice: ThemeChoice, media: MediaQueryList | undefined): 'light' | 'dark' {
  if (choice !== 'system') return choice;
  return media?.matches ? 'light' : 'dark';
}

/** Applies the theme now and on every change; returns a function that stops following. */
export function followTheme(): () => void {
  const media =
    typeof window.matchMedia === 'function' ? window.matchMedia('(prefers-color-scheme: light)') : undefined;
  const apply = () => {
    document.documentElement.dataset.theme = resolve(useLayoutStore.getState().theme, media);
  };
  apply();
  const unsubscribe = useLayoutStore.subscribe((state, previous) => {
    if (state.theme !== previous.theme) apply();
  });
  media?.addEventListener('change', apply);
  return () => {
    unsubscribe();
    media?.removeEventListener('change', apply);
  };
}
