import { X } from 'lucide-react';
import type { EnvironmentValue } from '../../shared/collection';
import { isSecretRef } from '../../shared/secret-ref';

interface EnvironmentValueRowProps {
  readonly index: number;
  readonly row: EnvironmentValue;
  readonly onChange: (row: EnvironmentValue) => void;
  readonly onRemove: () => void;
}

/**
 * One environment value. A secret value is write-only: what is typed goes to main
 * with the next save and comes back as a reference, shown only as "stored".
 */
export function EnvironmentValueRow({ index, row, onChange, onRemove }: EnvironmentValueRowProps) {
  const n = index + 1;
  const stored = row.secret && isSecretRef(row.value);
  return (
    <tr className={row.enabled ? '' : 'disabled'}>
      <td className="kv-toggle">
        <input
          type="checkbox"
          aria-label={`Enable variable ${n}`}
          checked={row.enabled}
          onChange={(e) => onChange({ ...row, enabled: e.target.checked })}
        />
      </td>
      <td>
        <input
          aria-label={`Variable name ${n}`}
          value={row.key}
          placeholder="name"
          spellCheck={false}
          onChange={(e) => onChange({ ...row, key: e.target.value })}
        />
      </td>
      <td>
        {row.secret ? (
          <input
            type="password"
            aria-label={`Variable value ${n}`}
            autoComplete="off"
            value={stored ? '' : row.value}
            placeholder={stored ? 'stored (type to replace)' : 'secret, write-only'}
            onChange={(e) => onChange({ ...row, value: e.target.value })}
          />
        ) : (
          <input
            aria-label={`Variable value ${n}`}
            value={row.value}
            placeholder="value"
            spellCheck={false}
            onChange={(e) => onChange({ ...row, value: e.target.value })}
          />
        )}
        {stored && (
          <span className="secret-state" data-testid={`Variable ${n} state`}>
            stored
          </span>
        )}
      </td>
      <td className="kv-toggle">
        <input
          type="checkbox"
          aria-label={`Secret variable ${n}`}
          title="Secret: kept by the app, never shown again"
          checked={row.secret}
          // Un-marking a stored secret must not turn its reference into a visible value.
          onChange={(e) =>
            onChange({
              ...row,
              secret: e.target.checked,
              value: !e.target.checked && isSecretRef(row.value) ? '' : row.value,
            })
          }
        />
      </td>
      <td className="kv-remove">
        <button type="button" className="icon" aria-label={`Remove variable ${n}`} onClick={onRemove}>
          <X size={14} aria-hidden />
        </button>
      </td>
    </tr>
  );
}
