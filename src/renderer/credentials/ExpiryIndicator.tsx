import { useEffect } from 'react';
import { useRequestStore } from '../request/store';
import { expiryState, formatCountdown, useNow } from './expiry';
import { useCredentialsStore } from './store';
import './credentials.css';

/**
 * A compact badge beside Send: how long the credentials this request signs with
 * still last. Read once per source; main's events re-read it when it changes, and
 * the countdown ticks locally.
 */
export function ExpiryIndicator() {
  const source = useRequestStore((s) => {
    const auth = (s.tabs.find((tab) => tab.id === s.activeTabId) ?? s.tabs[0])?.request.auth;
    return auth?.type === 'awsv4' ? auth.source : undefined;
  });
  const loadSourceStatus = useCredentialsStore((s) => s.loadSourceStatus);
  const shown = useCredentialsStore((s) => s.sourceStatus);
  const now = useNow();

  useEffect(() => {
    void loadSourceStatus(source);
  }, [source, loadSourceStatus]);

  const status = source && shown?.key === JSON.stringify(source) ? shown.status : null;
  if (!status) return null;
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
