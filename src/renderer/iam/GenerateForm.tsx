import { useShallow } from 'zustand/react/shallow';
import { FailureMessage } from '../common/FailureMessage';
import { TextField } from '../common/TextField';
import { useIam } from './store';

/** The generate form: the API, its routes, the caller, and the trust conditions. */
export function GenerateForm() {
  const form = useIam(useShallow((s) => s.form));
  const setForm = useIam((s) => s.setForm);
  const generate = useIam((s) => s.generate);
  const generated = useIam((s) => s.generated);
  return (
    <form
      className="iam-form"
      aria-label="Generate policies"
      onSubmit={(event) => {
        event.preventDefault();
        void generate();
      }}
    >
      <TextField label="API account" value={form.account} onChange={(account) => setForm({ account })} />
      <TextField label="API id" value={form.apiId} onChange={(apiId) => setForm({ apiId })} />
      <TextField label="Region" value={form.region} onChange={(region) => setForm({ region })} />
      <TextField label="Stage" value={form.stage} onChange={(stage) => setForm({ stage })} />
      <label className="field">
        <span>Routes (one per line; empty for all)</span>
        <textarea
          aria-label="Routes"
          rows={3}
          value={form.routes}
          onChange={(e) => setForm({ routes: e.target.value })}
        />
      </label>
      <TextField
        label="Caller account"
        value={form.callerAccount}
        onChange={(callerAccount) => setForm({ callerAccount })}
      />
      <TextField
        label="Caller principal (optional)"
        placeholder="arn:aws:iam::222222222222:user/developer"
        value={form.callerPrincipal}
        onChange={(callerPrincipal) => setForm({ callerPrincipal })}
      />
      <TextField label="Role name" value={form.roleName} onChange={(roleName) => setForm({ roleName })} />
      <TextField
        label="External ID (optional)"
        value={form.externalId}
        onChange={(externalId) => setForm({ externalId })}
      />
      <TextField
        label="Session duration (s)"
        value={form.sessionDuration}
        onChange={(sessionDuration) => setForm({ sessionDuration })}
      />
      <label className="field checkbox">
        <input type="checkbox" checked={form.requireMfa} onChange={(e) => setForm({ requireMfa: e.target.checked })} />
        <span>Require MFA</span>
      </label>
      <div className="iam-actions">
        <button type="submit" disabled={generated.state === 'loading'}>
          Generate
        </button>
      </div>
      {generated.state === 'error' && <FailureMessage failure={generated.failure} />}
    </form>
  );
}
