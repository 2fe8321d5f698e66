import type { IamVerdict } from '../../shared/api/iam';

/** One verdict of the simulator: allowed or not, the deciding statements, and what to change. */
export function Verdict({ title, verdict }: { title: string; verdict: IamVerdict }) {
  return (
    <div className={`iam-verdict ${verdict.allowed ? 'allowed' : 'denied'}`} role="status" aria-label={title}>
      <strong>
        {title}: {verdict.allowed ? 'allowed' : 'denied'}
      </strong>
      {verdict.decidedBy.length > 0 ? (
        <ul>
          {verdict.decidedBy.map((s) => (
            <li key={`${s.file}/${s.sid}`}>
              {s.effect} by statement <code>{s.sid}</code> in <code>{s.file}</code>
            </li>
          ))}
        </ul>
      ) : (
        !verdict.allowed && <p>Implicit deny: no statement allows it.</p>
      )}
      {verdict.fix && <p className="iam-fix">{verdict.fix}</p>}
    </div>
  );
}
