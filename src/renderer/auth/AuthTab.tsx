import type { ReactNode } from 'react';
import type { Auth } from '../../shared/model';
import { TextField } from '../common/TextField';
import { useActiveField, useRequestStore } from '../request/store';
import { AwsSignatureForm } from './AwsSignatureForm';
import { InheritedAuthNote } from './InheritedAuthNote';
import { SecretInput } from '../common/SecretInput';
import './auth.css';

const TYPES: ReadonlyArray<{ type: Auth['type']; label: string }> = [
  { type: 'none', label: 'No auth' },
  { type: 'inherit', label: 'Inherit from folder / collection' },
  { type: 'awsv4', label: 'AWS Signature' },
  { type: 'bearer', label: 'Bearer token' },
  { type: 'basic', label: 'Basic auth' },
  { type: 'apikey', label: 'API key' },
];

function defaultAuth(type: Auth['type']): Auth {
  switch (type) {
    case 'awsv4':
      return {
        type,
        source: { kind: 'keys', accessKeyId: '', secretAccessKey: '', sessionToken: '' },
        region: '',
        service: '',
        addAuthDataTo: 'headers',
        expiresSeconds: 900,
      };
    case 'bearer':
      return { type, token: '' };
    case 'basic':
      return { type, username: '', password: '' };
    case 'apikey':
      return { type, key: 'x-api-key', value: '', in: 'header' };
    case 'inherit':
      return { type };
    default:
      return { type: 'none' };
  }
}

/** The Auth tab: AWS Signature first, plus the common kinds a Postman collection may carry. */
export function AuthTab() {
  const auth = useActiveField('auth');
  const url = useActiveField('url');
  const updateRequest = useRequestStore((s) => s.updateRequest);
  return (
    <AuthEditor
      auth={auth}
      url={url}
      onChange={(next) => updateRequest({ auth: next })}
      inheritNote={<InheritedAuthNote />}
    />
  );
}

export interface AuthEditorProps {
  readonly auth: Auth;
  readonly onChange: (auth: Auth) => void;
  /** The request's URL, for region and service derived from its host; none for a collection or folder. */
  readonly url?: string;
  /** Whether "Inherit" is offered (a request or folder; not a collection, which has nothing above it). */
  readonly allowInherit?: boolean;
  /** Shown under the type when it is "Inherit". */
  readonly inheritNote?: ReactNode;
}

/** Edits one auth value: the request's, a folder's or a collection's. */
export function AuthEditor({ auth, onChange: setAuth, url = '', allowInherit = true, inheritNote }: AuthEditorProps) {
  const types = allowInherit ? TYPES : TYPES.filter((t) => t.type !== 'inherit');
  return (
    <div className="auth-tab">
      <label className="field">
        <span>Type</span>
        <select
          aria-label="Auth type"
          value={auth.type}
          onChange={(e) => setAuth(defaultAuth(e.target.value as Auth['type']))}
        >
          {types.map(({ type, label }) => (
            <option key={type} value={type}>
              {label}
            </option>
          ))}
          {auth.type === 'unsupported' && (
            <option value="unsupported">{auth.postmanType} (imported, not supported)</option>
          )}
        </select>
      </label>
      {auth.type === 'awsv4' && <AwsSignatureForm auth={auth} url={url} onChange={setAuth} />}
      {auth.type === 'bearer' && (
        <SecretInput label="Bearer token" value={auth.token} onChange={(token) => setAuth({ ...auth, token })} />
      )}
      {auth.type === 'basic' && (
        <>
          <TextField
            label="Username"
            value={auth.username}
            onChange={(value) => setAuth({ ...auth, username: value })}
          />
          <label className="field">
            <span>Password</span>
            <SecretInput
              label="Password"
              value={auth.password}
              onChange={(password) => setAuth({ ...auth, password })}
            />
          </label>
        </>
      )}
      {auth.type === 'apikey' && (
        <>
          <TextField
            label="Key"
            ariaLabel="API key name"
            value={auth.key}
            onChange={(value) => setAuth({ ...auth, key: value })}
          />
          <label className="field">
            <span>Value</span>
            <SecretInput label="API key value" value={auth.value} onChange={(value) => setAuth({ ...auth, value })} />
          </label>
          <label className="field">
            <span>Add to</span>
            <select
              aria-label="API key location"
              value={auth.in}
              onChange={(e) => setAuth({ ...auth, in: e.target.value as 'header' | 'query' })}
            >
              <option value="header">Header</option>
              <option value="query">Query params</option>
            </select>
          </label>
        </>
      )}
      {auth.type === 'inherit' &&
        (inheritNote ?? <p className="muted">Uses the auth of the nearest folder, then the collection.</p>)}
      {auth.type === 'unsupported' && (
        <p className="muted">
          Imported as “{auth.postmanType}”, which Signet cannot run. It is kept so that export loses nothing.
        </p>
      )}
    </div>
  );
}
