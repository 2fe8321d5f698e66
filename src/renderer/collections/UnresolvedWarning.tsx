import type { KeyValue } from '../../shared/model';
import { useUnresolvedVariables } from './unresolved';

interface UnresolvedWarningProps {
  readonly url: string;
  readonly headers: readonly KeyValue[];
}

/** Lists, before sending, the `{{variables}}` of the URL and enabled headers that nothing defines. */
export function UnresolvedWarning({ url, headers }: UnresolvedWarningProps) {
  const texts = [url, ...headers.filter((h) => h.enabled).flatMap((h) => [h.key, h.value])];
  const missing = useUnresolvedVariables(texts);
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
