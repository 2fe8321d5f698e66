import { useState } from 'react';
import { useCredentialsStore } from './store';

/** Paste the JSON printed by `aws sts assume-role`; main keeps the credentials, the form forgets them. */
export function ImportSessionForm({ onDone, onCancel }: { onDone: () => void; onCancel: () => void }) {
  const [json, setJson] = useState('');
  const [label, setLabel] = useState('');
  const [error, setError] = useState('');
  const importSession = useCredentialsStore((s) => s.importSession);
  const submit = async () => {
    const outcome = await importSession({ json, ...(label.trim() ? { label: label.trim() } : {}) });
    if (outcome.ok) {
      setJson('');
      onDone();
    } else setError(outcome.error.message);
  };
  return (
    <form
      className="import-session-form"
      aria-label="Paste assume-role JSON"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h3>Paste `aws sts assume-role` output</h3>
      <textarea
        aria-label="Assume-role JSON"
        rows={6}
        value={json}
        onChange={(e) => setJson(e.target.value)}
        placeholder='{"Credentials": {...}, "AssumedRoleUser": {...}}'
      />
      <input
        aria-label="Session label"
        placeholder="Label (optional)"
        value={label}
        onChange={(e) => setLabel(e.target.value)}
      />
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={!json.trim()}>
          Add session
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
