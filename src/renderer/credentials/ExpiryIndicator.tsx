import { useEffect, useState } from 'react';
import type { CredentialStatus } from '../../shared/api/credentials';
import { api } from '../api';
import { useActiveTab } from '../request/store';
import { expiryState, formatCountdown, useNow } from './expiry';
import { useCredentialsStore } from './store';
import './credentials.css';

/** A compact badge beside Send: how long the credentials this request signs with still last. */
export function ExpiryIndicator() {
  const auth = useActiveTab().request.auth;
  const source = auth.type === 'awsv4' ? auth.source : undefined;
  const sourceKey = source ? JSON.stringify(source) : '';
  const sessions = useCredentialsStore((s) => s.sessions);
  const [loaded, setLoaded] = useState<{ key: string; status: CredentialStatus | null } | null>(null);
  const now = useNow();

  useEffect(() => {
    if (!sourceKey) return;
    let live = true;
    const load = () =>
      void api
        .credentialStatus({ source: JSON.parse(sourceKey) as NonNullable<typeof source> })
        .then((status) => live && setLoaded({ key: sourceKey, status }))
        .catch(() => live && setLoaded({ key: sourceKey, status: null }));
    load();
    const timer = setInterval(load, 10_000);
    return () => {
      live = false;
      clearInterval(timer);
    };
    // Sessions change when main refreshes one; re-read then too.
  }, [sourceKey, sessions]);

  const status = loaded?.key === sourceKey ? loaded.status : null;
  if (!sourceKey || !status) return null;
  const state = status.expiresAt ? expiryState(status.expiresAt, now) : status.state;
  const text = status.expiresAt
    ? formatCountdown(status.expiresAt, now)
    : status.state === 'static'
      ? 'long-term keys'
      : 'unknown expiry';
  return (
    <span
      className={`expiry-indicator expiry-${state}`}
      data-testid="expiry-indicator"
      title={`${status.label}${status.expiresAt ? ` — expires ${new Date(status.expiresAt).toLocaleString()}` : ''}`}
    >
      {text}
    </span>
  );
}
