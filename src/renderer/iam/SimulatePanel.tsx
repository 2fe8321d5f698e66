import { FailureMessage } from '../common/FailureMessage';
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
