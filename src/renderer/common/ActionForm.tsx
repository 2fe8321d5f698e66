import { useState, type ReactNode } from 'react';
import type { Failure, Result } from '../../shared/result';
import { FailureMessage } from './FailureMessage';

interface ActionFormProps {
  /** The form's accessible name. */
  readonly label: string;
  readonly className?: string;
  readonly title?: ReactNode;
  readonly submitLabel: string;
  /** Shown on the submit button while the action runs. */
  readonly busyLabel?: string;
  /** False keeps submit disabled (fields missing or invalid). */
  readonly canSubmit?: boolean;
  /** Runs the action; a failed result is shown under the fields, a successful one is the caller's to act on. */
  readonly onSubmit: () => Promise<Result<unknown>>;
  readonly onCancel?: () => void;
  readonly children: ReactNode;
}

/**
 * The scaffold every action form shares: submit runs once at a time, the button says
 * it is busy, a failure is shown in one way, Cancel leaves.
 */
export function ActionForm(props: ActionFormProps) {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);

  const submit = async () => {
    if (busy) return;
    setBusy(true);
    try {
      const result = await props.onSubmit();
      setFailure(result.ok ? null : result.error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className={props.className}
      aria-label={props.label}
      aria-busy={busy}
      // A failure answers the fields as they were submitted: editing any of them retires it.
      onChange={() => {
        if (failure) setFailure(null);
      }}
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      {props.title && <h3>{props.title}</h3>}
      {props.children}
      {failure && <FailureMessage failure={failure} />}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy || props.canSubmit === false}>
          {busy && props.busyLabel ? props.busyLabel : props.submitLabel}
        </button>
        {props.onCancel && (
          <button type="button" onClick={props.onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
