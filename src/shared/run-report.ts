/** A run's report as `signet run --reporter json` prints it and the Runner view saves it. Pure. */
import type { RunReport } from './api/runner';

/** The report's JSON shape: what CI scripts read. */
export interface JsonRunReport {
  readonly total: number;
  readonly failed: number;
  readonly requests: ReadonlyArray<{
    readonly name: string;
    readonly method: string;
    readonly url: string;
    readonly status: number | null;
    readonly ms: number | null;
    readonly checks: ReadonlyArray<{ name: string; passed: boolean; expected: string; actual: string }>;
    readonly error?: string;
  }>;
}

/** The `--reporter json` object: `{total, failed, requests: [...]}`. */
export function jsonReport(report: Pick<RunReport, 'summary' | 'results'>): JsonRunReport {
  return {
    total: report.summary.total,
    failed: report.summary.failed,
    requests: report.results.map((result) => ({
      name: result.name,
      method: result.method,
      url: result.url,
      status: result.status ?? null,
      ms: result.ms ?? null,
      checks: result.checks.map(({ name, passed, expected, actual }) => ({ name, passed, expected, actual })),
      ...(result.error ? { error: result.error } : {}),
    })),
  };
}
