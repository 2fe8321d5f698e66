import { useEffect, useState } from 'react';
import { EXPIRING_SOON_MS } from '../../shared/credential-basics';

export type ExpiryState = 'fresh' | 'expiring' | 'expired';

export function expiryState(expiresAt: string, now: number): ExpiryState {
  const left = Date.parse(expiresAt) - now;
  if (left <= 0) return 'expired';
  return left < EXPIRING_SOON_MS ? 'expiring' : 'fresh';
}

/** `1h 02m 03s`, `4m 05s`, `12s`, or `expired`. */
export function formatCountdown(expiresAt: string, now: number): string {
  const left = Math.floor((Date.parse(expiresAt) - now) / 1000);
  if (left <= 0) return 'expired';
  const h = Math.floor(left / 3600);
  const m = Math.floor((left % 3600) / 60);
  const s = left % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  if (h > 0) return `${h}h ${pad(m)}m ${pad(s)}s`;
  if (m > 0) return `${m}m ${pad(s)}s`;
  return `${s}s`;
}

/** The current time, re-rendering once a second: drives every countdown. */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
