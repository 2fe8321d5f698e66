/**
 * Loads the sidebar outline in pages: first the frame (collections and folders, enough
 * to draw the tree collapsed), then the requests in pre-order pages, each placed in its
 * own task so that no page of a 100,000-request workspace blocks a frame. A page of
 * another revision (the workspace changed mid-load) restarts the load from the frame.
 */
import type { OutlineFrame } from '../../shared/outline';
import type { Result, SignetApi } from '../../shared/contract';
import { addPage, frameIndex, type TreeIndex } from './tree-rows';

/** Rows asked for first: about a screenful, so the first requests appear at once. */
export const FIRST_PAGE_ROWS = 500;
/** Rows per page after the first: small enough to parse and place well inside a frame. */
export const PAGE_ROWS = 4_000;
/** Restarts allowed when the workspace keeps changing under the load. */
const MAX_RESTARTS = 5;
/**
 * User Timing names, seen in DevTools' performance panel and read by the large-workspace
 * test and the sidebar benchmark: the frame asked for, and the outline complete.
 */
export const OUTLINE_MARKS = { frame: 'signet:outline-frame', complete: 'signet:outline-complete' } as const;

export interface OutlineLoad {
  readonly frame: OutlineFrame;
  readonly index: TreeIndex;
}

export interface OutlineLoaderOptions {
  /** The frame is in (no request yet): the tree can be drawn. Called again after a restart. */
  readonly onFrame?: (load: OutlineLoad) => void;
  /** A page was placed. */
  readonly onPage?: (load: OutlineLoad) => void;
  /** Stops the load (a newer one superseded it); the result is then `undefined`. */
  readonly cancelled?: () => boolean;
  readonly firstPageRows?: number;
  readonly pageRows?: number;
}

/** Marks the latest load only: every edit reloads, and marks are never dropped by themselves. */
function mark(name: string): void {
  performance.clearMarks(name);
  performance.mark(name);
}

type OutlineApi = Pick<SignetApi, 'loadOutlineFrame' | 'loadOutlinePage'>;

/** Loads the whole outline; resolves with it complete, a failure, or undefined when cancelled. */
export async function loadOutline(
  api: OutlineApi,
  options: OutlineLoaderOptions = {},
): Promise<Result<OutlineLoad> | undefined> {
  const { onFrame, onPage, cancelled = () => false } = options;
  const firstPageRows = options.firstPageRows ?? FIRST_PAGE_ROWS;
  const pageRows = options.pageRows ?? PAGE_ROWS;
  let restarts = 0;
  restart: for (;;) {
    mark(OUTLINE_MARKS.frame);
    const framed = await api.loadOutlineFrame({});
    if (cancelled()) return undefined;
    if (!framed.ok) return framed;
    const frame = framed.value;
    let index = frameIndex(frame.rowCount, frame.containers);
    onFrame?.({ frame, index });
    let start = 0;
    while (start < frame.rowCount) {
      const limit = start === 0 ? firstPageRows : pageRows;
      const paged = await api.loadOutlinePage({ revision: frame.revision, start, limit });
      if (cancelled()) return undefined;
      if (!paged.ok) return paged;
      const page = paged.value;
      if (page.status === 'stale') {
        restarts += 1;
        if (restarts > MAX_RESTARTS)
          return { ok: false, error: { code: 'conflict', message: 'The workspace kept changing while it loaded.' } };
        continue restart;
      }
      if (page.start !== start || page.rows.length === 0)
        return { ok: false, error: { code: 'internal', message: `The outline page at row ${start} came back empty.` } };
      index = addPage(index, start, page.rows);
      start += page.rows.length;
      onPage?.({ frame, index });
    }
    mark(OUTLINE_MARKS.complete);
    return { ok: true, value: { frame, index } };
  }
}
