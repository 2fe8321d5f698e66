import { hostOf, deriveRegionService } from '../../shared/aws-host';
import { TextField } from '../common/TextField';
import type { AwsSigV4Auth } from '../../shared/model';
import { serviceRules } from '../../shared/service-rules';
import { useActiveField } from '../request/store';
import { CredentialSourceFields } from './CredentialSourceFields';

interface AwsSignatureFormProps {
  readonly auth: AwsSigV4Auth;
  readonly onChange: (auth: AwsSigV4Auth) => void;
}

/** The AWS Signature tab: where credentials come from, and the scope to sign for. */
export function AwsSignatureForm({ auth, onChange }: AwsSignatureFormProps) {
  const url = useActiveField('url');
  const derived = deriveRegionService(hostOf(url));
  const rules = serviceRules(auth.service.trim() || derived?.service || 'execute-api');
  return (
    <div className="aws-signature">
      <CredentialSourceFields source={auth.source} onChange={(source) => onChange({ ...auth, source })} />
      <TextField
        label="Region"
        ariaLabel="AWS region"
        placeholder={derived ? derived.region : 'us-east-1'}
        value={auth.region}
        onChange={(value) => onChange({ ...auth, region: value })}
      />
      <TextField
        label="Service"
        ariaLabel="AWS service"
        placeholder={derived ? derived.service : 'execute-api'}
        value={auth.service}
        onChange={(value) => onChange({ ...auth, service: value })}
      />
      {derived && (!auth.region || !auth.service) && (
        <p className="hint" data-testid="derived-scope">
          Derived from the host: {auth.region || derived.region} / {auth.service || derived.service}
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
