/**
 * Undo of deletions: deleting a request, folder, collection, environment or session
 * answers with an `undoId`; `undoDelete` puts the thing back as it was, where it was.
 */
import { z } from 'zod';
import { defineCall } from './define';

export type DeletedKind = 'request' | 'folder' | 'collection' | 'environment' | 'session';

export interface RestoredThing {
  readonly kind: DeletedKind;
  /** Its name, for "Restored …". */
  readonly name: string;
}

export const undoCalls = {
  undoDelete: defineCall<RestoredThing>()(
    z.object({ undoId: z.string().min(1).max(64) }),
    'Puts back what a delete call removed (its undoId), for ten minutes after the delete, while Signet runs.',
  ),
};
