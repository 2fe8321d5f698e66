import type { Failure } from '../../shared/result';
import { failureText, failureTitle } from './failure';

/** A failure as forms and panels show it: one line, announced to screen readers. */
export function FailureMessage({ failure, withTitle = false }: { failure: Failure; withTitle?: boolean }) {
  return (
    <p className="field-error" role="alert" data-failure-code={failure.code}>
      {withTitle && <strong>{failureTitle(failure)}: </strong>}
      {failureText(failure)}
    </p>
  );
}
