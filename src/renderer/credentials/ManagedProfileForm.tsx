import { useState } from 'react';
import { ActionForm } from '../common/ActionForm';
import { TextField } from '../common/TextField';
import { useCredentialsStore } from './store';

/**
 * App-managed keys: the secret is sent to main once and never shown again. Where
 * the OS cannot encrypt it (browser host), it stays in memory unless the user opts
 * into a 0600 file, with a warning.
 */
export function ManagedProfileForm({
  onDone,
  onCancel,
  encrypted,
}: {
  onDone: () => void;
  onCancel: () => void;
  encrypted: boolean;
}) {
  const [name, setName] = useState('');
  const [accessKeyId, setAccessKeyId] = useState('');
  const [secret, setSecret] = useState('');
  const [region, setRegion] = useState('');
  const [persist, setPersist] = useState(false);
  const addManagedProfile = useCredentialsStore((s) => s.addManagedProfile);
  const secretsNote = useCredentialsStore((s) => s.secretsNote);
  const submit = async () => {
    const outcome = await addManagedProfile({
      name: name.trim(),
      accessKeyId: accessKeyId.trim(),
      secretAccessKey: secret.trim(),
      persist,
      ...(region.trim() ? { region: region.trim() } : {}),
    });
    setSecret('');
    if (outcome.ok) onDone();
    return outcome;
  };
  return (
    <ActionForm
      className="managed-profile-form"
      label="Add access keys"
      title="Add access keys"
      submitLabel="Save keys"
      canSubmit={Boolean(name && accessKeyId && secret)}
      onSubmit={submit}
      onCancel={onCancel}
    >
      <TextField label="Profile name" value={name} onChange={(value) => setName(value)} />
      <TextField
        label="Access key ID"
        ariaLabel="Profile access key ID"
        value={accessKeyId}
        onChange={(value) => setAccessKeyId(value)}
      />
      <TextField
        label="Secret access key"
        ariaLabel="Profile secret access key"
        type="password"
        autoComplete="off"
        value={secret}
        onChange={(value) => setSecret(value)}
      />
      <TextField
        label="Region"
        ariaLabel="Profile region"
        placeholder="Optional"
        value={region}
        onChange={(value) => setRegion(value)}
      />
      {secretsNote && <p className="warning">{secretsNote}</p>}
      {encrypted ? (
        <p className="muted">The secret is encrypted at rest by the operating system's keychain.</p>
      ) : (
        <label className="inline warning">
          <input type="checkbox" checked={persist} onChange={(e) => setPersist(e.target.checked)} />
          Keep across restarts in a plain file readable only by you (0600). Without this, the keys are forgotten when
          Signet stops.
        </label>
      )}
    </ActionForm>
  );
}
