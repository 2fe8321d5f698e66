/**
 * The canonical request and string to sign that some AWS services send back with a
 * signature mismatch, and where they first differ from Signet's.
 */

/** Pulls the server's canonical request and string to sign out of an error message, when present. */
export function parseServerCanonical(message: string): { canonicalRequest?: string; stringToSign?: string } {
  const canonical =
    /The Canonical String for this request should have been\s*\n'([\s\S]*?)'\s*\n\s*\nThe String-to-Sign should have been/.exec(
      message,
    );
  const sts = /The String-to-Sign should have been\s*\n'([\s\S]*?)'\s*(?:\n|$)/.exec(message);
  return {
    ...(canonical?.[1] !== undefined ? { canonicalRequest: canonical[1] } : {}),
    ...(sts?.[1] !== undefined ? { stringToSign: sts[1] } : {}),
  };
}

const PARTS = ['method', 'path', 'query'];

/** Names the first line where two canonical requests differ, e.g. `line 2 (path)`, or undefined when equal. */
export function firstDifference(ours: string, theirs: string): string | undefined {
  const a = ours.split('\n');
  const b = theirs.split('\n');
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] === b[i]) continue;
    // The blank line that ends the header block (line 3 may be an empty query).
    const blank = a.indexOf('', 3);
    const part =
      i < 3 ? PARTS[i] : blank < 0 || i < blank ? 'headers' : i === blank + 1 ? 'signed headers' : 'payload hash';
    return `line ${i + 1} (${part}): Signet signed ${JSON.stringify(a[i] ?? '')}, the server expected ${JSON.stringify(b[i] ?? '')}`;
  }
  return undefined;
}
