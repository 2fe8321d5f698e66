/**
 * Open tabs and their unsaved drafts, kept by main so that a reload, a restart or a crash
 * brings them back. Each window (each page of the browser host) has its own tab set; a
 * set's revision tells a window whether another page wrote its set since (see
 * src/main/drafts/store.ts for the rules).
 */
import { z } from 'zod';
import { defineCall } from './define';
import { LIMITS, RequestSpecSchema, type RequestSpec } from '../model';
import { EntityIdSchema } from '../collection';

/** Caps on one window's tab set, so one call cannot exhaust main or the disk. */
export const TAB_LIMITS = {
  tabs: 200,
  /** The set as JSON; a draft body beyond it is not worth a multi-megabyte write per keystroke. */
  setBytes: 16 * 1024 * 1024,
  /** Tab sets kept on disk (windows); the least recently saved go first. */
  windows: 16,
} as const;

/** One open tab as main keeps it: the request as edited, where it came from, and whether it has unsaved edits. */
export interface DraftTab {
  readonly id: string;
  readonly request: RequestSpec;
  readonly context: { readonly collectionId?: string; readonly itemId?: string };
  readonly dirty: boolean;
}

/** One window's tabs as loadTabs returns them. */
export interface TabSet {
  /** Which tab set this window edits; kept by the page for its reloads. */
  readonly windowId: string;
  /** Bumped by every save; the next save names it. 0 for a set never saved. */
  readonly revision: number;
  readonly tabs: readonly DraftTab[];
  readonly activeTabId: string | null;
  readonly warnings: readonly string[];
}

export interface SaveTabsResult {
  /** The window's set id: a new one when another page had written the set this window named. */
  readonly windowId: string;
  readonly revision: number;
}

const WindowId = EntityIdSchema;

export const DraftTabSchema = z.object({
  id: z.string().min(1).max(LIMITS.name),
  request: RequestSpecSchema,
  context: z.object({ collectionId: EntityIdSchema.optional(), itemId: EntityIdSchema.optional() }).default({}),
  dirty: z.boolean(),
});

export const DraftTabsSchema = z
  .array(DraftTabSchema)
  .max(TAB_LIMITS.tabs)
  .superRefine((tabs, ctx) => {
    let bytes = 0;
    for (const tab of tabs) bytes += JSON.stringify(tab).length;
    if (bytes > TAB_LIMITS.setBytes)
      ctx.addIssue({
        code: 'custom',
        message: `the open tabs hold ${bytes} bytes, over the ${TAB_LIMITS.setBytes}-byte limit for drafts`,
      });
  });

export const tabCalls = {
  loadTabs: defineCall<TabSet>()(
    z.object({ windowId: WindowId.optional() }).default({}),
    "This window's open tabs and drafts. Without a windowId (a new window, or after a restart) the most recently saved set no other window of this run holds.",
  ),
  saveTabs: defineCall<SaveTabsResult>()(
    z.object({
      windowId: WindowId,
      /** The revision this window last loaded or saved. */
      revision: z.number().int().min(0),
      tabs: DraftTabsSchema,
      activeTabId: z.string().max(LIMITS.name).nullable(),
    }),
    "Persist this window's open tabs (atomically). Secrets typed in plain text are kept as references; if another page wrote this set since, the tabs are kept as a new set.",
  ),
};
