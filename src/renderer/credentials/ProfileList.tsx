import { X } from 'lucide-react';
import { failureText } from '../common/failure';
import { FailureMessage } from '../common/FailureMessage';
import { useCredentialsStore } from './store';

/** Profiles from the AWS files and the app, with their kind and any problem that stops their use. */
export function ProfileList({
  onUse,
  onSignIn,
}: {
  onUse: (profile: string) => void;
  /** For SSO profiles: sign in to IAM Identity Center with this profile's settings. */
  onSignIn?: (profile: string) => void;
}) {
  const profiles = useCredentialsStore((s) => s.profiles);
  const identities = useCredentialsStore((s) => s.identities);
  const whoAmI = useCredentialsStore((s) => s.whoAmI);
  const removeManagedProfile = useCredentialsStore((s) => s.removeManagedProfile);
  if (profiles.status === 'loading' || profiles.status === 'idle') return <p className="muted">Reading profiles…</p>;
  if (profiles.status === 'error') return <FailureMessage failure={profiles.error} />;
  const { profiles: list, errors, files } = profiles.value;
  return (
    <div className="profile-list">
      {errors.map((error) => (
        <p key={error} className="field-error" role="alert">
          {error}
        </p>
      ))}
      {list.length === 0 && (
        <p className="muted">
          No profiles in {files.config} or {files.credentials}.
        </p>
      )}
      {list.map((profile) => {
        const identity = identities[`profile:${profile.name}`];
        return (
          <article key={profile.name} className="profile-row" aria-label={`Profile ${profile.name}`}>
            <div>
              <strong>{profile.name}</strong> <span className="kind-badge">{profile.kind}</span>
              {profile.region && <span className="muted"> {profile.region}</span>}
              {profile.roleArn && <div className="mono muted">{profile.roleArn}</div>}
              {profile.maskedAccessKeyId && <div className="mono muted">{profile.maskedAccessKeyId}</div>}
              {profile.storage === 'memory' && <div className="muted">kept in memory only</div>}
              {profile.storage === 'plain-file' && <div className="warning">stored in a plain 0600 file</div>}
              {profile.problem && <div className="field-error">{profile.problem}</div>}
              {identity && (
                <div className="mono">
                  {identity.ok ? (
                    identity.value.arn
                  ) : (
                    <span className="field-error">{failureText(identity.error)}</span>
                  )}
                </div>
              )}
            </div>
            <div className="profile-actions">
              <button type="button" onClick={() => onUse(profile.name)}>
                Use
              </button>
              <button
                type="button"
                onClick={() => void whoAmI(`profile:${profile.name}`, { kind: 'profile', profile: profile.name })}
              >
                Who am I
              </button>
              {profile.kind === 'sso' && onSignIn && (
                <button type="button" onClick={() => onSignIn(profile.name)}>
                  Sign in
                </button>
              )}
              {profile.origin === 'managed' && (
                <button
                  type="button"
                  className="icon"
                  aria-label={`Remove profile ${profile.name}`}
                  onClick={() => void removeManagedProfile(profile.name)}
                >
                  <X size={14} aria-hidden />
                </button>
              )}
            </div>
          </article>
        );
      })}
    </div>
  );
}
