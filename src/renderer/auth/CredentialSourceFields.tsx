import { useEffect } from 'react';
import { TextField } from '../common/TextField';
import type { CredentialSource } from '../../shared/model';
import { useCredentialsStore, useProfiles } from '../credentials/store';
import { SecretInput } from '../common/SecretInput';

interface CredentialSourceFieldsProps {
  readonly source: CredentialSource;
  readonly onChange: (source: CredentialSource) => void;
}

function blank(kind: CredentialSource['kind']): CredentialSource {
  if (kind === 'profile') return { kind, profile: '' };
  if (kind === 'session') return { kind, sessionId: '' };
  return { kind: 'keys', accessKeyId: '', secretAccessKey: '', sessionToken: '' };
}

/** Where the signature's credentials come from: typed keys, a profile, or an assumed-role session. */
export function CredentialSourceFields({ source, onChange }: CredentialSourceFieldsProps) {
  const profiles = useProfiles();
  const sessions = useCredentialsStore((s) => s.sessions);
  const loadProfiles = useCredentialsStore((s) => s.loadProfiles);
  useEffect(() => {
    if (source.kind === 'profile') void loadProfiles();
  }, [source.kind, loadProfiles]);

  return (
    <>
      <label className="field">
        <span>Credentials</span>
        <select
          aria-label="Credential source"
          value={source.kind}
          onChange={(e) => onChange(blank(e.target.value as CredentialSource['kind']))}
        >
          <option value="keys">Access keys</option>
          <option value="profile">AWS profile</option>
          <option value="session">Assumed-role session</option>
        </select>
      </label>
      {source.kind === 'keys' && (
        <>
          <TextField
            label="Access key ID"
            spellCheck={false}
            value={source.accessKeyId}
            onChange={(value) => onChange({ ...source, accessKeyId: value })}
          />
          <label className="field">
            <span>Secret access key</span>
            <SecretInput
              label="Secret access key"
              value={source.secretAccessKey}
              onChange={(secretAccessKey) => onChange({ ...source, secretAccessKey })}
            />
          </label>
          <label className="field">
            <span>Session token</span>
            <SecretInput
              label="Session token"
              value={source.sessionToken}
              placeholder="Optional: for temporary credentials"
              onChange={(sessionToken) => onChange({ ...source, sessionToken })}
            />
          </label>
        </>
      )}
      {source.kind === 'profile' && (
        <label className="field">
          <span>Profile</span>
          <select
            aria-label="Profile"
            value={source.profile}
            onChange={(e) => onChange({ kind: 'profile', profile: e.target.value })}
          >
            <option value="">Choose a profile…</option>
            {profiles.map((p) => (
              <option key={p.name} value={p.name}>
                {p.name} ({p.kind})
              </option>
            ))}
          </select>
        </label>
      )}
      {source.kind === 'session' && (
        <label className="field">
          <span>Session</span>
          <select
            aria-label="Session"
            value={source.sessionId}
            onChange={(e) => onChange({ kind: 'session', sessionId: e.target.value })}
          >
            <option value="">{sessions.length ? 'Choose a session…' : 'No sessions: assume a role first'}</option>
            {sessions.map((s) => (
              <option key={s.id} value={s.id}>
                {s.label} — {s.assumedRoleArn}
              </option>
            ))}
          </select>
        </label>
      )}
    </>
  );
}
