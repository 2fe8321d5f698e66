/**
 * Checks as the renderer needs them without their schemas (which stay in main with zod):
 * the result shape, a check's label, a new check to edit from.
 */
import type { Check, CheckKind } from './checks';

export interface CheckResult {
  readonly name: string;
  readonly passed: boolean;
  readonly expected: string;
  readonly actual: string;
}

/** The name a check shows when it has none of its own, e.g. `status is 200`, `$.id equals 5`. */
export function checkLabel(check: Check): string {
  if (check.name.trim()) return check.name.trim();
  switch (check.kind) {
    case 'status':
      return check.statuses.length === 1 ? `status is ${check.statuses[0]}` : `status in ${check.statuses.join(', ')}`;
    case 'header':
      return check.op === 'exists' ? `header ${check.header} exists` : `header ${check.header} is ${check.value}`;
    case 'jsonPath':
      return check.op === 'exists' ? `${check.path} exists` : `${check.path} ${check.op} ${check.value}`;
    case 'bodyContains':
      return `body contains ${JSON.stringify(check.text)}`;
    case 'timeBelow':
      return `time under ${check.ms} ms`;
  }
}

/** A new check of a kind, with values a user edits from. */
export function newCheck(kind: CheckKind): Check {
  switch (kind) {
    case 'status':
      return { kind, name: '', enabled: true, statuses: [200] };
    case 'header':
      return { kind, name: '', enabled: true, header: 'content-type', op: 'exists', value: '' };
    case 'jsonPath':
      return { kind, name: '', enabled: true, path: '$.id', op: 'exists', value: '' };
    case 'bodyContains':
      return { kind, name: '', enabled: true, text: 'ok' };
    case 'timeBelow':
      return { kind, name: '', enabled: true, ms: 1000 };
  }
}
