/**
 * The whole response body, as main keeps it on disk: read it by pages, pretty-print JSON
 * into a second file, search it, save it. A response names its body by `bodyId`.
 */
import { z } from 'zod';
import { defineCall } from './define';

/** Largest page one readBody answers. */
export const MAX_BODY_PAGE_BYTES = 4 * 1024 * 1024;

const ResponseId = z.string().regex(/^body-[A-Za-z0-9_-]{1,64}$/, 'not a response body id');
/** `pretty`: the pretty-printed JSON file (after prettyBody); `raw`: the bytes as they came. */
const BodyViewSchema = z.enum(['raw', 'pretty']).default('raw');
export type BodyView = z.output<typeof BodyViewSchema>;

/** A page of a body as text. */
export interface BodyPage {
  readonly text: string;
  /** Byte offset where the page starts (moved to a character, or a line start when asked). */
  readonly offset: number;
  /** Byte offset just after the page: where the next page starts. */
  readonly end: number;
  /** Bytes in the file read (so far, while it is still being written). */
  readonly size: number;
  /** No more bytes will come. */
  readonly complete: boolean;
}

export interface BodyMatch {
  /** Byte offset in the file searched. */
  readonly offset: number;
  /** Length in bytes. */
  readonly length: number;
}

export interface BodySearchResult {
  readonly matches: readonly BodyMatch[];
  /** Every match in the body, also those past the cap. */
  readonly total: number;
  readonly capped: boolean;
}

export interface PrettyBodyResult {
  /** False when the body is not JSON; `message` says where it broke. */
  readonly ok: boolean;
  /** Bytes of pretty-printed text. */
  readonly size: number;
  readonly message?: string;
}

/**
 * Electron: `saved` after the system's save dialog (false when cancelled). Browser host:
 * `download` is a route of the host that serves the file to the page with the launch token.
 */
export type SaveBodyResult =
  | { readonly saved: true; readonly bytes: number; readonly fileName: string }
  | { readonly saved: false }
  | { readonly download: string; readonly bytes: number; readonly fileName: string };

export const bodyCalls = {
  readBody: defineCall<BodyPage>()(
    z.object({
      responseId: ResponseId,
      offset: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
      length: z.number().int().positive().max(MAX_BODY_PAGE_BYTES),
      view: BodyViewSchema,
      /** Start at the beginning of the line holding `offset` (to show a search match in its line). */
      alignToLine: z.boolean().default(false),
    }),
    'A page of a response body kept by main, never splitting a character, ending at a line break when one is near.',
  ),
  prettyBody: defineCall<PrettyBodyResult>()(
    z.object({ responseId: ResponseId }),
    'Pretty-print a JSON body into a second file, in slices, with progress events (operation `pretty`, operationId = responseId).',
  ),
  searchBody: defineCall<BodySearchResult>()(
    z.object({
      responseId: ResponseId,
      query: z.string().min(1).max(1000),
      caseSensitive: z.boolean().default(false),
      regex: z.boolean().default(false),
      view: BodyViewSchema,
    }),
    'Search a response body in main; byte offsets of the first 1,000 matches and the total count.',
  ),
  saveBody: defineCall<SaveBodyResult>()(
    z.object({ responseId: ResponseId }),
    'Save the whole response body to a file the user chooses (save dialog, or a download in the browser host).',
  ),
};
