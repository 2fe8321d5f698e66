/**
 * The auth editor, for features that edit an auth value without owning it (a collection's or
 * folder's settings). The auth feature provides it at the app's root; features reach it here
 * instead of importing another feature's components.
 */
import { createContext, type ReactNode } from 'react';
import type { Auth } from '../../shared/model';

export interface AuthEditorSlotProps {
  readonly auth: Auth;
  readonly onChange: (auth: Auth) => void;
  /** Whether "Inherit" is offered (a folder: yes; a collection: no). */
  readonly allowInherit: boolean;
}

/** Renders the auth editor for these props; null where no auth feature provides one. */
export const AuthEditorSlot = createContext<((props: AuthEditorSlotProps) => ReactNode) | null>(null);
