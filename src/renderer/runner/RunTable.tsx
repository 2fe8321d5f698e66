import type { RunRequestResult } from '../../shared/api/runner';
import { useRunnerStore } from './store';

/** Rows kept in the DOM; a long run's earlier rows are in the saved report. */
const SHOWN_ROWS = 1000;

function ChecksCell({ result }: { readonly result: RunRequestResult }) {
  if (result.error) return <span className="run-error">{result.error}</span>;
  const passed = result.checks.filter((c) => c.passed).length;
  const failed = result.checks.filter((c) => !c.passed);
  return (
    <>
      <span className={failed.length > 0 ? 'run-failed' : 'run-passed'}>
        {passed}/{result.checks.length}
      </span>
      {failed.map((check, index) => (
        <div key={index} className="run-check-failure">
          {check.name}: expected {check.expected}, got {check.actual}
        </div>
      ))}
    </>
  );
}

/** The live table: one row per finished request, newest last. */
export function RunTable() {
  const results = useRunnerStore((s) => s.results);
  const shown = results.length > SHOWN_ROWS ? results.slice(results.length - SHOWN_ROWS) : results;
  return (
    <div className="run-table-wrap">
      {results.length > SHOWN_ROWS && (
        <p className="run-note">
          Showing the last {SHOWN_ROWS} of {results.length} requests; the saved report has them all.
        </p>
      )}
      <table className="run-table" aria-label="Run results">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Request</th>
            <th scope="col">Status</th>
            <th scope="col">Time</th>
            <th scope="col">Checks passed</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((result) => (
            <tr key={result.index} className={result.passed ? 'passed' : 'failed'} data-passed={result.passed}>
              <td>{result.iteration + 1}</td>
              <td>
                <span className="run-method">{result.method}</span> {result.folder ? `${result.folder} / ` : ''}
                {result.name}
              </td>
              <td>{result.status ?? '—'}</td>
              <td>{result.ms !== undefined ? `${Math.round(result.ms)} ms` : '—'}</td>
              <td>
                <ChecksCell result={result} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
