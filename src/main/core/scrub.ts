/**
 * Last line of defence before anything leaves main: every secret main resolved for an
 * operation is replaced wherever it appears in what goes back, in every form it could
 * take on the way: raw, percent-encoded (as in a canonical query or a presigned URL),
 * base64 (a Basic credential, a body an echo server encoded) and JSON-escaped. Needed
 * because the canonical request, a presigned URL, an echoed request body and even an
 * AWS error message carry secrets.
 */

const MIN_SECRET_LENGTH = 8;

/** The base64 text of `secret` wherever it sits in a longer encoded string: one stable core per byte alignment. */
function base64Cores(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const cores: string[] = [];
  for (let offset = 0; offset < 3; offset += 1) {
    const padded = Buffer.concat([Buffer.alloc(offset, 0), bytes]);
    const encoded = padded.toString('base64').replace(/=+$/, '');
    // Characters touched by the padding before, or by whatever follows, depend on the neighbours: drop them.
    const start = Math.ceil((offset * 4) / 3);
    const end = Math.floor((padded.length * 4) / 3) - 1;
    const core = encoded.slice(start, Math.max(start, end));
    if (core.length >= 8) cores.push(core, core.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return cores;
}

function formsOf(secret: string): string[] {
  const encoded = encodeURIComponent(secret);
  const sigv4 = encoded.replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const formEncoded = encoded.replace(/%20/g, '+');
  const json = JSON.stringify(secret).slice(1, -1);
  return [secret, encoded, sigv4, encoded.toLowerCase(), formEncoded, json, ...base64Cores(secret)];
}

/**
 * The secrets of one operation (a send, an AssumeRole), filled as main resolves them,
 * and applied to everything the operation hands back.
 */
export class Redactions {
  private readonly replacements = new Map<string, string>();
  private ordered: Array<[string, string]> | undefined;

  /** Adds a secret (ignored when missing or too short to redact without mangling ordinary text). */
  add(secret: string | undefined, label: string): void {
    if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH) return;
    for (const form of formsOf(secret)) {
      if (form.length >= MIN_SECRET_LENGTH && !this.replacements.has(form))
        this.replacements.set(form, `[${label} redacted]`);
    }
    this.ordered = undefined;
  }

  get size(): number {
    return this.replacements.size;
  }

  /** Replaces every known form of every secret in a text. */
  text(input: string): string {
    if (this.replacements.size === 0) return input;
    // Longest first, so that a secret's encoded form is not half-replaced by a shorter form.
    this.ordered ??= [...this.replacements].sort((a, b) => b[0].length - a[0].length);
    let out = input;
    for (const [form, replacement] of this.ordered) if (out.includes(form)) out = out.split(form).join(replacement);
    return out;
  }

  /** `value` with every string in it (keys of objects too) scrubbed. */
  apply<T>(value: T): T {
    if (this.replacements.size === 0) return value;
    const walk = (node: unknown): unknown => {
      if (typeof node === 'string') return this.text(node);
      if (Array.isArray(node)) return node.map(walk);
      if (node && typeof node === 'object')
        return Object.fromEntries(Object.entries(node).map(([k, v]) => [this.text(k), walk(v)]));
      return node;
    };
    return walk(value) as T;
  }
}

/** Returns `value` with every string in it scrubbed of the given secrets. */
export function scrubSecrets<T>(
  value: T,
  secrets: ReadonlyArray<{ readonly value: string | undefined; readonly label: string }>,
): T {
  const redactions = new Redactions();
  for (const secret of secrets) redactions.add(secret.value, secret.label);
  return redactions.apply(value);
}
