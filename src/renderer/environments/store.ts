import { create } from 'zustand';

interface EnvironmentsState {
  /** The editor's open state and which environment it shows. */
  readonly editor: { readonly open: false } | { readonly open: true; readonly environmentId: string | null };
  readonly openEditor: (environmentId: string | null) => void;
  readonly closeEditor: () => void;
}

/**
 * The environment editor's state. The environments themselves live in the workspace
 * (collections store); saving and choosing one are workflows (src/renderer/workflows.ts).
 */
export const useEnvironmentsStore = create<EnvironmentsState>()((set) => ({
  editor: { open: false },
  openEditor: (environmentId) => set({ editor: { open: true, environmentId } }),
  closeEditor: () => set({ editor: { open: false } }),
}));
