import { useState } from 'react';
import type { Check, CheckKind } from '../../shared/checks';
import { newCheck, type CheckResult } from '../../shared/check-basics';
import { CheckRow } from './CheckRow';
import { useActiveField, useActiveResponse, useRequestStore } from './store';

const NO_CHECKS: readonly Check[] = [];

/** The request's checks and how each came out on the last response; saved with the request. */
export function ChecksTab() {
  const checks = useActiveField('checks') ?? NO_CHECKS;
  const response = useActiveResponse();
  const updateRequest = useRequestStore((s) => s.updateRequest);
  const [kind, setKind] = useState<CheckKind>('status');
  // Main evaluates the enabled checks in order; line the results up with them.
  const results: Array<CheckResult | undefined> = [];
  const last = response.status === 'success' ? (response.result.checks ?? []) : [];
  let next = 0;
  for (const check of checks) results.push(check.enabled ? last[next++] : undefined);
  const set = (list: readonly Check[]) => updateRequest({ checks: [...list] });
  return (
    <div className="checks-tab">
      {checks.length === 0 && (
        <p className="hint">No checks yet. A run reports each check with what it expected and what came back.</p>
      )}
      <ol className="check-list">
        {checks.map((check, index) => (
          <CheckRow
            key={index}
            index={index}
            check={check}
            {...(results[index] ? { result: results[index] } : {})}
            onChange={(changed) => set(checks.map((c, i) => (i === index ? changed : c)))}
            onRemove={() => set(checks.filter((_, i) => i !== index))}
          />
        ))}
      </ol>
      <div className="check-add">
        <select aria-label="New check kind" value={kind} onChange={(e) => setKind(e.target.value as CheckKind)}>
          <option value="status">Status is / in</option>
          <option value="header">Header exists / equals</option>
          <option value="jsonPath">JSON path</option>
          <option value="bodyContains">Body contains</option>
          <option value="timeBelow">Time under</option>
        </select>
        <button type="button" onClick={() => set([...checks, newCheck(kind)])}>
          Add check
        </button>
      </div>
    </div>
  );
}
