import { useEffect, useMemo, useState } from 'react';
import { FolderPlus, Trash2 } from 'lucide-react';
import type { HistorySummary } from '../../shared/contract';
import { FailureMessage } from '../common/FailureMessage';
import { formatBytes } from '../common/format-bytes';
import { openHistoryEntry } from '../workflows';
import { ClearHistoryDialog } from './ClearHistoryDialog';
import { groupByDay, timeOfDay } from './group';
import { SaveHistoryDialog } from './SaveHistoryDialog';
import { useHistoryStore } from './store';
import './history.css';

function statusClass(entry: HistorySummary): string {
  if (entry.status === undefined) return 'history-status status-error';
  if (entry.status < 300) return 'history-status status-ok';
  if (entry.status < 400) return 'history-status status-redirect';
  return 'history-status status-error';
}

/** The URL split for a narrow row: the path (what tells sends apart) first, the host after it. */
function urlParts(url: string): { path: string; host: string } {
  const match = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)(.*)$/i.exec(url);
  return match ? { host: match[1]!, path: match[2] || '/' } : { host: '', path: url };
}

function HistoryRow({ entry, onSave }: { readonly entry: HistorySummary; readonly onSave: () => void }) {
  const [failure, setFailure] = useState<string | undefined>();
  const outcome = entry.status !== undefined ? String(entry.status) : (entry.failure ?? 'failed');
  const label = `${entry.method} ${entry.url}, ${outcome}, ${timeOfDay(entry.at)}`;
  const { path, host } = urlParts(entry.url);
  return (
    <li className="history-row">
      <button
        type="button"
        className="history-open"
        aria-label={label}
        title={`${entry.method} ${entry.url}\n${outcome} · ${entry.ms} ms · ${formatBytes(entry.sizeBytes)} · ${entry.authKind}${entry.source === 'cli' ? ' · signet send' : ''}`}
        onClick={async () => {
          const result = await openHistoryEntry(entry.id);
          setFailure(result.ok ? undefined : result.error.message);
        }}
      >
        <span className={`method-badge method-${entry.method}`}>{entry.method}</span>
        <span className="history-url">
          {path} <span className="muted">{host}</span>
        </span>
        <span className={statusClass(entry)}>{outcome}</span>
        <span className="history-time muted">{timeOfDay(entry.at)}</span>
      </button>
      <button
        type="button"
        className="icon history-save"
        aria-label={`Save ${entry.method} ${entry.url} to a collection`}
        title="Save to collection"
        onClick={onSave}
      >
        <FolderPlus size={14} aria-hidden />
      </button>
      {failure && (
        <p className="error history-row-error" role="alert">
          {failure}
        </p>
      )}
    </li>
  );
}

const SIZES = [100, 1000, 10_000, 0];

/** How many entries history keeps, as a choice in the header; 0 is off. */
function HistorySize({ limit }: { readonly limit: number }) {
  const setLimit = useHistoryStore((s) => s.setLimit);
  const sizes = SIZES.includes(limit) ? SIZES : [...SIZES, limit];
  return (
    <select
      aria-label="History size"
      title="How many sent requests history keeps (the oldest go first)"
      value={limit}
      onChange={(e) => void setLimit(Number(e.target.value))}
    >
      {sizes.map((size) => (
        <option key={size} value={size}>
          {size === 0 ? 'Off' : `Keep ${size.toLocaleString('en-US')}`}
        </option>
      ))}
    </select>
  );
}

/** The History list: every send, searchable, grouped by day; click reopens in a new tab. */
export function HistoryPanel() {
  const load = useHistoryStore((s) => s.load);
  const query = useHistoryStore((s) => s.query);
  const setQuery = useHistoryStore((s) => s.setQuery);
  const loadMore = useHistoryStore((s) => s.loadMore);
  const [saving, setSaving] = useState<HistorySummary | null>(null);
  const [clearing, setClearing] = useState(false);

  useEffect(() => {
    void useHistoryStore.getState().reload();
  }, []);

  const days = useMemo(() => (load.status === 'success' ? groupByDay(load.entries) : []), [load]);

  return (
    <section className="history-panel" aria-label="History">
      <div className="panel-header">
        <h2>History</h2>
        <div className="panel-actions">
          {load.status === 'success' && <HistorySize limit={load.limit} />}
          <button
            type="button"
            onClick={() => setClearing(true)}
            disabled={load.status !== 'success' || load.total === 0}
            title="Clear history"
          >
            <Trash2 size={12} aria-hidden /> Clear
          </button>
        </div>
      </div>
      <input
        type="search"
        aria-label="Search history"
        placeholder="Search method, URL or status"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
      {load.status === 'loading' && <p className="muted">Loading history…</p>}
      {load.status === 'error' && <FailureMessage failure={load.error} />}
      {load.status === 'success' && load.entries.length === 0 && (
        <p className="muted sidebar-empty">
          {load.limit === 0 ? 'History is off.' : query ? 'No sent request matches.' : 'Requests you send appear here.'}
        </p>
      )}
      <div className="history-list">
        {days.map((day) => (
          <div key={day.label} className="history-day">
            <h3 className="history-day-label">{day.label}</h3>
            <ul aria-label={day.label}>
              {day.entries.map((entry) => (
                <HistoryRow key={entry.id} entry={entry} onSave={() => setSaving(entry)} />
              ))}
            </ul>
          </div>
        ))}
        {load.status === 'success' && load.hasMore && (
          <button type="button" className="link history-more" onClick={() => void loadMore()}>
            Show older
          </button>
        )}
      </div>
      {saving && <SaveHistoryDialog entry={saving} onClose={() => setSaving(null)} />}
      {clearing && <ClearHistoryDialog onClose={() => setClearing(false)} />}
    </section>
  );
}
