import { X } from 'lucide-react';
import type { Check } from '../../shared/checks';
import type { CheckResult } from '../../shared/check-basics';
import { checkLabel } from '../../shared/check-basics';

interface CheckRowProps {
  readonly check: Check;
  readonly index: number;
  /** The last response's result for this check, if any. */
  readonly result?: CheckResult;
  readonly onChange: (check: Check) => void;
  readonly onRemove: () => void;
}

function statuses(text: string): number[] {
  return text
    .split(/[\s,]+/)
    .map(Number)
    .filter((n) => Number.isInteger(n) && n >= 100 && n <= 599);
}

/** The fields of one check, by kind. */
function CheckFields({ check, onChange }: Pick<CheckRowProps, 'check' | 'onChange'>) {
  switch (check.kind) {
    case 'status':
      return (
        <input
          aria-label="Statuses"
          defaultValue={check.statuses.join(', ')}
          placeholder="200, 204"
          onBlur={(e) => {
            const list = statuses(e.target.value);
            if (list.length > 0) onChange({ ...check, statuses: list.slice(0, 50) });
          }}
        />
      );
    case 'header':
      return (
        <>
          <input
            aria-label="Header name"
            value={check.header}
            onChange={(e) => onChange({ ...check, header: e.target.value })}
          />
          <select
            aria-label="Header test"
            value={check.op}
            onChange={(e) => onChange({ ...check, op: e.target.value as 'exists' | 'equals' })}
          >
            <option value="exists">exists</option>
            <option value="equals">equals</option>
          </select>
          {check.op === 'equals' && (
            <input
              aria-label="Header value"
              value={check.value}
              onChange={(e) => onChange({ ...check, value: e.target.value })}
            />
          )}
        </>
      );
    case 'jsonPath':
      return (
        <>
          <input
            aria-label="JSON path"
            value={check.path}
            onChange={(e) => onChange({ ...check, path: e.target.value })}
          />
          <select
            aria-label="JSON path test"
            value={check.op}
            onChange={(e) => onChange({ ...check, op: e.target.value as 'equals' | 'exists' | 'matches' })}
          >
            <option value="equals">equals (JSON)</option>
            <option value="exists">exists</option>
            <option value="matches">matches (regex)</option>
          </select>
          {check.op !== 'exists' && (
            <input
              aria-label="Expected value"
              value={check.value}
              onChange={(e) => onChange({ ...check, value: e.target.value })}
            />
          )}
        </>
      );
    case 'bodyContains':
      return (
        <input
          aria-label="Body text"
          value={check.text}
          onChange={(e) => onChange({ ...check, text: e.target.value })}
        />
      );
    case 'timeBelow':
      return (
        <input
          aria-label="Milliseconds"
          type="number"
          min={1}
          value={check.ms}
          onChange={(e) => onChange({ ...check, ms: Math.max(1, Math.floor(Number(e.target.value) || 1)) })}
        />
      );
  }
}

const KIND_LABELS: Record<Check['kind'], string> = {
  status: 'Status',
  header: 'Header',
  jsonPath: 'JSON path',
  bodyContains: 'Body contains',
  timeBelow: 'Time under (ms)',
};

/** One check: on/off, what it tests, remove, and how it came out last time. */
export function CheckRow({ check, index, result, onChange, onRemove }: CheckRowProps) {
  return (
    <li className="check-row" aria-label={`Check ${index + 1}: ${checkLabel(check)}`}>
      <input
        type="checkbox"
        aria-label="Enabled"
        checked={check.enabled}
        onChange={(e) => onChange({ ...check, enabled: e.target.checked })}
      />
      <span className="check-kind">{KIND_LABELS[check.kind]}</span>
      <CheckFields check={check} onChange={onChange} />
      <button type="button" className="icon" aria-label="Remove check" onClick={onRemove}>
        <X size={14} aria-hidden />
      </button>
      {result && (
        <span className={result.passed ? 'check-result passed' : 'check-result failed'} role="status">
          {result.passed ? 'passed' : `failed: expected ${result.expected}, got ${result.actual}`}
        </span>
      )}
    </li>
  );
}
