interface LaunchTokenPageProps {
  /** `missing`: opened without the launch link; `stale`: the link is from a launch that has ended. */
  readonly reason: 'missing' | 'stale';
}

/**
 * What the browser host shows instead of the app when the page holds no usable launch
 * token: how to get back in, not an error. The token lives in the link `signet web`
 * prints, and the address bar drops it once the page has read it.
 */
export function LaunchTokenPage({ reason }: LaunchTokenPageProps) {
  return (
    <main className="launch-token-page" aria-labelledby="launch-token-title">
      <h1 id="launch-token-title">Open Signet from its launch link</h1>
      <p>
        {reason === 'missing' ? (
          'This address was opened without the launch link, so this page cannot reach Signet.'
        ) : (
          <>
            This page was opened from an earlier launch of <code>signet web</code>, which has ended or restarted.
          </>
        )}{' '}
        For your safety, <code>signet web</code> only answers pages opened from the link it prints, which carries a
        secret launch token (the part after <code>#token=</code>). The address bar hides it once the page has read it,
        so copying the address or opening it in a new tab leaves it behind.
      </p>
      <h2>To get back in</h2>
      <ol>
        <li>
          Find the terminal where <code>signet web</code> runs and open the URL it printed, ending in{' '}
          <code>#token=…</code>.
        </li>
        <li>
          If it is no longer running, start it again with <code>npx --no-install signet web</code> and open the new URL
          it prints (each launch has a new token).
        </li>
      </ol>
      <p className="muted">
        Your collections, open tabs and unsaved drafts are kept by Signet and come back when you open the link.
      </p>
    </main>
  );
}
