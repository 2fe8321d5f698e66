import { useState } from 'react';
import type { Failure } from '../../shared/result';
import { failureText } from '../common/failure';
import { startDemo } from '../workflows';

/** The first-run demo button; the workflow itself is `startDemo`. */
export function DemoButton({ className }: { className?: string }) {
  const [state, setState] = useState<'idle' | 'starting'>('idle');
  const [failure, setFailure] = useState<Failure | null>(null);

  const start = async () => {
    setState('starting');
    const result = await startDemo();
    setFailure(result.ok ? null : result.error);
    setState('idle');
  };

  return (
    <>
      <button type="button" className={className} disabled={state === 'starting'} onClick={() => void start()}>
        {state === 'starting' ? 'Starting demo…' : 'Try the demo'}
      </button>
      {failure && (
        <span className="field-error" role="alert">
          Demo failed: {failureText(failure)}
        </span>
      )}
    </>
  );
}
