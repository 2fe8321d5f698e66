import { Settings } from 'lucide-react';
import type { Environment } from '../../shared/api/collections';
import { useCollectionsStore } from '../collections/store';
import { useRequestStore } from '../request/store';
import { useEnvironmentsStore } from './store';
import { setActiveEnvironment } from '../workflows';
import './environments.css';

const NONE: readonly Environment[] = [];

/** Chooses the environment whose values fill `{{variables}}`; the gear button opens the editor. */
export function EnvironmentSelector() {
  const environments = useCollectionsStore((s) => (s.load.status === 'success' ? s.load.workspace.environments : NONE));
  const active = useCollectionsStore((s) =>
    s.load.status === 'success' ? s.load.workspace.activeEnvironmentId : null,
  );
  const selected = useRequestStore((s) => s.environmentId) ?? active ?? '';
  const openEditor = useEnvironmentsStore((s) => s.openEditor);
  return (
    <div className="environment-selector">
      <select
        aria-label="Active environment"
        value={selected}
        onChange={(e) => void setActiveEnvironment(e.target.value || null)}
      >
        <option value="">No environment</option>
        {environments.map((env) => (
          <option key={env.id} value={env.id}>
            {env.name || 'Untitled environment'}
          </option>
        ))}
      </select>
      <button
        type="button"
        className="icon"
        aria-label="Manage environments"
        title="Manage environments"
        onClick={() => openEditor(selected || null)}
      >
        <Settings size={14} aria-hidden />
      </button>
    </div>
  );
}
