import { FailureMessage } from '../common/FailureMessage';
import { useIam } from './store';

/** "Test offline": a sandbox serving the editors' policies answers the sample routes. */
export function OfflinePanel() {
  const routes = useIam((s) => s.offlineRoutes);
  const setRoutes = useIam((s) => s.setOfflineRoutes);
  const testOffline = useIam((s) => s.testOffline);
  const offline = useIam((s) => s.offline);
  return (
    <section className="iam-section" aria-label="Test offline">
      <h3>Test offline</h3>
      <p className="muted">
        A local sandbox serves these policies: the caller account assumes the role, then sends each route signed with
        the session.
      </p>
      <textarea aria-label="Routes to send" rows={3} value={routes} onChange={(e) => setRoutes(e.target.value)} />
      <div className="iam-actions">
        <button type="button" disabled={offline.state === 'loading'} onClick={() => void testOffline()}>
          {offline.state === 'loading' ? 'Testing…' : 'Test offline'}
        </button>
      </div>
      {offline.state === 'error' && <FailureMessage failure={offline.failure} />}
      {offline.state === 'success' && (
        <table className="iam-offline" aria-label="Offline results">
          <tbody>
            {offline.value.routes.map((route) => (
              <tr key={`${route.method} ${route.path}`} className={route.status === 200 ? 'allowed' : 'denied'}>
                <td>
                  {route.method} {route.path}
                </td>
                <td data-testid="offline-status">{route.status}</td>
                <td>{route.message ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
