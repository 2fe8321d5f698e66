import { useState } from 'react';
import { ActionForm } from '../common/ActionForm';
import { useCredentialsStore } from './store';

/** Paste the JSON printed by `aws sts assume-role`; main keeps the credentials, the form forgets them. */
export function ImportSessionForm({ onDone, onCancel }: { onDone: () => void; onCancel: () => void }) {
  const [json, setJson] = useState('');
  const [label, setLabel] = useState('');
  const importSession = useCredentialsStore((s) => s.importSession);
  const submit = async () => {
    const outcome = await importSession({ json, ...(label.trim() ? { label: label.trim() } : {}) });
    if (outcome.ok) {
      setJson('');
      onDone();
    }
    return outcome;
  };
  return (
    <ActionForm
      className="import-session-form"
      label="Paste assume-role JSON"
      title="Paste `aws sts assume-role` output"
      submitLabel="Add session"
      canSubmit={Boolean(json.trim())}
      onSubmit={submit}
      onCancel={onCancel}
    >
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
    </ActionForm>
  );
}
