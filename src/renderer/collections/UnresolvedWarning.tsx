import { useUnresolvedVariables } from './unresolved';
import './collections.css';

/** Lists, before sending, the `{{variables}}` of the active request (URL, headers, auth) that nothing defines. */
export function UnresolvedWarning() {
  const missing = useUnresolvedVariables();
  if (missing.length === 0) return null;
  return (
    <p className="unresolved" role="note" aria-label="Unresolved variables">
      Not defined in the environment or collection:{' '}
      {missing.map((name) => (
        <code key={name} className="unresolved-var">{`{{${name}}}`}</code>
      ))}
    </p>
  );
}
