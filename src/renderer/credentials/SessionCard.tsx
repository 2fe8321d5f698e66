import { useState } from 'react';
import { ChevronDown, ChevronRight, X } from 'lucide-react';
import type { SessionSummary } from '../../shared/api/credentials';
import type { Failure } from '../../shared/result';
import { failureText } from '../common/failure';
import { FailureMessage } from '../common/FailureMessage';
import { expiryState, formatCountdown } from './expiry';
import { useCredentialsStore } from './store';
import { useUndoStore } from '../undo/store';

interface SessionCardProps {
  readonly session: SessionSummary;
  readonly now: number;
  readonly onUse: (sessionId: string) => void;
  /** Opens Assume role with this session as the source (role chaining). */
  readonly onAssume?: (session: SessionSummary) => void;
}

const STATE_LABEL = { fresh: 'Fresh', expiring: 'Expiring soon', expired: 'Expired' } as const;

/**
 * One assumed-role session as a compact row (label, state, live countdown, Use; Re-assume once
 * expired) whose details open on demand: role ARN, account, key, source, SSO sign-in, the chaining
 * note, Who am I, Assume role from it, Refresh and auto-refresh.
 */
export function SessionCard({ session, now, onUse, onAssume }: SessionCardProps) {
  const state = expiryState(session.expiresAt, now);
  const identity = useCredentialsStore((s) => s.identities[session.id]);
  const refreshSession = useCredentialsStore((s) => s.refreshSession);
  const setAutoRefresh = useCredentialsStore((s) => s.setAutoRefresh);
  const removeSession = useCredentialsStore((s) => s.removeSession);
  const whoAmI = useCredentialsStore((s) => s.whoAmI);
  const [mfaCode, setMfaCode] = useState('');
  // A failure belongs to the credentials it was about: once they are replaced (a refresh from
  // anywhere, auto-refresh included), it no longer applies and is not shown.
  const generation = `${session.issuedAt}|${session.expiresAt}|${session.maskedAccessKeyId}`;
  const [failed, setFailed] = useState<{ failure: Failure; generation: string } | null>(null);
  const failure = failed && failed.generation === generation ? failed.failure : null;
  const setFailure = (next: Failure | null) => setFailed(next ? { failure: next, generation } : null);
  const [busy, setBusy] = useState(false);
  const [expanded, setExpanded] = useState(false);

  const refresh = async () => {
    setBusy(true);
    const outcome = await refreshSession(session.id, mfaCode || undefined);
    setBusy(false);
    setFailure(outcome.ok ? null : outcome.error);
    if (outcome.ok) setMfaCode('');
  };

  const refreshButton = session.refreshable && (
    <button
      type="button"
      disabled={busy}
      onClick={() => {
        // A code is needed first: the details hold its field.
        if (session.mfaSerial && !mfaCode) setExpanded(true);
        else void refresh();
      }}
    >
      {busy ? 'Refreshing…' : state === 'expired' ? 'Re-assume' : 'Refresh'}
    </button>
  );

  return (
    <article className={`session-card session-${state}`} aria-label={`Session ${session.label}`}>
      <div className="session-row">
        <button
          type="button"
          className="icon"
          aria-expanded={expanded}
          aria-label={`Details for ${session.label}`}
          title={expanded ? 'Hide details' : 'Show details'}
          onClick={() => setExpanded(!expanded)}
        >
          {expanded ? <ChevronDown size={14} aria-hidden /> : <ChevronRight size={14} aria-hidden />}
        </button>
        <strong className="session-label" title={session.assumedRoleArn}>
          {session.label}
        </strong>
        <span className={`expiry-badge expiry-${state}`} data-testid="session-state">
          {STATE_LABEL[state]}
        </span>
        <time
          dateTime={session.expiresAt}
          className={`countdown expiry-${state}`}
          data-testid="session-countdown"
          title={`Expires ${new Date(session.expiresAt).toLocaleString()}`}
        >
          {formatCountdown(session.expiresAt, now)}
        </time>
        {state === 'expired' ? (
          refreshButton
        ) : (
          <button type="button" title="Use in request" onClick={() => onUse(session.id)}>
            Use
          </button>
        )}
        <button
          type="button"
          className="icon"
          aria-label={`Remove session ${session.label}`}
          onClick={async () => {
            const undoId = await removeSession(session.id);
            if (undoId) useUndoStore.getState().offer(undoId, `Removed session “${session.label}”`);
          }}
        >
          <X size={14} aria-hidden />
        </button>
      </div>
      {session.lastRefreshError && <p className="field-error">Auto-refresh failed: {session.lastRefreshError}</p>}
      {expanded && (
        <div className="session-details">
          <dl>
            <dt>Role</dt>
            <dd className="mono" data-testid="session-arn">
              {session.assumedRoleArn}
            </dd>
            <dt>Account</dt>
            <dd className="mono">{session.account}</dd>
            <dt>Key</dt>
            <dd className="mono">{session.maskedAccessKeyId}</dd>
            <dt>Source</dt>
            <dd>{session.source}</dd>
            <dt>Expires</dt>
            <dd>{new Date(session.expiresAt).toLocaleTimeString()}</dd>
            {session.sso && (
              <>
                <dt>SSO</dt>
                <dd data-testid="session-sso">
                  {session.sso.roleName} in {session.sso.accountId}; sign-in ends{' '}
                  <time dateTime={session.sso.tokenExpiresAt}>
                    {new Date(session.sso.tokenExpiresAt).toLocaleTimeString()}
                  </time>{' '}
                  <span className={`countdown expiry-${expiryState(session.sso.tokenExpiresAt, now)}`}>
                    {formatCountdown(session.sso.tokenExpiresAt, now)}
                  </span>
                </dd>
              </>
            )}
          </dl>
          {session.chained && (
            <p className="session-sso" data-testid="session-chained">
              Role chaining: assumed from another role session, so AWS limits it to one hour.
            </p>
          )}
          <div className="session-actions">
            {state === 'expired' && (
              <button type="button" onClick={() => onUse(session.id)}>
                Use in request
              </button>
            )}
            <button type="button" onClick={() => void whoAmI(session.id, { kind: 'session', sessionId: session.id })}>
              Who am I
            </button>
            {onAssume && (
              <button type="button" onClick={() => onAssume(session)}>
                Assume role
              </button>
            )}
            {state !== 'expired' && refreshButton}
            {session.refreshable && (
              <label className="inline">
                <input
                  type="checkbox"
                  checked={session.autoRefresh}
                  onChange={(e) =>
                    void setAutoRefresh(session.id, e.target.checked).then((r) => setFailure(r.ok ? null : r.error))
                  }
                />
                Auto-refresh
              </label>
            )}
          </div>
          {session.mfaSerial && session.refreshable && (
            <input
              aria-label="MFA code for refresh"
              placeholder="MFA code to refresh"
              inputMode="numeric"
              maxLength={6}
              value={mfaCode}
              onChange={(e) => setMfaCode(e.target.value)}
            />
          )}
        </div>
      )}
      {identity && (
        <p className="identity" data-testid="who-am-i">
          {identity.ok ? (
            <>
              Caller: <span className="mono">{identity.value.arn}</span>
            </>
          ) : (
            <span className="field-error">{failureText(identity.error)}</span>
          )}
        </p>
      )}
      {failure && <FailureMessage failure={failure} />}
    </article>
  );
}
