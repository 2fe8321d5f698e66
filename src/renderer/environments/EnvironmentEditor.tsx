import { X } from 'lucide-react';
import { useState } from 'react';
import type { Environment } from '../../shared/api/collections';
import type { EnvironmentValue } from '../../shared/collection';
import { useCollectionsStore } from '../collections/store';
import { EnvironmentValueRow } from './EnvironmentValueRow';
import { useEnvironmentsStore } from './store';
import { failureText } from '../common/failure';
import { deleteEnvironment, saveEnvironment } from '../workflows';
import './environments.css';
import { Modal } from '../common/Modal';

const NONE: readonly Environment[] = [];
const blankRow = (): EnvironmentValue => ({ key: '', value: '', enabled: true, secret: false });

/** Create, rename, delete and edit environments; secret values are write-only. */
export function EnvironmentEditor() {
  const editor = useEnvironmentsStore((s) => s.editor);
  const environments = useCollectionsStore((s) => (s.load.status === 'success' ? s.load.workspace.environments : NONE));
  const openEditor = useEnvironmentsStore((s) => s.openEditor);
  const closeEditor = useEnvironmentsStore((s) => s.closeEditor);
  const selectedId = editor.open ? editor.environmentId : null;
  const selected = environments.find((env) => env.id === selectedId);
  const [draft, setDraft] = useState<Environment | null>(selected ?? null);
  const [shown, setShown] = useState(selected);
  const [message, setMessage] = useState<{ kind: 'info' | 'error'; text: string } | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);

  // A different environment (or a fresh save of this one: secrets now stored) resets the draft.
  if (shown !== selected) {
    setShown(selected);
    setDraft(selected ?? null);
    setConfirmDelete(false);
  }

  if (!editor.open) return null;

  const create = async () => {
    const outcome = await saveEnvironment({ id: crypto.randomUUID(), name: 'New environment', values: [] });
    if (outcome.ok) openEditor(outcome.value.id);
    else setMessage({ kind: 'error', text: failureText(outcome.error) });
  };
  const submit = async () => {
    if (!draft) return;
    const values = draft.values.filter((row) => row.key.trim() !== '' || row.value !== '');
    const outcome = await saveEnvironment({ ...draft, values });
    setMessage(
      outcome.ok
        ? { kind: 'info', text: `Saved “${draft.name}”` }
        : { kind: 'error', text: failureText(outcome.error) },
    );
  };
  const setRow = (index: number, row: EnvironmentValue) =>
    draft && setDraft({ ...draft, values: draft.values.map((r, i) => (i === index ? row : r)) });

  return (
    <Modal label="Environments" onCancel={closeEditor} closeOnBackdrop>
      <div className="modal environment-editor">
        <div className="import-panel-head">
          <h3>Environments</h3>
          <button type="button" className="icon" aria-label="Close environments" onClick={closeEditor}>
            <X size={14} aria-hidden />
          </button>
        </div>
        <div className="environment-layout">
          <ul className="environment-list" aria-label="Environment list">
            {environments.map((env) => (
              <li key={env.id}>
                <button
                  type="button"
                  className={env.id === selectedId ? 'active' : ''}
                  aria-current={env.id === selectedId}
                  onClick={() => openEditor(env.id)}
                >
                  {env.name || 'Untitled environment'}
                </button>
              </li>
            ))}
            <li>
              <button type="button" onClick={() => void create()}>
                + New environment
              </button>
            </li>
          </ul>
          {draft ? (
            <form
              className="environment-form"
              onSubmit={(event) => {
                event.preventDefault();
                void submit();
              }}
            >
              <label className="field">
                <span>Name</span>
                <input
                  aria-label="Environment name"
                  value={draft.name}
                  maxLength={256}
                  onChange={(e) => setDraft({ ...draft, name: e.target.value })}
                />
              </label>
              <table className="kv-table" aria-label="Environment values">
                <thead>
                  <tr className="muted">
                    <th>On</th>
                    <th>Name</th>
                    <th>Value</th>
                    <th>Secret</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {draft.values.map((row, index) => (
                    <EnvironmentValueRow
                      key={index}
                      index={index}
                      row={row}
                      onChange={(next) => setRow(index, next)}
                      onRemove={() => setDraft({ ...draft, values: draft.values.filter((_, i) => i !== index) })}
                    />
                  ))}
                </tbody>
              </table>
              <div className="form-actions">
                <button type="button" onClick={() => setDraft({ ...draft, values: [...draft.values, blankRow()] })}>
                  Add variable
                </button>
                <button type="submit" className="primary">
                  Save environment
                </button>
                {confirmDelete ? (
                  <button type="button" className="danger" onClick={() => void deleteEnvironment(draft.id)}>
                    Confirm delete
                  </button>
                ) : (
                  <button type="button" onClick={() => setConfirmDelete(true)}>
                    Delete environment
                  </button>
                )}
              </div>
              {message && (
                <p className={message.kind === 'error' ? 'field-error' : 'muted'} role="status">
                  {message.text}
                </p>
              )}
            </form>
          ) : (
            <p className="muted">Choose an environment or create one.</p>
          )}
        </div>
      </div>
    </Modal>
  );
}
