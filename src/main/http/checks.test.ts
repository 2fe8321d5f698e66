import { describe, expect, it } from 'vitest';
import { CheckSchema, type CheckInput } from '../../shared/checks';
import { evaluateChecks, type CheckedResponse } from './checks';

const response: CheckedResponse = {
  status: 403,
  headers: [
    ['Content-Type', 'application/json'],
    ['x-amzn-ErrorType', 'AccessDeniedException'],
  ],
  bodyText: JSON.stringify({ message: 'User is not authorized', items: [{ id: 7, tags: ['a'] }], ok: null }),
  timeMs: 42,
};

function run(...checks: CheckInput[]) {
  return evaluateChecks(
    checks.map((check) => CheckSchema.parse(check)),
    response,
  );
}

describe('evaluateChecks', () => {
  it('status is / in a set, with expected and actual', () => {
    expect(run({ kind: 'status', statuses: [403] })).toEqual([
      { name: 'status is 403', passed: true, expected: '403', actual: '403' },
    ]);
    expect(run({ kind: 'status', statuses: [200, 204] })).toEqual([
      { name: 'status in 200, 204', passed: false, expected: 'one of 200, 204', actual: '403' },
    ]);
  });

  it('header exists / equals, names case-insensitive', () => {
    const [exists, equals, wrong, absent] = run(
      { kind: 'header', header: 'X-Amzn-Errortype', op: 'exists' },
      { kind: 'header', header: 'content-type', op: 'equals', value: 'application/json' },
      { kind: 'header', header: 'content-type', op: 'equals', value: 'text/plain' },
      { kind: 'header', header: 'etag', op: 'exists' },
    );
    expect(exists).toMatchObject({ passed: true, actual: 'AccessDeniedException' });
    expect(equals?.passed).toBe(true);
    expect(wrong).toMatchObject({ passed: false, expected: 'text/plain', actual: 'application/json' });
    expect(absent).toMatchObject({ passed: false, actual: '(absent)' });
  });

  it('JSON path equals / exists / matches', () => {
    const results = run(
      { kind: 'jsonPath', path: '$.items[0].id', op: 'equals', value: '7' },
      { kind: 'jsonPath', path: '$.items[0].id', op: 'equals', value: '8' },
      { kind: 'jsonPath', path: '$.items[0].tags', op: 'equals', value: '["a"]' },
      { kind: 'jsonPath', path: '$.ok', op: 'exists' },
      { kind: 'jsonPath', path: '$.missing', op: 'exists' },
      { kind: 'jsonPath', path: '$.message', op: 'matches', value: '^User .* authorized$' },
      { kind: 'jsonPath', path: '$..id', op: 'equals', value: '7' },
    );
    expect(results.map((r) => r.passed)).toEqual([true, false, true, true, false, true, true]);
    expect(results[1]).toMatchObject({ expected: '8', actual: '7' });
    expect(results[4]).toMatchObject({ actual: '(no match)' });
  });

  it('refuses script filter expressions instead of running them', () => {
    const [result] = run({ kind: 'jsonPath', path: '$.items[?(@.id==7)]', op: 'exists' });
    expect(result?.passed).toBe(false);
    expect(result?.actual).toMatch(/invalid JSON path/);
  });

  it('body contains, time under, a body that is not JSON', () => {
    const results = run(
      { kind: 'bodyContains', text: 'not authorized' },
      { kind: 'bodyContains', text: 'welcome' },
      { kind: 'timeBelow', ms: 43 },
      { kind: 'timeBelow', ms: 42 },
    );
    expect(results.map((r) => r.passed)).toEqual([true, false, true, false]);
    expect(results[3]).toMatchObject({ expected: 'under 42 ms', actual: '42 ms' });
    const plain = evaluateChecks([CheckSchema.parse({ kind: 'jsonPath', path: '$.a', op: 'exists' })], {
      ...response,
      bodyText: '<html>',
    });
    expect(plain[0]).toMatchObject({ passed: false, actual: 'body is not JSON' });
  });

  it('keeps a result small enough for the run event: long names and values are cut', () => {
    const [result] = run({ kind: 'header', header: 'content-type', op: 'equals', value: 'x'.repeat(4000) });
    expect(result!.name.length).toBeLessThanOrEqual(256);
    expect(result!.expected.length).toBeLessThanOrEqual(200);
  });

  it('skips disabled checks', () => {
    expect(run({ kind: 'status', statuses: [200], enabled: false })).toEqual([]);
  });
});
