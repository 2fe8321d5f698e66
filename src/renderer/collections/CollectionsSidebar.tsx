import { FailureMessage } from '../common/FailureMessage';
import { useEffect, useState } from 'react';
import { ImportButton } from './ImportButton';
import { ImportReportPanel } from './ImportReportPanel';
import { RowMenu } from './RowMenu';
import { SidebarDialogs } from './SidebarDialogs';
import { SidebarNotice } from './SidebarNotice';
import { SidebarTree } from './SidebarTree';
import { useCollectionsStore } from './store';
import { loadWorkspace } from '../workflows';
import { useSidebarUi } from './ui-store';
import { useSaveShortcut } from './use-save-shortcut';
import './collections.css';

/** The left sidebar: environment, collections tree with filter, import (picker or drop), Ctrl/Cmd+S. */
export function CollectionsSidebar({ environments }: { environments?: React.ReactNode }) {
  const load = useCollectionsStore((s) => s.load);
  const importFile = useCollectionsStore((s) => s.importFile);
  const filter = useSidebarUi((s) => s.filter);
  const setFilter = useSidebarUi((s) => s.setFilter);
  const openDialog = useSidebarUi((s) => s.openDialog);
  const [dropping, setDropping] = useState(false);
  useSaveShortcut();

  useEffect(() => {
    void loadWorkspace();
  }, []);

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
      <ImportReportPanel />
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
      {dropping && <div className="drop-hint">Drop a Postman file to import it</div>}
      <RowMenu />
      <SidebarDialogs />
    </aside>
  );
}
