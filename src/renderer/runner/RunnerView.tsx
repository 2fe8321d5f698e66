import { FailureMessage } from '../common/FailureMessage';
import { RunForm } from './RunForm';
import { RunSummary } from './RunSummary';
import { RunTable } from './RunTable';
import { useRunnerStore } from './store';
import './runner.css';

function RunProgress() {
  const run = useRunnerStore((s) => s.run);
  if (run.status === 'error') return <FailureMessage failure={run.error} withTitle />;
  if (run.status !== 'running') return null;
  return (
    <div className="run-progress">
      <progress aria-label="Run progress" max={run.total || 1} value={run.done} />
      <span>
        {run.done} / {run.total || '…'}
      </span>
    </div>
  );
}

/** The collection runner: settings, a progress bar driven by main's events, the live table and the summary. */
export function RunnerView() {
  const open = useRunnerStore((s) => s.open);
  if (!open) return null;
  return (
    <section className="runner-view" aria-label="Collection runner">
      <h2>Collection runner</h2>
      <RunForm />
      <RunProgress />
      <RunSummary />
      <RunTable />
    </section>
  );
}
