import { Cookie } from 'lucide-react';
import { useState } from 'react';
import type { ReactNode } from 'react';
import { failureText } from '../common/failure';
import { useActiveResponse } from '../request/store';
import { TabStrip } from '../common/TabStrip';
import { formatBytes } from '../common/format-bytes';
import { statusClass } from './format';
import { lazyPanel } from '../common/lazy-panel';
import { BodyPanel } from './BodyPanel';
import { TimingView } from './TimingView';
import './response.css';

// Shown only after a send (a 403's explanation, an MFA prompt, the signing inspector): loaded then.
const ExplanationCard = lazyPanel(() => import('./ExplanationCard').then((m) => m.ExplanationCard));
const MfaPrompt = lazyPanel(() => import('./MfaPrompt').then((m) => m.MfaPrompt));
const SigningInspector = lazyPanel(() => import('./SigningInspector').then((m) => m.SigningInspector));
const CookiesDialog = lazyPanel(() => import('./CookiesDialog').then((m) => m.CookiesDialog));

/** Opens the cookie jar: what responses set, to see and clear. */
function CookiesButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="response-cookies" onClick={() => setOpen(true)}>
        <Cookie size={12} aria-hidden /> Cookies
      </button>
      {open && <CookiesDialog onClose={() => setOpen(false)} />}
    </>
  );
}

type View = 'body' | 'headers' | 'request' | 'signing' | 'timing';

/** Status, time, size, headers and body of the last response, or why there is none. */
export function ResponsePane({ demo }: { demo?: ReactNode }) {
  const response = useActiveResponse();
  const [view, setView] = useState<View>('body');

  if (response.status === 'idle') {
    return (
      <section className="response-pane empty" aria-label="Response">
        <p className="muted">Send a request to see the response here.</p>
        <p className="muted">
          New here? {demo} runs a local API Gateway and STS, assumes a cross-account role, and opens requests that
          answer 200 and 403.
        </p>
      </section>
    );
  }
  if (response.status === 'loading') {
    return (
      <section className="response-pane" aria-label="Response">
        <p className="loading" role="status">
          Sending…
        </p>
      </section>
    );
  }
  if (response.status === 'error') {
    return (
      <section className="response-pane" aria-label="Response">
        <div className="response-meta">
          <CookiesButton />
        </div>
        <div className="request-error" role="alert">
          <strong className="status-error">
            {response.error.code === 'cancelled' ? 'Cancelled' : 'Request failed'}
          </strong>
          <p>{failureText(response.error)}</p>
        </div>
        {response.error.code === 'mfa_required' && response.error.mfaSerial && (
          <MfaPrompt serial={response.error.mfaSerial} />
        )}
        {response.error.signing && <SigningInspector signing={response.error.signing} />}
      </section>
    );
  }

  const { response: res, sent, signing, explanation, retriedAfterRefresh } = response.result;
  const views: View[] = [
    'body',
    'headers',
    'request',
    ...(signing ? (['signing'] as const) : []),
    ...(res.timings ? (['timing'] as const) : []),
  ];
  // A view this response lacks (Signing after an unsigned send) shows the body, never an empty pane.
  const shown: View = views.includes(view) ? view : 'body';
  const labels: Record<View, string> = {
    body: 'Body',
    headers: `Headers (${res.headers.length})`,
    request: 'Sent request',
    signing: 'Signing',
    timing: 'Timing',
  };
  return (
    <section className="response-pane" aria-label="Response">
      <div className="response-meta">
        <span className={`status ${statusClass(res.status)}`} data-testid="response-status">
          {res.status} {res.statusText}
        </span>
        <span data-testid="response-time">{res.timeMs} ms</span>
        <span data-testid="response-size">{formatBytes(res.sizeBytes)}</span>
        {retriedAfterRefresh && <span className="muted">credentials refreshed and retried</span>}
        <CookiesButton />
      </div>
      {explanation && <ExplanationCard explanation={explanation} {...(signing ? { signing } : {})} />}
      <TabStrip
        id="response-view"
        label="Response views"
        tabs={views.map((key) => ({ key, label: labels[key] }))}
        selected={shown}
        onSelect={setView}
        panelClassName="response-body"
      >
        {shown === 'body' && <BodyPanel key={res.bodyId ?? `${res.status}-${res.timeMs}`} res={res} />}
        {shown === 'headers' && (
          <table className="headers-table" aria-label="Response headers">
            <tbody>
              {res.headers.map(([name, value], index) => (
                <tr key={index}>
                  <th>{name}</th>
                  <td>{value}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {shown === 'request' && (
          <pre className="sent-request" aria-label="Sent request">
            {`${sent.method} ${sent.url}\n${sent.headers.map(([n, v]) => `${n}: ${v}`).join('\n')}\n\n(${formatBytes(sent.bodyBytes)} body)`}
          </pre>
        )}
        {shown === 'signing' && signing && <SigningInspector signing={signing} />}
        {shown === 'timing' && res.timings && <TimingView timings={res.timings} totalMs={res.timeMs} />}
      </TabStrip>
    </section>
  );
}
