import { RefreshCw } from 'lucide-react';
import { useEffect, useState } from 'react';
import type { FormState as AssumeFields } from './AssumeRoleForm';
import { useNow } from './expiry';
import { ProfileList } from './ProfileList';
import { SessionCard } from './SessionCard';
import { useCredentialsStore } from './store';
import { useCredentialSource as applySource } from '../workflows';
import { lazyPanel } from '../common/lazy-panel';
import './credentials.css';

// The forms open from a button: their code loads the first time one opens.
const AssumeRoleForm = lazyPanel(() => import('./AssumeRoleForm').then((m) => m.AssumeRoleForm));
const ImportSessionForm = lazyPanel(() => import('./ImportSessionForm').then((m) => m.ImportSessionForm));
const ManagedProfileForm = lazyPanel(() => import('./ManagedProfileForm').then((m) => m.ManagedProfileForm));
const SsoSignIn = lazyPanel(() => import('./SsoSignIn').then((m) => m.SsoSignIn));

type Form = 'none' | 'assume' | 'import' | 'keys' | 'sso';

/** The session-credential viewer: sessions with live expiry, profiles, and the forms that add them. */
export function CredentialsPanel() {
  const sessions = useCredentialsStore((s) => s.sessions);
  const loadSessions = useCredentialsStore((s) => s.loadSessions);
  const loadProfiles = useCredentialsStore((s) => s.loadProfiles);
  const [form, setForm] = useState<Form>('none');
  const [ready, setReady] = useState<string | null>(null);
  const readySession = sessions.find((s) => s.id === ready);
  /** The SSO profile to sign in with, when Sign in is opened from the profile list. */
  const [ssoProfile, setSsoProfile] = useState<string | undefined>(undefined);
  /** Pre-filled Assume role fields, when it is opened from a session (role chaining). */
  const [assumeFrom, setAssumeFrom] = useState<Partial<AssumeFields> | undefined>(undefined);
  const encrypted = useCredentialsStore((s) => s.secretsEncrypted);
  const loadAppInfo = useCredentialsStore((s) => s.loadAppInfo);
  const now = useNow();

  useEffect(() => {
    // Loaded once; main's sessionChanged events keep the list current from then on (see workflows.ts).
    void loadProfiles();
    void loadSessions();
    void loadAppInfo();
  }, [loadProfiles, loadSessions, loadAppInfo]);

  return (
    <aside className="credentials-panel" aria-label="Credentials">
      <header className="panel-header">
        <h2>Sessions</h2>
        <div className="panel-actions">
          <button
            type="button"
            onClick={() => {
              setAssumeFrom(undefined);
              setForm('assume');
            }}
          >
            Assume role
          </button>
          <button
            type="button"
            onClick={() => {
              setSsoProfile(undefined);
              setForm('sso');
            }}
          >
            Sign in with SSO
          </button>
          <button type="button" onClick={() => setForm('import')}>
            Paste JSON
          </button>
        </div>
      </header>
      {form === 'assume' && (
        <AssumeRoleForm
          key={assumeFrom?.sessionId ?? 'new'}
          {...(assumeFrom ? { initial: assumeFrom } : {})}
          onCancel={() => setForm('none')}
          onDone={(sessionId) => {
            setForm('none');
            // The open request keeps its credentials until the user says otherwise.
            if (sessionId) setReady(sessionId);
          }}
        />
      )}
      {readySession && (
        <p className="session-ready" role="status">
          Session “{readySession.label}” is ready.{' '}
          <button
            type="button"
            onClick={() => {
              applySource({ kind: 'session', sessionId: readySession.id });
              setReady(null);
            }}
          >
            Use in this request
          </button>{' '}
          <button type="button" className="link" onClick={() => setReady(null)}>
            Dismiss
          </button>
        </p>
      )}
      {form === 'sso' && (
        <SsoSignIn
          key={ssoProfile ?? ''}
          {...(ssoProfile ? { initial: { choice: `profile:${ssoProfile}` } } : {})}
          onCancel={() => setForm('none')}
          onDone={(sessionId) => {
            setForm('none');
            setReady(sessionId);
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
          onAssume={(from) => {
            setAssumeFrom({
              sourceKind: 'session',
              sessionId: from.id,
              region: from.region,
              endpoint: from.endpoint ?? '',
              durationSeconds: '3600',
              sessionName: 'signet',
            });
            setForm('assume');
          }}
        />
      ))}
      <header className="panel-header">
        <h2>Profiles</h2>
        <div className="panel-actions">
          <button type="button" onClick={() => setForm('keys')}>
            Add keys
          </button>
          <button type="button" className="icon" aria-label="Reload profiles" onClick={() => void loadProfiles()}>
            <RefreshCw size={14} aria-hidden />
          </button>
        </div>
      </header>
      {form === 'keys' && (
        <ManagedProfileForm encrypted={encrypted} onCancel={() => setForm('none')} onDone={() => setForm('none')} />
      )}
      <ProfileList
        onUse={(profile) => applySource({ kind: 'profile', profile })}
        onSignIn={(profile) => {
          setSsoProfile(profile);
          setForm('sso');
        }}
      />
    </aside>
  );
}
