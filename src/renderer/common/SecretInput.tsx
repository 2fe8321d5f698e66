import { X } from 'lucide-react';
import { useEffect, useState } from 'react';
import { isSecretRef } from '../../shared/secret-ref';
import { failureText } from '../common/failure';
import { useCredentialsStore } from '../credentials/store';

interface SecretInputProps {
  readonly label: string;
  /** A `secret:` reference, a `{{variable}}`, or ''. */
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly placeholder?: string;
}

/**
 * A write-only field: what is typed goes to main once (on blur or Enter) and the
 * field then holds only a reference, shown masked. `{{variables}}` stay as typed.
 */
export function SecretInput({ label, value, onChange, placeholder }: SecretInputProps) {
  const [draft, setDraft] = useState('');
  const [described, setDescribed] = useState<{ ref: string; masked: string | null } | null>(null);
  const [error, setError] = useState('');
  const storeSecret = useCredentialsStore((s) => s.storeSecret);
  const describeSecret = useCredentialsStore((s) => s.describeSecret);

  useEffect(() => {
    if (!isSecretRef(value)) return;
    let live = true;
    void describeSecret(value).then((result) => {
      if (live) setDescribed({ ref: value, masked: result.ok && result.value ? result.value.masked : null });
    });
    return () => {
      live = false;
    };
  }, [value, describeSecret]);
  const masked = described?.ref === value ? described.masked : null;

  const commit = async () => {
    const typed = draft.trim();
    if (!typed) return;
    setDraft('');
    if (/^\{\{[^{}]+\}\}$/.test(typed)) {
      onChange(typed);
      return;
    }
    const stored = await storeSecret(typed, label);
    if (!stored.ok) return setError(failureText(stored.error));
    setDescribed({ ref: stored.value.ref, masked: stored.value.masked });
    onChange(stored.value.ref);
    setError('');
  };

  const stored = isSecretRef(value);
  const shown = stored ? (masked ?? 'stored secret is no longer available; enter it again') : value;
  return (
    <div className="secret-input">
      <input
        type="password"
        aria-label={label}
        autoComplete="off"
        placeholder={shown || placeholder || 'Enter once; kept by the app, never shown again'}
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={() => void commit()}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            void commit();
          }
        }}
      />
      {(stored || value) && (
        <span className="secret-state" data-testid={`${label} state`}>
          {stored ? `stored: ${shown}` : `variable: ${value}`}
          <button type="button" className="icon" aria-label={`Clear ${label}`} onClick={() => onChange('')}>
            <X size={14} aria-hidden />
          </button>
        </span>
      )}
      {error && <span className="field-error">{error}</span>}
    </div>
  );
}
