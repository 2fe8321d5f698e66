import { jsonReport } from '../../shared/run-report';
import { useRunnerStore } from './store';

/** Requests, failures, checks, p50/p95, counts by status; and Save report. */
export function RunSummary() {
  const run = useRunnerStore((s) => s.run);
  if (run.status !== 'done') return null;
  const { summary } = run.report;
  const save = () => {
    const blob = new Blob([`${JSON.stringify(jsonReport(run.report), null, 2)}\n`], { type: 'application/json' });
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = `${run.report.collection.replace(/[^\w .-]+/g, '_') || 'run'}.run-report.json`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };
  return (
    <section className="run-summary" aria-label="Run summary">
      <dl>
        <div>
          <dt>Requests</dt>
          <dd>
            {summary.total}
            {summary.total < summary.planned ? ` of ${summary.planned}` : ''}
          </dd>
        </div>
        <div>
          <dt>Failed</dt>
          <dd className={summary.failed > 0 ? 'run-failed' : 'run-passed'}>{summary.failed}</dd>
        </div>
        <div>
          <dt>Checks</dt>
          <dd>
            {summary.checksPassed} passed, {summary.checksFailed} failed
          </dd>
        </div>
        <div>
          <dt>p50 / p95</dt>
          <dd>
            {summary.p50} ms / {summary.p95} ms
          </dd>
        </div>
        <div>
          <dt>By status</dt>
          <dd>
            {Object.entries(summary.byStatus)
              .map(([status, count]) => `${status}: ${count}`)
              .join(', ') || '—'}
          </dd>
        </div>
      </dl>
      {summary.stopped && <p className="run-note">Stopped: the results so far are kept.</p>}
      {summary.bailed && <p className="run-note">Stopped at the first failure.</p>}
      <button type="button" onClick={save}>
        Save report
      </button>
    </section>
  );
}
