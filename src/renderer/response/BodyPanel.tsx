import { Copy, Download } from 'lucide-react';
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { BodySearchResult, BodyView } from '../../shared/api/body';
import type { HttpResponseView } from '../../shared/api/http';
import { failureText } from '../common/failure';
import { formatBytes } from '../common/format-bytes';
import { LazyCodeView as CodeView } from '../common/LazyCodeView';
import { prettyPrint, readPage, saveBody, searchBody, wholeText } from './body-actions';
import { BodySearchBar } from './BodySearchBar';
import { BodyViewer } from './BodyViewer';
import { appendPage, matchRanges, windowEnd, windowOf, windowStart, type BodyWindow } from './body-window';

/** Bytes shown above a match jumped to outside the pages held. */
const CONTEXT_BYTES = 8 * 1024;
/** Text held in the pane at once; "Load more" past it moves on to the next part instead. */
const WINDOW_LIMIT_CHARS = 8 * 1024 * 1024;

type PrettyState =
  | { readonly status: 'none' }
  | { readonly status: 'running'; readonly fraction: number }
  | { readonly status: 'done' }
  | { readonly status: 'failed'; readonly message: string };

interface SearchState {
  readonly query: string;
  /** The case and regex options it ran with: a change runs a new search. */
  readonly options: string;
  readonly view: BodyView;
  readonly result: BodySearchResult;
  /** Index in `result.matches` shown now. */
  readonly current: number;
}

function looksJson(res: HttpResponseView): boolean {
  return (
    res.prettyJson !== undefined || /\bjson\b/i.test(res.contentType) || /^\s*[[{]/.test(res.bodyText.slice(0, 64))
  );
}

function previewWindow(res: HttpResponseView): BodyWindow {
  const pretty = res.prettyJson !== undefined;
  const text = res.prettyJson ?? res.bodyText;
  const bytes = new TextEncoder().encode(text).length;
  return windowOf(pretty ? 'pretty' : 'raw', {
    text,
    offset: 0,
    end: pretty ? bytes : res.shownBytes,
    // Until main has formatted the body, the pretty size is unknown; the raw size stands in.
    size: res.sizeBytes,
    complete: true,
  });
}

function windowNote(win: BodyWindow): string {
  const start = windowStart(win);
  const end = windowEnd(win);
  if (start === 0 && end >= win.size) return `Showing all ${formatBytes(win.size)}.`;
  if (start === 0) return `Large body: showing the first ${formatBytes(end)} of ${formatBytes(win.size)}.`;
  return `Large body: showing ${formatBytes(end - start)} from byte ${start.toLocaleString('en')} of ${formatBytes(win.size)}.`;
}

/**
 * The response body with its tools: search (Ctrl/Cmd+F, run in main), raw or pretty JSON,
 * pages loaded on request, copy and save. A body shown whole sits in the code view; a large
 * one (or search results) in a windowed view of pages main reads from the file it keeps.
 */
export function BodyPanel({ res }: { res: HttpResponseView }) {
  const bodyId = res.bodyId;
  const json = looksJson(res);
  const [win, setWin] = useState<BodyWindow | null>(() => (res.truncated && bodyId ? previewWindow(res) : null));
  const [pretty, setPretty] = useState<PrettyState>({ status: 'none' });
  const prettyRun = useRef<Promise<boolean> | null>(null);
  const [search, setSearch] = useState<SearchState | null>(null);
  const [query, setQuery] = useState('');
  const [caseSensitive, setCaseSensitive] = useState(false);
  const [regex, setRegex] = useState(false);
  const [scrollRequest, setScrollRequest] = useState<object | null>(null);
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);
  const winRef = useRef(win);
  useEffect(() => {
    winRef.current = win;
  }, [win]);

  /** Pretty-prints the body in main once; true when the pretty file is ready. */
  const ensurePretty = useCallback((): Promise<boolean> => {
    if (!bodyId) return Promise.resolve(false);
    prettyRun.current ??= (async () => {
      setPretty({ status: 'running', fraction: 0 });
      const result = await prettyPrint(bodyId, (fraction) => setPretty({ status: 'running', fraction }));
      if (!result.ok) {
        setPretty({ status: 'failed', message: failureText(result.error) });
        return false;
      }
      if (!result.value.ok) {
        setPretty({ status: 'failed', message: `Not JSON: ${result.value.message ?? 'it does not parse'}` });
        return false;
      }
      setPretty({ status: 'done' });
      return true;
    })();
    return prettyRun.current;
  }, [bodyId]);

  const showPage = useCallback(
    async (view: BodyView, offset: number, alignToLine = false): Promise<BodyWindow | null> => {
      if (!bodyId) return null;
      const page = await readPage(bodyId, view, offset, alignToLine);
      if (!page.ok) {
        setNotice(failureText(page.error));
        return null;
      }
      const next = windowOf(view, page.value);
      setWin(next);
      return next;
    },
    [bodyId],
  );

  // A large JSON body: formatted in main by slices while the raw first part is shown; then the pretty file's first page.
  useEffect(() => {
    if (!res.truncated || !json || !bodyId) return;
    let live = true;
    void ensurePretty().then(async (ok) => {
      const current = winRef.current;
      // Only while the user still looks at the first part: a jump or "Load more" is left alone.
      if (ok && live && current && windowStart(current) === 0 && current.pages.length === 1)
        await showPage('pretty', 0);
    });
    return () => {
      live = false;
    };
  }, [bodyId, json, res.truncated, ensurePretty, showPage]);

  const optionsKey = `${caseSensitive}/${regex}`;
  const shownView: BodyView = win ? win.view : res.prettyJson !== undefined ? 'pretty' : 'raw';

  const jumpTo = useCallback(
    async (state: SearchState, index: number) => {
      const match = state.result.matches[index];
      if (!match) return;
      setSearch({ ...state, current: index });
      const inWindow =
        win && win.view === state.view && match.offset >= windowStart(win) && match.offset < windowEnd(win);
      // A page that starts a little before the match shows the lines leading up to it.
      if (!inWindow) await showPage(state.view, Math.max(0, match.offset - CONTEXT_BYTES), true);
      setScrollRequest({});
    },
    [win, showPage],
  );

  const runSearch = async () => {
    if (!bodyId || !query) return;
    setBusy(true);
    setNotice('');
    try {
      const view = shownView;
      if (view === 'pretty' && !(await ensurePretty())) return;
      const result = await searchBody(bodyId, view, query, { caseSensitive, regex });
      if (!result.ok) {
        setNotice(failureText(result.error));
        return;
      }
      const state: SearchState = { query, options: optionsKey, view, result: result.value, current: 0 };
      setSearch(state);
      if (result.value.total === 0) return;
      // A body shown whole moves to the windowed view, which marks matches.
      await jumpTo(state, 0);
    } finally {
      setBusy(false);
    }
  };

  const step = (delta: number) => {
    if (!search || search.result.matches.length === 0) return;
    const count = search.result.matches.length;
    void jumpTo(search, (search.current + delta + count) % count);
  };

  const onSearchKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      if (search && search.query === query && search.options === optionsKey) step(event.shiftKey ? -1 : 1);
      else void runSearch();
    } else if (event.key === 'Escape') {
      setSearch(null);
      setQuery('');
      // A body shown whole goes back to the code view it left for the search.
      if (!res.truncated && win?.view === (res.prettyJson !== undefined ? 'pretty' : 'raw')) setWin(null);
    }
  };

  const loadMore = async () => {
    if (!bodyId || !win) return;
    setBusy(true);
    try {
      if (win.view === 'pretty' && !(await ensurePretty())) return;
      const page = await readPage(bodyId, win.view, windowEnd(win));
      if (!page.ok) return setNotice(failureText(page.error));
      const held = win.pages.reduce((sum, p) => sum + p.text.length, 0);
      setWin(held > WINDOW_LIMIT_CHARS ? windowOf(win.view, page.value) : appendPage(win, page.value));
    } finally {
      setBusy(false);
    }
  };

  const switchView = async (view: BodyView) => {
    if (view === shownView) return;
    setSearch(null);
    setScrollRequest(null);
    if (view === 'pretty' && !(await ensurePretty())) return;
    if (!win && view === 'raw' && !res.truncated && res.bodyText) {
      setWin(
        windowOf('raw', { text: res.bodyText, offset: 0, end: res.sizeBytes, size: res.sizeBytes, complete: true }),
      );
      return;
    }
    await showPage(view, 0);
  };

  const copyBody = async () => {
    if (!win && !res.truncated) {
      await writeClipboard(res.prettyJson ?? res.bodyText);
      return;
    }
    if (!bodyId) return;
    const view = shownView;
    if (view === 'pretty' && !(await ensurePretty())) return;
    const size = win?.size ?? res.sizeBytes;
    const text = await wholeText(bodyId, view, size);
    if (!text.ok) return setNotice(failureText(text.error));
    await writeClipboard(text.value);
  };

  const writeClipboard = async (text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      setNotice(`Copied ${formatBytes(new TextEncoder().encode(text).length)}.`);
    } catch {
      setNotice('The clipboard refused the text.');
    }
  };

  const copySelection = async () => {
    const selected = document.getSelection()?.toString() ?? '';
    if (!selected) return setNotice('Select some of the body first.');
    await writeClipboard(selected);
  };

  const save = async () => {
    if (!bodyId) return;
    const result = await saveBody(bodyId);
    if (!result.ok) return setNotice(failureText(result.error));
    setNotice(result.value ? `Saved ${formatBytes(result.value.bytes)}.` : 'Not saved.');
  };

  const ranges = useMemo(
    () => (win && search && search.view === win.view ? matchRanges(win, search.result.matches) : []),
    [win, search],
  );
  const active = search ? ranges.findIndex((range) => range.match === search.current) : -1;

  return (
    <div className="body-panel">
      <div className="body-tools" role="toolbar" aria-label="Body tools">
        <BodySearchBar
          query={query}
          onQuery={setQuery}
          caseSensitive={caseSensitive}
          onCaseSensitive={setCaseSensitive}
          regex={regex}
          onRegex={setRegex}
          onKeyDown={onSearchKey}
          onStep={step}
          summary={
            search
              ? { total: search.result.total, current: search.current, visitable: search.result.matches.length }
              : null
          }
          disabled={!bodyId}
        />
        <span className="body-tools-gap" />
        {json && bodyId && (
          <span role="group" aria-label="Body format" className="body-format">
            <button
              type="button"
              className="link"
              aria-pressed={shownView === 'pretty'}
              onClick={() => void switchView('pretty')}
            >
              Pretty
            </button>
            <button
              type="button"
              className="link"
              aria-pressed={shownView === 'raw'}
              onClick={() => void switchView('raw')}
            >
              Raw
            </button>
          </span>
        )}
        <button type="button" className="link" onClick={() => void copyBody()} disabled={busy}>
          <Copy size={14} aria-hidden="true" /> Copy body
        </button>
        <button
          type="button"
          className="link"
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => void copySelection()}
        >
          Copy selection
        </button>
        <button type="button" className="link" onClick={() => void save()} disabled={!bodyId}>
          <Download size={14} aria-hidden="true" /> Save to file…
        </button>
      </div>
      {pretty.status === 'running' && (
        <p className="muted" role="status" data-testid="pretty-progress">
          Formatting JSON… {Math.round(pretty.fraction * 100)}%
        </p>
      )}
      {pretty.status === 'failed' && <p className="muted">{pretty.message}</p>}
      {notice && (
        <p className="muted" role="status" data-testid="body-notice">
          {notice}
        </p>
      )}
      {win ? (
        <>
          <p className="muted body-window-note">
            <span data-testid="body-truncated">{windowNote(win)}</span>
            {windowEnd(win) < win.size && (
              <button type="button" className="link" onClick={() => void loadMore()} disabled={busy}>
                Load more
              </button>
            )}
            {windowStart(win) > 0 && (
              <button
                type="button"
                className="link"
                onClick={() => {
                  setScrollRequest(null);
                  void showPage(win.view, 0);
                }}
                disabled={busy}
              >
                Back to the start
              </button>
            )}
          </p>
          {/* A new window (not one grown by Load more) starts a new view, scrolled to its top. */}
          <BodyViewer
            key={`${win.view}:${windowStart(win)}`}
            rows={win.rows}
            ranges={ranges}
            active={active}
            scrollRequest={scrollRequest}
          />
        </>
      ) : (
        <CodeView
          label="Response body"
          value={res.prettyJson ?? res.bodyText}
          language={res.prettyJson !== undefined ? 'json' : 'text'}
        />
      )}
    </div>
  );
}
