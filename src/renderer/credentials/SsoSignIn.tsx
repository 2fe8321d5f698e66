import { useEffect, useState } from 'react';
import type { SsoTargetInput } from '../../shared/api/sso';
import type { Failure } from '../../shared/result';
import { FailureMessage } from '../common/FailureMessage';
import { TextField } from '../common/TextField';
import { formatCountdown, useNow } from './expiry';
import { SsoAccountList } from './SsoAccountList';
import { useSsoStore } from './sso-store';

interface SsoSignInProps {
  /** Called with the session made from the picked account and role. */
  readonly onDone: (sessionId: string) => void;
  readonly onCancel: () => void;
  /** Pre-filled fields (the demo sandbox's start URL and endpoints). */
  readonly initial?: Partial<Fields>;
}

interface Fields {
  /** `url` for a typed start URL, else `session:<name>` or `profile:<name>` from ~/.aws/config. */
  choice: string;
  startUrl: string;
  region: string;
  oidcEndpoint: string;
  portalEndpoint: string;
  stsEndpoint: string;
}

const BLANK: Fields = {
  choice: 'url',
  startUrl: '',
  region: 'us-east-1',
  oidcEndpoint: '',
  portalEndpoint: '',
  stsEndpoint: '',
};

function targetOf(fields: Fields): SsoTargetInput {
  const endpoints = {
    ...(fields.oidcEndpoint.trim() ? { oidcEndpoint: fields.oidcEndpoint.trim() } : {}),
    ...(fields.portalEndpoint.trim() ? { portalEndpoint: fields.portalEndpoint.trim() } : {}),
  };
  if (fields.choice.startsWith('session:')) return { ssoSession: fields.choice.slice(8), ...endpoints };
  if (fields.choice.startsWith('profile:')) return { profile: fields.choice.slice(8), ...endpoints };
  return { startUrl: fields.startUrl.trim(), region: fields.region.trim(), ...endpoints };
}

/** Sign in with IAM Identity Center: where, the code to approve, then the accounts and roles to pick from. */
export function SsoSignIn({ onDone, onCancel, initial }: SsoSignInProps) {
  const [fields, setFields] = useState<Fields>({ ...BLANK, ...initial });
  const [picking, setPicking] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  const configurations = useSsoStore((s) => s.configurations);
  const signIn = useSsoStore((s) => s.signIn);
  const accounts = useSsoStore((s) => s.accounts);
  const canOpenBrowser = useSsoStore((s) => s.canOpenBrowser);
  const loadConfigurations = useSsoStore((s) => s.loadConfigurations);
  const startSignIn = useSsoStore((s) => s.startSignIn);
  const cancelSignIn = useSsoStore((s) => s.cancelSignIn);
  const openVerification = useSsoStore((s) => s.openVerification);
  const pickRole = useSsoStore((s) => s.pickRole);
  const signOut = useSsoStore((s) => s.signOut);
  const demoSandbox = useSsoStore((s) => s.demoSandbox);
  const [showEndpoints, setShowEndpoints] = useState(Boolean(initial?.oidcEndpoint));
  const now = useNow();
  const set = <K extends keyof Fields>(key: K, value: Fields[K]) => setFields((f) => ({ ...f, [key]: value }));

  useEffect(() => {
    void loadConfigurations();
  }, [loadConfigurations]);

  const pick = async (accountId: string, roleName: string) => {
    setPicking(true);
    const result = await pickRole(accountId, roleName, fields.stsEndpoint.trim() || undefined);
    setPicking(false);
    setFailure(result.ok ? null : result.error);
    if (result.ok) onDone(result.value.sessionId);
  };

  const fillFromDemo = async () => {
    const demo = await demoSandbox();
    setFailure(demo.ok ? null : demo.error);
    if (!demo.ok) return;
    setFields((f) => ({ ...f, choice: 'url', ...demo.value }));
    setShowEndpoints(true);
  };

  const typed = fields.choice === 'url';
  const canStart = !typed || (fields.startUrl.trim() !== '' && fields.region.trim() !== '');

  return (
    <section className="sso-sign-in" aria-label="Sign in with SSO">
      <h3>Sign in with SSO</h3>
      {(signIn.status === 'idle' || signIn.status === 'failed' || signIn.status === 'starting') && (
        <form
          aria-label="SSO sign-in"
          onSubmit={(event) => {
            event.preventDefault();
            void startSignIn(targetOf(fields));
          }}
        >
          <label className="field">
            <span>Sign in to</span>
            <select
              aria-label="SSO configuration"
              value={fields.choice}
              onChange={(e) => set('choice', e.target.value)}
            >
              <option value="url">A start URL…</option>
              {fields.choice.startsWith('profile:') &&
                !configurations.some((c) => c.kind === 'profile' && `profile:${c.name}` === fields.choice) && (
                  <option value={fields.choice}>{fields.choice.replace(':', ' ')}</option>
                )}
              {configurations.map((c) => (
                <option
                  key={`${c.kind}:${c.name}`}
                  value={`${c.kind === 'sso-session' ? 'session' : 'profile'}:${c.name}`}
                >
                  {c.kind === 'sso-session' ? `sso-session ${c.name}` : `profile ${c.name}`} ({c.startUrl})
                  {c.signedIn ? ' · signed in' : ''}
                </option>
              ))}
            </select>
          </label>
          {typed && (
            <>
              <TextField
                label="Start URL"
                placeholder="https://d-1234567890.awsapps.com/start"
                value={fields.startUrl}
                onChange={(value) => set('startUrl', value)}
              />
              <TextField label="SSO region" value={fields.region} onChange={(value) => set('region', value)} />
            </>
          )}
          <details open={showEndpoints} onToggle={(e) => setShowEndpoints(e.currentTarget.open)}>
            <summary>Endpoints</summary>
            <TextField
              label="OIDC endpoint"
              placeholder="Default: https://oidc.<region>.amazonaws.com"
              value={fields.oidcEndpoint}
              onChange={(value) => set('oidcEndpoint', value)}
            />
            <TextField
              label="Portal endpoint"
              placeholder="Default: https://portal.sso.<region>.amazonaws.com"
              value={fields.portalEndpoint}
              onChange={(value) => set('portalEndpoint', value)}
            />
            <TextField
              label="STS endpoint"
              ariaLabel="SSO STS endpoint"
              placeholder="Default: https://sts.<region>.amazonaws.com"
              value={fields.stsEndpoint}
              onChange={(value) => set('stsEndpoint', value)}
            />
          </details>
          {signIn.status === 'failed' && <FailureMessage failure={signIn.error} />}
          <div className="form-actions">
            <button type="submit" className="primary" disabled={!canStart || signIn.status === 'starting'}>
              {signIn.status === 'starting' ? 'Starting…' : 'Sign in'}
            </button>
            <button
              type="button"
              onClick={() => void fillFromDemo()}
              title="No AWS account needed: a local IAM Identity Center"
            >
              Use the demo sandbox
            </button>
            <button type="button" onClick={onCancel}>
              Cancel
            </button>
          </div>
        </form>
      )}
      {signIn.status === 'waiting' && (
        <div className="sso-prompt" role="status">
          <p>
            Approve the sign-in in your browser and confirm the code{' '}
            <strong className="mono sso-code">{signIn.prompt.userCode}</strong>
          </p>
          <p>
            <a
              href={signIn.prompt.verificationUriComplete}
              target="_blank"
              rel="noopener noreferrer"
              data-testid="sso-verification-link"
            >
              {signIn.prompt.verificationUri}
            </a>
          </p>
          <p className="muted" data-testid="sso-progress">
            Waiting for approval ({signIn.polls} {signIn.polls === 1 ? 'check' : 'checks'}, every{' '}
            {signIn.intervalSeconds} s; the code expires in {formatCountdown(signIn.prompt.expiresAt, now)})
          </p>
          <div className="form-actions">
            {canOpenBrowser && (
              <button
                type="button"
                onClick={() => void openVerification().then((r) => setFailure(r.ok ? null : r.error))}
              >
                Open browser
              </button>
            )}
            <button type="button" onClick={() => void cancelSignIn()}>
              Cancel sign-in
            </button>
          </div>
        </div>
      )}
      {signIn.status === 'signed_in' && (
        <>
          <p className="muted" data-testid="sso-signed-in">
            Signed in; the sign-in ends in {formatCountdown(signIn.tokenExpiresAt, now)}.{' '}
            <button type="button" onClick={() => void signOut()}>
              Sign out
            </button>
          </p>
          {accounts.status === 'loading' && <p className="muted">Loading accounts…</p>}
          {accounts.status === 'error' && <FailureMessage failure={accounts.error} />}
          {accounts.status === 'success' && (
            <SsoAccountList accounts={accounts.accounts} busy={picking} onPick={(a, r) => void pick(a, r)} />
          )}
          <div className="form-actions">
            <button type="button" onClick={onCancel}>
              Close
            </button>
          </div>
        </>
      )}
      {failure && <FailureMessage failure={failure} />}
    </section>
  );
}
