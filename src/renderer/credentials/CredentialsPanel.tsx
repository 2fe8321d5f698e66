import { useEffect, useState } from 'react';
import type { CredentialSource } from '../../shared/model';
import { useRequestStore } from '../request/store';
import { AssumeRoleForm } from './AssumeRoleForm';
import { useNow } from './expiry';
import { ImportSessionForm } from './ImportSessionForm';
import { ManagedProfileForm, secretsEncrypted } from './ManagedProfileForm';
import { ProfileList } from './ProfileList';
import { SessionCard } from './SessionCard';
import { useCredentialsStore } from './store';
import './credentials.css';

type Form = 'none' | 'assume' | 'import' | 'keys';

/** Points the active request's AWS Signature at a credential source, keeping its region and service. */
export function useApplySource(): (source: CredentialSource) => void {
  const updateRequest = useRequestStore((s) => s.updateRequest);
  return (source) => {
    const { tabs, activeTabId } = useRequestStore.getState();
    const auth = tabs.find((t) => t.id === activeTabId)?.request.auth;
    updateRequest({
      auth:
        auth?.type === 'awsv4'
          ? { ...auth, source }
          : { type: 'awsv4', source, region: '', service: '', addAuthDataTo: 'headers', expiresSeconds: 900 },
    });
  };
}

/** The session-credential viewer: sessions with live expiry, profiles, and the forms that add them. */
export function CredentialsPanel() {
  const sessions = useCredentialsStore((s) => s.sessions);
  const loadSessions = useCredentialsStore((s) => s.loadSessions);
  const loadProfiles = useCredentialsStore((s) => s.loadProfiles);
  const [form, setForm] = useState<Form>('none');
  const [encrypted, setEncrypted] = useState(false);
  const applySource = useApplySource();
  const now = useNow();

  useEffect(() => {
    void loadProfiles();
    void loadSessions();
    void secretsEncrypted().then(setEncrypted);
    // Main refreshes sessions on its own (auto-refresh); poll so the viewer follows.
    const timer = setInterval(() => void loadSessions(), 5000);
    return () => clearInterval(timer);
  }, [loadProfiles, loadSessions]);

  return (
    <aside className="credentials-panel" aria-label="Credentials">
      <header className="panel-header">
        <h2>Sessions</h2>
        <div className="panel-actions">
          <button type="button" onClick={() => setForm('assume')}>
            Assume role
          </button>
          <button type="button" onClick={() => setForm('import')}>
            Paste JSON
          </button>
        </div>
      </header>
      {form === 'assume' && (
        <AssumeRoleForm
          onCancel={() => setForm('none')}
          onDone={(sessionId) => {
            setForm('none');
            if (sessionId) applySource({ kind: 'session', sessionId });
          }}
        />
      )}
      {form === 'import' && <ImportSessionForm onCancel={() => setForm('none')} onDone={() => setForm('none')} />}
      {sessions.length === 0 && form === 'none' && (
        <p className="muted">No sessions yet. Assume a role to get temporary credentials.</p>
      )}
      {sessions.map((session) => (
        <SessionCard
          key={session.id}
          session={session}
          now={now}
          onUse={(sessionId) => applySource({ kind: 'session', sessionId })}
        />
      ))}
      <header className="panel-header">
        <h2>Profiles</h2>
        <div className="panel-actions">
          <button type="button" onClick={() => setForm('keys')}>
            Add keys
          </button>
          <button type="button" className="icon" aria-label="Reload profiles" onClick={() => void loadProfiles()}>
            ⟳
          </button>
        </div>
      </header>
      {form === 'keys' && (
        <ManagedProfileForm encrypted={encrypted} onCancel={() => setForm('none')} onDone={() => setForm('none')} />
      )}
      <ProfileList onUse={(profile) => applySource({ kind: 'profile', profile })} />
    </aside>
  );
}
