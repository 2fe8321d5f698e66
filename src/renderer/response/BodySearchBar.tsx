import { ChevronDown, ChevronUp } from 'lucide-react';
import { useEffect, useRef, type KeyboardEvent } from 'react';

/** Where a search stands: matches counted in main, the one shown, how many can be visited. */
export interface SearchSummary {
  readonly total: number;
  readonly current: number;
  readonly visitable: number;
}

interface BodySearchBarProps {
  readonly query: string;
  readonly onQuery: (query: string) => void;
  readonly caseSensitive: boolean;
  readonly onCaseSensitive: (on: boolean) => void;
  readonly regex: boolean;
  readonly onRegex: (on: boolean) => void;
  /** Enter: search (or the next match); Shift+Enter: the previous match; Escape: clear. */
  readonly onKeyDown: (event: KeyboardEvent<HTMLInputElement>) => void;
  readonly onStep: (delta: number) => void;
  readonly summary: SearchSummary | null;
  readonly disabled: boolean;
}

function summaryText({ total, current, visitable }: SearchSummary): string {
  if (total === 0) return 'No matches';
  const capped = visitable < total ? ` (first ${visitable.toLocaleString('en')} can be visited)` : '';
  return `${current + 1} of ${total.toLocaleString('en')}${capped}`;
}

/** The body's search box with its options and match count; Ctrl/Cmd+F anywhere focuses it. */
export function BodySearchBar(props: BodySearchBarProps) {
  const input = useRef<HTMLInputElement>(null);
  const { summary } = props;

  // An editor's own search (the request body's) handles the key first and marks it handled.
  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (event.defaultPrevented || !(event.ctrlKey || event.metaKey) || event.key.toLowerCase() !== 'f') return;
      event.preventDefault();
      input.current?.focus();
      input.current?.select();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <>
      <input
        ref={input}
        type="search"
        className="body-search"
        aria-label="Search body"
        placeholder="Search body (Ctrl+F)"
        value={props.query}
        onChange={(e) => props.onQuery(e.target.value)}
        onKeyDown={props.onKeyDown}
        disabled={props.disabled}
      />
      <label className="body-option" title="Match case">
        <input
          type="checkbox"
          checked={props.caseSensitive}
          onChange={(e) => props.onCaseSensitive(e.target.checked)}
        />
        Aa
      </label>
      <label className="body-option" title="Regular expression">
        <input type="checkbox" checked={props.regex} onChange={(e) => props.onRegex(e.target.checked)} />
        .*
      </label>
      {summary && (
        <span className="body-search-count" data-testid="search-count" role="status">
          {summaryText(summary)}
        </span>
      )}
      {summary && summary.total > 0 && (
        <>
          <button type="button" className="link" onClick={() => props.onStep(-1)} aria-label="Previous match">
            <ChevronUp size={14} aria-hidden="true" />
          </button>
          <button type="button" className="link" onClick={() => props.onStep(1)} aria-label="Next match">
            <ChevronDown size={14} aria-hidden="true" />
          </button>
        </>
      )}
    </>
  );
}
