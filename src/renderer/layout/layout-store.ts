/**
 * How the window is laid out: side panel widths, which panels are folded away, and the theme.
 * Kept in localStorage: it is this machine's screen, not part of the workspace.
 */
import { create } from 'zustand';

export type PanelId = 'sidebar' | 'credentials';
export type ThemeChoice = 'system' | 'light' | 'dark';

export interface PanelLayout {
  readonly width: number;
  readonly collapsed: boolean;
}

interface LayoutState {
  readonly panels: Readonly<Record<PanelId, PanelLayout>>;
  readonly theme: ThemeChoice;
  readonly setWidth: (id: PanelId, width: number) => void;
  /**
   * Sets a panel's width as dragged, within `room` (the width both side panels may share): the
   * other panel gives way down to its minimum, so the splitter follows the pointer.
   */
  readonly resize: (id: PanelId, width: number, room: number) => void;
  readonly toggle: (id: PanelId) => void;
  readonly setTheme: (theme: ThemeChoice) => void;
}

const STORAGE_KEY = 'signet.layout';
/** A panel is never dragged narrower or wider than this. */
export const PANEL_MIN = 180;
export const PANEL_MAX = 640;
export const DEFAULT_PANELS: Readonly<Record<PanelId, PanelLayout>> = {
  sidebar: { width: 260, collapsed: false },
  credentials: { width: 300, collapsed: false },
};

/** The request workbench keeps this much whenever the window allows (app.css says the same). */
export const WORKBENCH_MIN = 600;

export const clampWidth = (width: number) => Math.round(Math.min(PANEL_MAX, Math.max(PANEL_MIN, width)));

interface Stored {
  panels?: Partial<Record<PanelId, Partial<PanelLayout>>>;
  theme?: unknown;
}

function load(): Pick<LayoutState, 'panels' | 'theme'> {
  let stored: Stored = {};
  try {
    stored = (JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '{}') as Stored | null) ?? {};
  } catch {
    // Unreadable or no storage: the defaults.
  }
  const panel = (id: PanelId): PanelLayout => {
    const saved = stored.panels?.[id];
    return {
      width: typeof saved?.width === 'number' ? clampWidth(saved.width) : DEFAULT_PANELS[id].width,
      collapsed: saved?.collapsed === true,
    };
  };
  const theme = stored.theme === 'light' || stored.theme === 'dark' ? stored.theme : 'system';
  return { panels: { sidebar: panel('sidebar'), credentials: panel('credentials') }, theme };
}

function save(state: Pick<LayoutState, 'panels' | 'theme'>): void {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify({ panels: state.panels, theme: state.theme }));
  } catch {
    // No storage: the layout lasts until the window closes.
  }
}

export const useLayoutStore = create<LayoutState>()((set) => ({
  ...load(),
  setWidth: (id, width) =>
    set((state) => ({ panels: { ...state.panels, [id]: { ...state.panels[id], width: clampWidth(width) } } })),
  resize: (id, width, room) =>
    set((state) => {
      const otherId: PanelId = id === 'sidebar' ? 'credentials' : 'sidebar';
      const other = state.panels[otherId];
      const otherMin = other.collapsed ? 0 : PANEL_MIN;
      const own = Math.max(PANEL_MIN, Math.min(clampWidth(width), room - otherMin));
      const otherWidth =
        !other.collapsed && own + other.width > room ? Math.max(PANEL_MIN, Math.round(room - own)) : other.width;
      return {
        panels: {
          ...state.panels,
          [id]: { ...state.panels[id], width: own },
          [otherId]: { ...other, width: otherWidth },
        },
      };
    }),
  toggle: (id) =>
    set((state) => ({
      panels: { ...state.panels, [id]: { ...state.panels[id], collapsed: !state.panels[id].collapsed } },
    })),
  setTheme: (theme) => set({ theme }),
}));

useLayoutStore.subscribe((state, previous) => {
  if (state.panels !== previous.panels || state.theme !== previous.theme) save(state);
});
