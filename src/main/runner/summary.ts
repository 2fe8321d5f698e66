/** A run's summary and its reports: the JSON CI reads, and JUnit XML. */
import type { RunReport, RunRequestResult, RunSummary } from '../../shared/api/runner';
export { jsonReport } from '../../shared/run-report';

/** The value at quantile q (0..1) of sorted numbers, nearest rank. */
function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil(q * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export function summarize(
  results: readonly RunRequestResult[],
  run: { planned: number; durationMs: number; stopped: boolean; bailed: boolean },
): RunSummary {
  const times = results
    .filter((result) => result.ms !== undefined)
    .map((result) => result.ms!)
    .sort((a, b) => a - b);
  const byStatus: Record<string, number> = {};
  let checksPassed = 0;
  let checksFailed = 0;
  for (const result of results) {
    const key = result.status === undefined ? 'error' : String(result.status);
    byStatus[key] = (byStatus[key] ?? 0) + 1;
    for (const check of result.checks) {
      if (check.passed) checksPassed += 1;
      else checksFailed += 1;
    }
  }
  return {
    total: results.length,
    failed: results.filter((result) => !result.passed).length,
    checksPassed,
    checksFailed,
    p50: quantile(times, 0.5),
    p95: quantile(times, 0.95),
    byStatus,
    durationMs: Math.round(run.durationMs),
    stopped: run.stopped,
    bailed: run.bailed,
    planned: run.planned,
  };
}

function xml(text: string): string {
  // Characters XML 1.0 cannot carry at all are dropped; the rest are escaped.
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/**
 * JUnit XML as Jenkins, GitLab and GitHub's test reporters read it: one testsuite per
 * iteration, one testcase per request (a request without checks is a testcase that passes
 * when a response came), a <failure> per failed check, an <error> for a request not sent.
 */
export function junitReport(report: RunReport): string {
  const iterations = new Map<number, RunRequestResult[]>();
  for (const result of report.results) {
    const list = iterations.get(result.iteration) ?? [];
    list.push(result);
    iterations.set(result.iteration, list);
  }
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const failures = report.results.filter((r) => r.status !== undefined && !r.passed).length;
  const errors = report.results.filter((r) => r.status === undefined).length;
  lines.push(
    `<testsuites name="${xml(report.collection)}" tests="${report.results.length}" failures="${failures}" errors="${errors}" time="${(report.summary.durationMs / 1000).toFixed(3)}">`,
  );
  for (const [iteration, results] of [...iterations.entries()].sort((a, b) => a[0] - b[0])) {
    const suiteTime = results.reduce((sum, r) => sum + (r.ms ?? 0), 0) / 1000;
    lines.push(
      `  <testsuite name="${xml(`${report.collection} (iteration ${iteration + 1})`)}" tests="${results.length}" failures="${results.filter((r) => r.status !== undefined && !r.passed).length}" errors="${results.filter((r) => r.status === undefined).length}" time="${suiteTime.toFixed(3)}">`,
    );
    for (const result of results) {
      const className = xml([report.collection, result.folder].filter(Boolean).join(' / '));
      lines.push(
        `    <testcase classname="${className}" name="${xml(`${result.name} [${result.method} ${result.url}]`)}" time="${((result.ms ?? 0) / 1000).toFixed(3)}">`,
      );
      if (result.error) lines.push(`      <error message="${xml(result.error)}" type="NotSent"/>`);
      for (const check of result.checks.filter((c) => !c.passed)) {
        lines.push(
          `      <failure message="${xml(`${check.name}: expected ${check.expected}, got ${check.actual}`)}" type="CheckFailed">${xml(`expected: ${check.expected}\nactual: ${check.actual}`)}</failure>`,
        );
      }
      const passed = result.checks.filter((c) => c.passed).map((c) => c.name);
      if (passed.length > 0) lines.push(`      <system-out>${xml(`passed: ${passed.join('; ')}`)}</system-out>`);
      lines.push('    </testcase>');
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return `${lines.join('\n')}\n`;
}
