/**
 * What the response pane asks of main about a body it keeps whole: pages, pretty-printed
 * JSON, search, save and copy. The only code of the pane that calls the API.
 */
import type { BodyPage, BodySearchResult, BodyView, PrettyBodyResult } from '../../shared/api/body';
import type { Result } from '../../shared/result';
import { api, downloadFromHost, onEvent } from '../api';

/** Bytes asked for per page ("Load more" adds one). */
export const PAGE_BYTES = 1024 * 1024;
/** Largest body "Copy body" puts on the clipboard; past it, save the body instead. */
export const COPY_LIMIT_BYTES = 32 * 1024 * 1024;

export function readPage(
  bodyId: string,
  view: BodyView,
  offset: number,
  alignToLine = false,
): Promise<Result<BodyPage>> {
  return api.readBody({ responseId: bodyId, offset, length: PAGE_BYTES, view, alignToLine });
}

/** Pretty-prints a JSON body in main; `onProgress` hears how far it got (0..1). */
export async function prettyPrint(
  bodyId: string,
  onProgress: (fraction: number) => void,
): Promise<Result<PrettyBodyResult>> {
  const stop = onEvent('progress', (event) => {
    if (event.operation === 'pretty' && event.operationId === bodyId && event.total)
      onProgress(event.done / event.total);
  });
  try {
    return await api.prettyBody({ responseId: bodyId });
  } finally {
    stop();
  }
}

export function searchBody(
  bodyId: string,
  view: BodyView,
  query: string,
  options: { caseSensitive: boolean; regex: boolean },
): Promise<Result<BodySearchResult>> {
  return api.searchBody({ responseId: bodyId, query, view, ...options });
}

/** Saves the whole body: main's save dialog (Electron) or a download (browser host). Null when cancelled. */
export async function saveBody(bodyId: string): Promise<Result<{ bytes: number } | null>> {
  const answer = await api.saveBody({ responseId: bodyId });
  if (!answer.ok) return answer;
  const value = answer.value;
  if ('download' in value) return downloadFromHost(value.download, value.fileName);
  return { ok: true, value: value.saved ? { bytes: value.bytes } : null };
}

/** The whole body (raw or pretty) as text, read page by page; refused past COPY_LIMIT_BYTES. */
export async function wholeText(bodyId: string, view: BodyView, size: number): Promise<Result<string>> {
  if (size > COPY_LIMIT_BYTES)
    return {
      ok: false,
      error: { code: 'invalid_input', message: 'This body is too large for the clipboard; save it to a file instead.' },
    };
  const parts: string[] = [];
  let offset = 0;
  for (;;) {
    const page = await api.readBody({ responseId: bodyId, offset, length: 4 * 1024 * 1024, view, alignToLine: false });
    if (!page.ok) return page;
    parts.push(page.value.text);
    if (page.value.end >= page.value.size || page.value.end === offset) break;
    offset = page.value.end;
  }
  return { ok: true, value: parts.join('') };
}
