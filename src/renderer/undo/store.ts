import { create } from 'zustand';

/** How long an undo stays on offer; main keeps the deletion longer (ten minutes). */
export const UNDO_OFFER_MS = 10_000;

/** One deletion the user can take back. */
export interface UndoOffer {
  readonly undoId: string;
  /** e.g. `Deleted request “List pets”`. */
  readonly text: string;
  /** Why the undo failed, when it did. */
  readonly error?: string;
}

interface UndoState {
  /** Newest last; at most three are shown. */
  readonly offers: readonly UndoOffer[];
  readonly offer: (undoId: string, text: string) => void;
  readonly dismiss: (undoId: string) => void;
  readonly fail: (undoId: string, error: string) => void;
}

export const useUndoStore = create<UndoState>()((set) => ({
  offers: [],
  offer: (undoId, text) =>
    set((s) => ({ offers: [...s.offers.filter((o) => o.undoId !== undoId), { undoId, text }].slice(-3) })),
  dismiss: (undoId) => set((s) => ({ offers: s.offers.filter((o) => o.undoId !== undoId) })),
  fail: (undoId, error) => set((s) => ({ offers: s.offers.map((o) => (o.undoId === undoId ? { ...o, error } : o)) })),
}));
