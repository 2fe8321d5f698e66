/**
 * Last line of defence before a result leaves main: every form in which a secret
 * could appear in text (raw, percent-encoded as in a canonical query) is replaced.
 * Needed because the canonical request, a presigned URL and even an AWS error body
 * (which echoes the canonical request) carry the session token.
 */

const MIN_SECRET_LENGTH = 8;

function forms(secret: string): string[] {
  const encoded = encodeURIComponent(secret);
  const sigv4 = encoded.replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return [...new Set([secret, encoded, sigv4, encoded.toLowerCase()])].sort((a, b) => b.length - a.length);
}

/** Returns `value` with every string in it scrubbed of the given secrets. */
export function scrubSecrets<T>(
  value: T,
  secrets: ReadonlyArray<{ readonly value: string | undefined; readonly label: string }>,
): T {
  const patterns = secrets
    .filter(
      (s): s is { value: string; label: string } => typeof s.value === 'string' && s.value.length >= MIN_SECRET_LENGTH,
    )
    .flatMap((s) => forms(s.value).map((form) => ({ form, replacement: `[${s.label} redacted]` })));
  if (patterns.length === 0) return value;
  const scrubText = (text: string): string => {
    let out = text;
    for (const { form, replacement } of patterns) if (out.includes(form)) out = out.split(form).join(replacement);
    return out;
  };
  const walk = (node: unknown): unknown => {
    if (typeof node === 'string') return scrubText(node);
    if (Array.isArray(node)) return node.map(walk);
    if (node && typeof node === 'object') return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, walk(v)]));
    return node;
  };
  return walk(value) as T;
}
