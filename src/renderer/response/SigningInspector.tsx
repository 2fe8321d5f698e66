import { useState } from 'react';
import type { SigningInfo } from '../../shared/contract';

function Field({ label, value }: { label: string; value: string }) {
  return (
    <div className="inspector-field">
      <h4>{label}</h4>
      <pre aria-label={label}>{value}</pre>
    </div>
  );
}

/** What was signed for the request just sent. Holds no secret: the key id, scope and hashes only. */
export function SigningInspector({ signing }: { signing: SigningInfo }) {
  const [copied, setCopied] = useState(false);
  const copyCurl = async () => {
    await navigator.clipboard.writeText(signing.curl).catch(() => undefined);
    setCopied(true);
    setTimeout(() => setCopied(false), 1500);
  };
  return (
    <div className="inspector" aria-label="Signing inspector">
      <dl className="inspector-summary">
        <dt>Access key</dt>
        <dd>{signing.accessKeyId}</dd>
        <dt>Region / service</dt>
        <dd>
          {signing.region} / {signing.service}
          {signing.derivedFromHost && <span className="muted"> (derived from the host)</span>}
          {signing.rememberedForHost && <span className="muted"> (remembered for {signing.rememberedForHost})</span>}
        </dd>
        <dt>Auth data in</dt>
        <dd>{signing.addAuthDataTo === 'query' ? 'URL (presigned)' : 'headers'}</dd>
        <dt>Date</dt>
        <dd>{signing.amzDate}</dd>
        <dt>Signed headers</dt>
        <dd>{signing.signedHeaders}</dd>
        <dt>Signature</dt>
        <dd>
          <code aria-label="Signature">{signing.signature}</code>
        </dd>
      </dl>
      <Field label="Canonical request" value={signing.canonicalRequest} />
      <Field label="String to sign" value={signing.stringToSign} />
      <Field label="Credential scope" value={signing.credentialScope} />
      <div className="inspector-field">
        <h4>
          curl{' '}
          <button type="button" onClick={() => void copyCurl()}>
            {copied ? 'Copied' : 'Copy as curl'}
          </button>
        </h4>
        <pre aria-label="curl command">{signing.curl}</pre>
      </div>
    </div>
  );
}
