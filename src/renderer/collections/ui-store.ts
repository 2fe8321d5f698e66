import { create } from 'zustand';
import type { TreeNode } from './tree-rows';

/** The one dialog the sidebar may show at a time. */
export type SidebarDialog =
  | { readonly type: 'new-collection' }
  | { readonly type: 'new-item'; readonly kind: 'folder' | 'request'; readonly node: TreeNode }
  | { readonly type: 'rename'; readonly node: TreeNode }
  | { readonly type: 'delete'; readonly node: TreeNode }
  | { readonly type: 'save-as' }
  | { readonly type: 'settings'; readonly node: TreeNode }
  | null;

interface SidebarUiState {
  /** The open row menu and where it was opened (viewport coordinates). */
  readonly menu: { readonly node: TreeNode; readonly x: number; readonly y: number } | null;
  readonly dialog: SidebarDialog;
  readonly filter: string;
  readonly openMenu: (node: TreeNode, x: number, y: number) => void;
  readonly closeMenu: () => void;
  readonly openDialog: (dialog: SidebarDialog) => void;
  readonly setFilter: (filter: string) => void;
}

/** Sidebar-only UI state: row menu, dialogs, filter text. Nothing here talks to main. */
export const useSidebarUi = create<SidebarUiState>()((set) => ({
  menu: null,
  dialog: null,
  filter: '',
  openMenu: (node, x, y) => set({ menu: { node, x, y } }),
  closeMenu: () => set({ menu: null }),
  openDialog: (dialog) => set({ dialog, menu: null }),
  setFilter: (filter) => set({ filter }),
}));
