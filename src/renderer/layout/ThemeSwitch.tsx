import { Monitor, Moon, Sun } from 'lucide-react';
import { useLayoutStore, type ThemeChoice } from './layout-store';

const CHOICES: readonly { value: ThemeChoice; label: string; Icon: typeof Sun }[] = [
  { value: 'system', label: 'System theme', Icon: Monitor },
  { value: 'light', label: 'Light theme', Icon: Sun },
  { value: 'dark', label: 'Dark theme', Icon: Moon },
];

/** System / Light / Dark, as three small buttons in the header. */
export function ThemeSwitch() {
  const theme = useLayoutStore((s) => s.theme);
  const setTheme = useLayoutStore((s) => s.setTheme);
  return (
    <div className="theme-switch" role="radiogroup" aria-label="Theme">
      {CHOICES.map(({ value, label, Icon }) => (
        <button
          key={value}
          type="button"
          role="radio"
          aria-checked={theme === value}
          aria-label={label}
          title={label}
          className={theme === value ? 'icon active' : 'icon'}
          onClick={() => setTheme(value)}
        >
          <Icon size={14} aria-hidden />
        </button>
      ))}
    </div>
  );
}
