import type { Explanation, SigningInfo } from '../../shared/contract';
import { deniedInvoke, smallestStatement } from '../iam/from-403';
import { openSimulatorFor } from '../iam/store';

/** Why AWS refused the request, and what to do next; for a signature mismatch, both canonical requests side by side. */
export function ExplanationCard({ explanation, signing }: { explanation: Explanation; signing?: SigningInfo }) {
  const denied = deniedInvoke(explanation.message);
  return (
    <div className="explanation" role="note" aria-label="Why this failed">
      <h3>{explanation.title}</h3>
      {explanation.errorType && <code className="error-type">{explanation.errorType}</code>}
      <p className="aws-message">{explanation.message}</p>
      <p className="next-step">
        <strong>Next step:</strong> {explanation.nextStep}
      </p>
      {denied && (
        <div className="smallest-statement">
          <p>
            <strong>The smallest statement that would allow it:</strong>
          </p>
          <pre aria-label="Smallest allowing statement">{smallestStatement(denied)}</pre>
          <button type="button" onClick={() => openSimulatorFor(denied)}>
            Check against my policies
          </button>
        </div>
      )}
      {explanation.serverCanonicalRequest && signing && (
        <div className="canonical-diff">
          <div>
            <h4>Signet signed</h4>
            <pre aria-label="Local canonical request">{signing.canonicalRequest}</pre>
          </div>
          <div>
            <h4>The server expected</h4>
            <pre aria-label="Server canonical request">{explanation.serverCanonicalRequest}</pre>
          </div>
        </div>
      )}
    </div>
  );
}
