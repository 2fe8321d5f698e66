import { Eye, EyeOff, Trash2 } from 'lucide-react';
import { useCallback, useEffect, useState } from 'react';
import type { CookieView } from '../../shared/api/cookies';
import type { Result } from '../../shared/result';
import { api } from '../api';
import { Modal } from '../common/Modal';

type Load =
  { status: 'loading' } | { status: 'ready'; cookies: readonly CookieView[] } | { status: 'error'; message: string };

function asLoad(result: Result<{ cookies: readonly CookieView[] }>): Load {
  return result.ok
    ? { status: 'ready', cookies: result.value.cookies }
    : { status: 'error', message: result.error.message };
}

const keyOf = (c: CookieView) => `${c.domain}\n${c.path}\n${c.name}`;

function expiryText(expires: string | undefined): string {
  return expires ? new Date(expires).toLocaleString() : 'Session';
}

/**
 * The cookie jar main keeps for this run: cookies by host, with their attributes, values
 * hidden until revealed; delete one, clear a host's, or clear all.
 */
export function CookiesDialog({ onClose }: { readonly onClose: () => void }) {
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [revealed, setRevealed] = useState<ReadonlySet<string>>(new Set());
  const [error, setError] = useState<string | undefined>();

  const refresh = useCallback(async () => setLoad(asLoad(await api.listCookies({}))), []);
  useEffect(() => {
    let live = true;
    void api.listCookies({}).then((result) => {
      if (live) setLoad(asLoad(result));
    });
    return () => {
      live = false;
    };
  }, []);

  const act = async (run: () => Promise<{ ok: boolean; error?: { message: string } }>) => {
    const result = await run();
    setError(result.ok ? undefined : result.error?.message);
    await refresh();
  };
  const toggle = (key: string) =>
    setRevealed((current) => {
      const next = new Set(current);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });

  const byDomain = new Map<string, CookieView[]>();
  if (load.status === 'ready')
    for (const c of load.cookies) byDomain.set(c.domain, [...(byDomain.get(c.domain) ?? []), c]);

  return (
    <Modal label="Cookies" onCancel={onClose} closeOnBackdrop>
      <div className="modal cookies-dialog">
        <h3>Cookies</h3>
        <p className="muted">
          Cookies responses set are sent on later requests to the same host (and the subdomains a cookie&apos;s Domain
          names), never to another host. Signet keeps them until it quits.
        </p>
        {load.status === 'loading' && <p role="status">Loading…</p>}
        {load.status === 'error' && (
          <p className="error" role="alert">
            {load.message}
          </p>
        )}
        {load.status === 'ready' && byDomain.size === 0 && <p className="muted">No cookies yet.</p>}
        {[...byDomain].map(([domain, cookies]) => (
          <section key={domain} className="cookie-host" aria-label={`Cookies of ${domain}`}>
            <div className="cookie-host-head">
              <h4>{domain}</h4>
              <button type="button" onClick={() => act(() => api.clearCookies({ domain }))}>
                Clear {domain}
              </button>
            </div>
            <table className="cookie-table">
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Value</th>
                  <th>Path</th>
                  <th>Expires</th>
                  <th>Flags</th>
                  <th aria-label="Actions" />
                </tr>
              </thead>
              <tbody>
                {cookies.map((c) => {
                  const key = keyOf(c);
                  const shown = revealed.has(key);
                  const flags = [
                    c.hostOnly ? 'host only' : `*.${c.domain}`,
                    ...(c.secure ? ['Secure'] : []),
                    ...(c.httpOnly ? ['HttpOnly'] : []),
                    ...(c.sameSite ? [`SameSite=${c.sameSite}`] : []),
                  ];
                  return (
                    <tr key={key} data-testid="cookie-row">
                      <td className="cookie-name">{c.name}</td>
                      <td className="cookie-value">
                        <code>{shown ? c.value : '••••••••'}</code>
                        <button
                          type="button"
                          className="icon"
                          aria-label={`${shown ? 'Hide' : 'Show'} value of ${c.name}`}
                          aria-pressed={shown}
                          onClick={() => toggle(key)}
                        >
                          {shown ? <EyeOff size={14} aria-hidden /> : <Eye size={14} aria-hidden />}
                        </button>
                      </td>
                      <td>{c.path}</td>
                      <td>{expiryText(c.expires)}</td>
                      <td>{flags.join(', ')}</td>
                      <td>
                        <button
                          type="button"
                          className="icon"
                          aria-label={`Delete cookie ${c.name} of ${domain}`}
                          onClick={() => act(() => api.deleteCookie({ domain: c.domain, path: c.path, name: c.name }))}
                        >
                          <Trash2 size={14} aria-hidden />
                        </button>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </section>
        ))}
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <div className="form-actions">
          {byDomain.size > 0 && (
            <button type="button" className="danger" onClick={() => act(() => api.clearCookies({}))}>
              Clear all cookies
            </button>
          )}
          <button type="button" onClick={onClose} data-autofocus>
            Close
          </button>
        </div>
      </div>
    </Modal>
  );
}
