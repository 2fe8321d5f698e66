import { useEffect } from 'react';
import { hostOf, deriveRegionService } from '../../shared/aws-host';
import { TextField } from '../common/TextField';
import type { AwsSigV4Auth } from '../../shared/model';
import { serviceRules } from '../../shared/service-rules';
import { useActiveField } from '../request/store';
import { CredentialSourceFields } from './CredentialSourceFields';
import { rememberedHostKey, useRememberedScopeStore } from './remembered-scope-store';

interface AwsSignatureFormProps {
  readonly auth: AwsSigV4Auth;
  readonly onChange: (auth: AwsSigV4Auth) => void;
}

/** The AWS Signature tab: where credentials come from, and the scope to sign for. */
export function AwsSignatureForm({ auth, onChange }: AwsSignatureFormProps) {
  const url = useActiveField('url');
  const host = rememberedHostKey(hostOf(url));
  const derived = deriveRegionService(host);
  // A custom domain derives nothing; main may remember what was typed for it before.
  const lookUp = useRememberedScopeStore((s) => s.lookUp);
  const lookup = useRememberedScopeStore((s) => (derived || !host ? undefined : s.byHost[host]));
  const remembered = lookup?.status === 'success' ? (lookup.scope ?? undefined) : undefined;
  const hasDerived = derived !== undefined;
  const needsScope = !auth.region || !auth.service;
  // Asked again whenever the fields go blank: a send with typed values may have taught main.
  useEffect(() => {
    if (!hasDerived && needsScope && host && !/\{\{/.test(host)) void lookUp(host);
  }, [host, hasDerived, needsScope, lookUp]);
  const scope = derived ?? remembered;
  const rules = serviceRules(auth.service.trim() || scope?.service || 'execute-api');
  return (
    <div className="aws-signature">
      <CredentialSourceFields source={auth.source} onChange={(source) => onChange({ ...auth, source })} />
      <TextField
        label="Region"
        ariaLabel="AWS region"
        // Never a value that looks filled in: a grey us-east-1 made an empty field look set.
        placeholder={scope ? scope.region : 'Required, e.g. us-east-1'}
        value={auth.region}
        onChange={(value) => onChange({ ...auth, region: value })}
      />
      <TextField
        label="Service"
        ariaLabel="AWS service"
        placeholder={scope ? scope.service : 'Required, e.g. execute-api'}
        value={auth.service}
        onChange={(value) => onChange({ ...auth, service: value })}
      />
      {derived && (!auth.region || !auth.service) && (
        <p className="hint" data-testid="derived-scope">
          Derived from the host: {auth.region || derived.region} / {auth.service || derived.service}
        </p>
      )}
      {!derived && remembered && (!auth.region || !auth.service) && (
        <p className="hint" data-testid="remembered-scope">
          Remembered for {host}: {auth.region || remembered.region} / {auth.service || remembered.service}
        </p>
      )}
      {lookup && lookup.status !== 'loading' && !remembered && (!auth.region || !auth.service) && (
        <p className="hint" data-testid="scope-needed">
          {host} names no region or service: fill them in; Signet remembers them for this host.
        </p>
      )}
      <label className="field">
        <span>Add auth data to</span>
        <select
          aria-label="Add auth data to"
          value={auth.addAuthDataTo}
          onChange={(e) => onChange({ ...auth, addAuthDataTo: e.target.value as 'headers' | 'query' })}
        >
          <option value="headers">Request headers</option>
          <option value="query">URL (presigned)</option>
        </select>
      </label>
      <p className="hint" data-testid="signing-rules">
        {rules.summary}
      </p>
      {rules.unsignedPayloadAllowed && auth.addAuthDataTo === 'headers' && (
        <label className="field">
          <span>Payload hash</span>
          <select
            aria-label="Payload hash"
            value={auth.payloadHash ?? 'signed'}
            onChange={(e) => onChange({ ...auth, payloadHash: e.target.value as 'signed' | 'unsigned' })}
          >
            <option value="signed">Signed payload (SHA-256 of the body)</option>
            <option value="unsigned">UNSIGNED-PAYLOAD</option>
          </select>
        </label>
      )}
      {auth.addAuthDataTo === 'query' && (
        <label className="field">
          <span>Expires (seconds)</span>
          <input
            type="number"
            aria-label="Presigned URL expiry"
            min={1}
            max={604800}
            value={auth.expiresSeconds}
            onChange={(e) =>
              onChange({ ...auth, expiresSeconds: Math.max(1, Math.min(604800, Number(e.target.value) || 900)) })
            }
          />
        </label>
      )}
    </div>
  );
}
