import { useState } from 'react';
import { ActionForm } from '../common/ActionForm';
import { TextField } from '../common/TextField';
import { ROLE_ARN_PATTERN } from '../../shared/credential-basics';
import type { CredentialSource } from '../../shared/model';
import { SecretInput } from '../common/SecretInput';
import { useCredentialsStore, useProfiles } from './store';

interface AssumeRoleFormProps {
  readonly onDone: (sessionId: string) => void;
  readonly onCancel: () => void;
  /** Pre-filled values, e.g. from the demo sandbox. */
  readonly initial?: Partial<FormState>;
}

export interface FormState {
  sourceKind: 'profile' | 'keys' | 'session';
  profile: string;
  /** With sourceKind `session`: the held session to assume from (role chaining). */
  sessionId: string;
  accessKeyId: string;
  secretRef: string;
  roleArn: string;
  sessionName: string;
  externalId: string;
  durationSeconds: string;
  mfaSerial: string;
  mfaCode: string;
  region: string;
  endpoint: string;
  autoRefresh: boolean;
}

const BLANK: FormState = {
  sourceKind: 'profile',
  profile: '',
  sessionId: '',
  accessKeyId: '',
  secretRef: '',
  roleArn: '',
  sessionName: 'signet',
  externalId: '',
  durationSeconds: '3600',
  mfaSerial: '',
  mfaCode: '',
  region: 'us-east-1',
  endpoint: '',
  autoRefresh: true,
};

/** sts:AssumeRole from a profile or typed keys; main makes the call and keeps the credentials. */
export function AssumeRoleForm({ onDone, onCancel, initial }: AssumeRoleFormProps) {
  const [form, setForm] = useState<FormState>({ ...BLANK, ...initial });
  const profiles = useProfiles();
  const assumeRole = useCredentialsStore((s) => s.assumeRole);
  const sessions = useCredentialsStore((s) => s.sessions);
  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => setForm((f) => ({ ...f, [key]: value }));
  const arnProblem =
    form.roleArn && !ROLE_ARN_PATTERN.test(form.roleArn.trim())
      ? 'Role ARN must look like arn:aws:iam::123456789012:role/RoleName'
      : '';

  const submit = async () => {
    const source: CredentialSource =
      form.sourceKind === 'profile'
        ? { kind: 'profile', profile: form.profile }
        : form.sourceKind === 'session'
          ? { kind: 'session', sessionId: form.sessionId }
          : { kind: 'keys', accessKeyId: form.accessKeyId.trim(), secretAccessKey: form.secretRef, sessionToken: '' };
    const outcome = await assumeRole({
      source,
      roleArn: form.roleArn.trim(),
      sessionName: form.sessionName.trim(),
      durationSeconds: Number(form.durationSeconds),
      region: form.region.trim(),
      autoRefresh: form.autoRefresh,
      ...(form.externalId.trim() ? { externalId: form.externalId.trim() } : {}),
      ...(form.mfaSerial.trim() ? { mfaSerial: form.mfaSerial.trim() } : {}),
      ...(form.mfaCode.trim() ? { mfaCode: form.mfaCode.trim() } : {}),
      ...(form.endpoint.trim() ? { endpoint: form.endpoint.trim() } : {}),
    });
    if (outcome.ok) onDone(outcome.value.sessionId);
    return outcome;
  };

  return (
    <ActionForm
      className="assume-role-form"
      label="Assume role"
      title="Assume role"
      submitLabel="Assume role"
      busyLabel="Assuming…"
      canSubmit={!arnProblem}
      onSubmit={submit}
      onCancel={onCancel}
    >
      <label className="field">
        <span>Source</span>
        <select
          aria-label="Source credentials"
          value={form.sourceKind}
          onChange={(e) => set('sourceKind', e.target.value as FormState['sourceKind'])}
        >
          <option value="profile">Profile</option>
          <option value="keys">Access keys</option>
          <option value="session">Session</option>
        </select>
      </label>
      {form.sourceKind === 'session' ? (
        <>
          <label className="field">
            <span>Session</span>
            <select
              aria-label="Source session"
              value={form.sessionId}
              onChange={(e) => set('sessionId', e.target.value)}
            >
              <option value="">Choose a session…</option>
              {sessions.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.label}
                </option>
              ))}
            </select>
          </label>
          <p className="muted" data-testid="chaining-note">
            Role chaining: a role assumed from a role session lasts at most one hour (3600 s).
          </p>
        </>
      ) : form.sourceKind === 'profile' ? (
        <label className="field">
          <span>Profile</span>
          <select aria-label="Source profile" value={form.profile} onChange={(e) => set('profile', e.target.value)}>
            <option value="">Choose a profile…</option>
            {profiles.map((p) => (
              <option key={p.name} value={p.name}>
                {p.name} ({p.kind})
              </option>
            ))}
          </select>
        </label>
      ) : (
        <>
          <TextField
            label="Access key ID"
            ariaLabel="Source access key ID"
            value={form.accessKeyId}
            onChange={(value) => set('accessKeyId', value)}
          />
          <label className="field">
            <span>Secret access key</span>
            <SecretInput
              label="Source secret access key"
              value={form.secretRef}
              onChange={(ref) => set('secretRef', ref)}
            />
          </label>
        </>
      )}
      <TextField
        label="Role ARN"
        placeholder="arn:aws:iam::123456789012:role/RoleName"
        value={form.roleArn}
        onChange={(value) => set('roleArn', value)}
      />
      {arnProblem && <p className="field-error">{arnProblem}</p>}
      <TextField label="Session name" value={form.sessionName} onChange={(value) => set('sessionName', value)} />
      <TextField
        label="External ID"
        placeholder="Optional"
        value={form.externalId}
        onChange={(value) => set('externalId', value)}
      />
      <TextField
        label="Duration (s)"
        ariaLabel="Duration seconds"
        type="number"
        min={1}
        max={43200}
        value={form.durationSeconds}
        onChange={(value) => set('durationSeconds', value)}
      />
      <TextField
        label="MFA serial"
        placeholder="Optional: arn:aws:iam::…:mfa/name"
        value={form.mfaSerial}
        onChange={(value) => set('mfaSerial', value)}
      />
      {form.mfaSerial && (
        <TextField
          label="MFA code"
          inputMode="numeric"
          maxLength={6}
          value={form.mfaCode}
          onChange={(value) => set('mfaCode', value)}
        />
      )}
      <TextField label="STS region" value={form.region} onChange={(value) => set('region', value)} />
      <TextField
        label="STS endpoint"
        placeholder="Default: https://sts.<region>.amazonaws.com"
        value={form.endpoint}
        onChange={(value) => set('endpoint', value)}
      />
      <label className="inline">
        <input type="checkbox" checked={form.autoRefresh} onChange={(e) => set('autoRefresh', e.target.checked)} />
        Refresh automatically before it expires
      </label>
    </ActionForm>
  );
}
