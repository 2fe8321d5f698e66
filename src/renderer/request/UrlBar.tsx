import { useState } from 'react';
import { failureText } from '../common/failure';
import { HTTP_METHODS, METHOD_PATTERN } from '../../shared/request-basics';

const OTHER = '__other__';
import { activeTabOf, useActiveField, useRequestStore } from './store';

/** Method, URL and Send/Cancel, with `{{variables}}` nothing defines listed under the URL. The expiry indicator for the request's credentials sits beside Send. */
export function UrlBar({ beforeSend, belowUrl }: { beforeSend?: React.ReactNode; belowUrl?: React.ReactNode }) {
  const method = useActiveField('method');
  const url = useActiveField('url');
  const loading = useRequestStore((s) => activeTabOf(s).response.status === 'loading');
  const updateRequest = useRequestStore((s) => s.updateRequest);
  const pasteCurl = useRequestStore((s) => s.pasteCurl);
  const [pasteNote, setPasteNote] = useState('');
  const send = useRequestStore((s) => s.send);
  const cancel = useRequestStore((s) => s.cancel);
  return (
    <>
      <form
        className="url-bar"
        onSubmit={(event) => {
          event.preventDefault();
          void send();
        }}
      >
        <select
          aria-label="HTTP method"
          className={`method method-${method}`}
          value={method}
          onChange={(e) => {
            if (e.target.value !== OTHER) return updateRequest({ method: e.target.value });
            // Any HTTP token: PURGE, PROPFIND, a team's own verb.
            const typed = window.prompt('HTTP method (for example PURGE or PROPFIND)', '')?.trim().toUpperCase();
            if (typed && METHOD_PATTERN.test(typed)) updateRequest({ method: typed });
          }}
        >
          {[...HTTP_METHODS, ...((HTTP_METHODS as readonly string[]).includes(method) ? [] : [method])].map((m) => (
            <option key={m}>{m}</option>
          ))}
          <option value={OTHER}>Other…</option>
        </select>
        <input
          aria-label="Request URL"
          className="url"
          placeholder="https://<api-id>.execute-api.<region>.amazonaws.com/path"
          value={url}
          spellCheck={false}
          onChange={(e) => updateRequest({ url: e.target.value })}
          onPaste={(e) => {
            // As in Postman: a pasted curl command fills the whole request.
            const pasted = e.clipboardData.getData('text');
            if (!/^\s*(?:\$\s*)?curl(?:\.exe)?\s/i.test(pasted)) return;
            e.preventDefault();
            void pasteCurl(pasted).then((result) =>
              setPasteNote(
                result.ok
                  ? result.value.warnings.length > 0
                    ? `From curl: ${result.value.warnings.join('; ')}`
                    : ''
                  : failureText(result.error),
              ),
            );
          }}
        />
        {beforeSend}
        {loading ? (
          <button type="button" className="danger" onClick={() => void cancel()}>
            Cancel
          </button>
        ) : (
          <button type="submit" className="primary" title="Send (Ctrl/Cmd+Enter)">
            Send
          </button>
        )}
      </form>
      {pasteNote && (
        <p className="muted" role="status" data-testid="curl-paste-note">
          {pasteNote}
        </p>
      )}
      {belowUrl}
    </>
  );
}
