import type { ResponseTimings } from '../../shared/api/http';

/** Where the time of one exchange went, from main's socket events, as rows with bars. */
export function TimingView({ timings, totalMs }: { timings: ResponseTimings; totalMs: number }) {
  const phases: Array<[string, number | undefined]> = [
    ['DNS lookup', timings.dnsMs],
    ['TCP connect', timings.connectMs],
    ['TLS handshake', timings.tlsMs],
    ['Waiting for first byte', timings.firstByteMs],
    ['Download', timings.downloadMs],
  ];
  const scale = Math.max(totalMs, 1);
  return (
    <table className="timing-table" aria-label="Timing" data-testid="response-timings">
      <tbody>
        {phases.map(([name, ms]) => (
          <tr key={name}>
            <th>{name}</th>
            <td className="timing-ms">{ms === undefined ? '—' : `${ms.toFixed(1)} ms`}</td>
            <td className="timing-bar-cell">
              {ms !== undefined && (
                <span className="timing-bar" style={{ width: `${Math.min(100, (ms / scale) * 100)}%` }} />
              )}
            </td>
          </tr>
        ))}
        <tr>
          <th>Total</th>
          <td className="timing-ms">{totalMs} ms</td>
          <td />
        </tr>
      </tbody>
    </table>
  );
}
