import { useState } from 'react';
import type { Failure } from '../../shared/result';
import { useShallow } from 'zustand/react/shallow';
import { useCollectionsStore } from '../collections/store';
import { FailureMessage } from '../common/FailureMessage';
import { folderOptions } from './folder-options';
import { useRunnerStore } from './store';

const NONE: never[] = [];

interface NumberFieldProps {
  readonly label: string;
  readonly value: number;
  readonly min: number;
  readonly max: number;
  readonly disabled: boolean;
  readonly onChange: (value: number) => void;
}

/** A whole-number field that may be emptied while typing; only a value in range reaches the settings. */
function NumberField({ label, value, min, max, disabled, onChange }: NumberFieldProps) {
  const [text, setText] = useState(String(value));
  return (
    <label>
      {label}
      <input
        aria-label={label}
        type="number"
        min={min}
        max={max}
        value={text}
        disabled={disabled}
        onChange={(e) => {
          setText(e.target.value);
          const parsed = Number(e.target.value);
          if (e.target.value !== '' && Number.isInteger(parsed) && parsed >= min && parsed <= max) onChange(parsed);
        }}
        onBlur={() => setText(String(value))}
      />
    </label>
  );
}

/** Collection or folder, environment, iterations, data file, delay, concurrency, bail; Run and Stop. */
export function RunForm() {
  const collections = useCollectionsStore((s) => (s.load.status === 'success' ? s.load.workspace.collections : NONE));
  const environments = useCollectionsStore((s) => (s.load.status === 'success' ? s.load.workspace.environments : NONE));
  const settings = useRunnerStore((s) => s.settings);
  const { update, chooseDataFile, start, stop } = useRunnerStore(
    useShallow((s) => ({ update: s.updateSettings, chooseDataFile: s.chooseDataFile, start: s.start, stop: s.stop })),
  );
  const running = useRunnerStore((s) => s.run.status === 'running');
  const stopping = useRunnerStore((s) => s.run.status === 'running' && s.run.stopping);
  const [failure, setFailure] = useState<Failure | null>(null);
  const collection = collections.find((c) => c.id === settings.collectionId);
  const folders = collection ? folderOptions(collection.items) : [];

  return (
    <form
      className="run-form"
      aria-label="Run settings"
      onSubmit={(event) => {
        event.preventDefault();
        void start();
      }}
    >
      <label>
        Collection
        <select
          aria-label="Collection"
          value={settings.collectionId}
          onChange={(e) => update({ collectionId: e.target.value, folderId: '' })}
          disabled={running}
        >
          <option value="">Choose a collection</option>
          {collections.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name || 'Untitled collection'}
            </option>
          ))}
        </select>
      </label>
      <label>
        Folder
        <select
          aria-label="Folder"
          value={settings.folderId}
          onChange={(e) => update({ folderId: e.target.value })}
          disabled={running}
        >
          <option value="">Whole collection</option>
          {folders.map((f) => (
            <option key={f.id} value={f.id}>
              {f.path}
            </option>
          ))}
        </select>
      </label>
      <label>
        Environment
        <select
          aria-label="Environment"
          value={settings.environmentId}
          onChange={(e) => update({ environmentId: e.target.value })}
          disabled={running}
        >
          <option value="">No environment</option>
          {environments.map((env) => (
            <option key={env.id} value={env.id}>
              {env.name || 'Untitled environment'}
            </option>
          ))}
        </select>
      </label>
      <NumberField
        label="Iterations"
        value={settings.iterations}
        min={1}
        max={100_000}
        disabled={running}
        onChange={(iterations) => update({ iterations })}
      />
      <NumberField
        label="Delay (ms)"
        value={settings.delayMs}
        min={0}
        max={600_000}
        disabled={running}
        onChange={(delayMs) => update({ delayMs })}
      />
      <NumberField
        label="Concurrency"
        value={settings.concurrency}
        min={1}
        max={64}
        disabled={running}
        onChange={(concurrency) => update({ concurrency })}
      />
      <label className="run-form-check">
        <input
          type="checkbox"
          checked={settings.bail}
          onChange={(e) => update({ bail: e.target.checked })}
          disabled={running}
        />
        Stop at the first failure
      </label>
      <div className="run-form-data" role="group" aria-label="Data file">
        <span>{settings.dataFile ? `Data: ${settings.dataFile.name}` : 'No data file (CSV or JSON)'}</span>
        <button type="button" disabled={running} onClick={() => void chooseDataFile().then(setFailure)}>
          Choose data file
        </button>
        {settings.dataFile && (
          <button type="button" disabled={running} onClick={() => update({ dataFile: null })}>
            Clear
          </button>
        )}
      </div>
      <div className="run-form-actions">
        {running ? (
          <button type="button" onClick={() => void stop()} disabled={stopping}>
            {stopping ? 'Stopping…' : 'Stop'}
          </button>
        ) : (
          <button type="submit" className="primary" disabled={!settings.collectionId}>
            Run
          </button>
        )}
      </div>
      {failure && <FailureMessage failure={failure} />}
    </form>
  );
}
