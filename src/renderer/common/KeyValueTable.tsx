import { X } from 'lucide-react';
import type { KeyValue } from '../../shared/model';

interface KeyValueTableProps {
  readonly rows: readonly KeyValue[];
  readonly onChange: (rows: KeyValue[]) => void;
  readonly label: string;
  /** Show the enable/disable checkbox column. */
  readonly toggles?: boolean;
  readonly keyPlaceholder?: string;
  /** Show a description column (kept with the row, never sent). */
  readonly descriptions?: boolean;
}

/** An editable name/value table with a blank row at the end for adding. */
export function KeyValueTable({
  rows,
  onChange,
  label,
  toggles = true,
  keyPlaceholder = 'Name',
  descriptions = false,
}: KeyValueTableProps) {
  const all = [...rows, { key: '', value: '', enabled: true }];
  const update = (index: number, patch: Partial<KeyValue>) => {
    const next = all.map((row, i) => (i === index ? { ...row, ...patch } : row));
    onChange(next.filter((row, i) => i < rows.length || row.key !== '' || row.value !== '' || !!row.description));
  };
  const remove = (index: number) => onChange(rows.filter((_, i) => i !== index));
  return (
    <table className="kv-table" aria-label={label}>
      <tbody>
        {all.map((row, index) => {
          const isNew = index === rows.length;
          return (
            <tr key={index} className={row.enabled ? '' : 'disabled'}>
              {toggles && (
                <td className="kv-toggle">
                  {!isNew && (
                    <input
                      type="checkbox"
                      aria-label={`Enable ${label} row ${index + 1}`}
                      checked={row.enabled}
                      onChange={(e) => update(index, { enabled: e.target.checked })}
                    />
                  )}
                </td>
              )}
              <td>
                <input
                  aria-label={`${label} name ${index + 1}`}
                  placeholder={keyPlaceholder}
                  value={row.key}
                  onChange={(e) => update(index, { key: e.target.value })}
                />
              </td>
              <td>
                <input
                  aria-label={`${label} value ${index + 1}`}
                  placeholder="Value"
                  value={row.value}
                  onChange={(e) => update(index, { value: e.target.value })}
                />
              </td>
              {descriptions && (
                <td>
                  <input
                    aria-label={`${label} description ${index + 1}`}
                    placeholder="Description"
                    value={row.description ?? ''}
                    onChange={(e) => update(index, { description: e.target.value })}
                  />
                </td>
              )}
              <td className="kv-remove">
                {!isNew && (
                  <button
                    type="button"
                    className="icon"
                    aria-label={`Remove ${label} row ${index + 1}`}
                    onClick={() => remove(index)}
                  >
                    <X size={14} aria-hidden />
                  </button>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
