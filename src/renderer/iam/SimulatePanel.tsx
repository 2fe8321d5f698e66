import { FailureMessage } from '../common/FailureMessage';
import { PolicyEditor } from './PolicyEditor';
import { useIam } from './store';
import { Verdict } from './Verdict';

/** Simulates one request against the editors' policies, as AWS evaluates them. */
export function SimulatePanel() {
  const request = useIam((s) => s.simulationRequest);
  const setRequest = useIam((s) => s.setSimulationRequest);
  const simulate = useIam((s) => s.simulate);
  const simulation = useIam((s) => s.simulation);
  return (
    <section className="iam-section" aria-label="Simulate">
      <h3>Simulate</h3>
      <details>
        <summary>Also weigh a permissions boundary, an SCP, a session policy or a REST resource policy</summary>
        <div className="iam-editors">
          <PolicyEditor name="boundary.json" kind="identity" title="Permissions boundary" />
          <PolicyEditor name="scp.json" kind="identity" title="SCP" />
          <PolicyEditor name="session-policy.json" kind="identity" title="Session policy" />
          <PolicyEditor name="resource-policy.json" kind="resource" title="REST API resource policy" />
        </div>
      </details>
      <div className="iam-row">
        <input
          aria-label="Simulated method"
          className="iam-method"
          value={request.method}
          onChange={(e) => setRequest({ method: e.target.value.toUpperCase() })}
        />
        <input
          aria-label="Simulated path"
          value={request.path}
          onChange={(e) => setRequest({ path: e.target.value })}
        />
        <button type="button" disabled={simulation.state === 'loading'} onClick={() => void simulate()}>
          Simulate
        </button>
      </div>
      {simulation.state === 'error' && <FailureMessage failure={simulation.failure} />}
      {simulation.state === 'success' && (
        <>
          <p>
            Resource <code>{simulation.value.resource}</code>
          </p>
          <Verdict title="AssumeRole" verdict={simulation.value.assumeRole} />
          <Verdict title="Invoke" verdict={simulation.value.invoke} />
        </>
      )}
    </section>
  );
}
