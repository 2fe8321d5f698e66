import { FailureMessage } from '../common/FailureMessage';
import { useEffect, useState, type ReactNode } from 'react';
import { TabStrip } from '../common/TabStrip';
import { ImportButton } from './ImportButton';
import { lazyPanel } from '../common/lazy-panel';
import { SidebarNotice } from './SidebarNotice';
import { SidebarTree } from './SidebarTree';
import { useCollectionsStore } from './store';
import { startWorkspaceLoad } from '../workflows';
import { useSidebarUi } from './ui-store';
import { useSaveShortcut } from './use-save-shortcut';
import './collections.css';

// Import report, row menu and dialogs appear on demand: their code loads when first opened.
const ImportReportPanel = lazyPanel(() => import('./ImportReportPanel').then((m) => m.ImportReportPanel));
const RowMenu = lazyPanel(() => import('./RowMenu').then((m) => m.RowMenu));
const SidebarDialogs = lazyPanel(() => import('./SidebarDialogs').then((m) => m.SidebarDialogs));

const VIEWS = [
  { key: 'collections', label: 'Collections' },
  { key: 'history', label: 'History' },
] as const;

/**
 * The left sidebar: environment, collections tree with filter, import (picker or drop), Ctrl/Cmd+S;
 * with `history`, a second view beside the collections.
 */
export function CollectionsSidebar({ environments, history }: { environments?: ReactNode; history?: ReactNode }) {
  const [view, setView] = useState<'collections' | 'history'>('collections');
  const importFile = useCollectionsStore((s) => s.importFile);
  const menuOpen = useSidebarUi((s) => s.menu !== null);
  const dialogOpen = useSidebarUi((s) => s.dialog !== null);
  const [dropping, setDropping] = useState(false);
  useSaveShortcut();

  useEffect(() => startWorkspaceLoad(), []);

  return (
    <aside
      className={dropping ? 'sidebar dropping' : 'sidebar'}
      aria-label="Collections sidebar"
      onDragOver={(event) => {
        if (!event.dataTransfer.types.includes('Files')) return;
        event.preventDefault();
        setDropping(true);
      }}
      onDragLeave={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDropping(false);
      }}
      onDrop={(event) => {
        event.preventDefault();
        setDropping(false);
        const file = event.dataTransfer.files[0];
        if (file) void importFile(file);
      }}
    >
      {environments}
      {history ? (
        <TabStrip
          id="sidebar-view"
          label="Sidebar"
          tabs={VIEWS}
          selected={view}
          onSelect={setView}
          panelClassName="sidebar-view"
        >
          {view === 'history' ? history : <CollectionsView />}
        </TabStrip>
      ) : (
        <CollectionsView />
      )}
      {dropping && <div className="drop-hint">Drop a Postman file to import it</div>}
      {menuOpen && <RowMenu />}
      {dialogOpen && <SidebarDialogs />}
    </aside>
  );
}

/** The collections themselves: heading with New and Import, the filter, notices and the tree. */
function CollectionsView() {
  const load = useCollectionsStore((s) => s.load);
  const filter = useSidebarUi((s) => s.filter);
  const setFilter = useSidebarUi((s) => s.setFilter);
  const openDialog = useSidebarUi((s) => s.openDialog);
  const importShown = useCollectionsStore((s) => s.importState.status !== 'idle');
  return (
    <>
      <div className="panel-header">
        <h2>Collections</h2>
        <div className="panel-actions">
          <button
            type="button"
            aria-label="New collection"
            title="New collection"
            onClick={() => openDialog({ type: 'new-collection' })}
          >
            + New
          </button>
          <ImportButton />
        </div>
      </div>
      <input
        type="search"
        aria-label="Filter requests"
        placeholder="Filter by name or URL"
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
      />
      {importShown && <ImportReportPanel />}
      <SidebarNotice />
      {load.status === 'success' && load.warnings.length > 0 && (
        <ul className="import-warnings warning" aria-label="Workspace warnings">
          {load.warnings.map((warning, i) => (
            <li key={i}>{warning}</li>
          ))}
        </ul>
      )}
      {load.status === 'loading' && <p className="muted">Loading workspace…</p>}
      {load.status === 'error' && <FailureMessage failure={load.error} />}
      {load.status === 'success' && <SidebarTree index={load.index} />}
    </>
  );
}
