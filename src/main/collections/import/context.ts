/**
 * Shared plumbing of every importer (Postman, Insomnia, OpenAPI, HAR, curl): reading untrusted values, collecting
 * warnings, and deferring secrets until the import is known to succeed.
 */
import { METHOD_PATTERN } from '../../../shared/model';
import { isSecretRef } from '../../core/secrets';
import type { SecretStore } from '../../core/secrets';

/** What the importer needs of the SecretStore. */
export type SecretSink = Pick<SecretStore, 'put' | 'delete'>;

/** A file that is not something Signet can import; the message is one line, safe to show. */
export class ImportRefusal extends Error {
  override readonly name = 'ImportRefusal';
}

/** More warnings than this are summarised, so a hostile file cannot produce a huge report. */
const MAX_WARNINGS = 200;

/** Nesting allowed inside values kept verbatim (unsupported auth); deeper ones would overflow JSON.stringify. */
const MAX_RAW_DEPTH = 32;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A scalar as text; objects and arrays are not text and give ''. */
export function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '';
}

/** Postman's booleans sometimes arrive as strings. */
export function truthy(value: unknown): boolean {
  return value === true || value === 'true';
}

/** A description is a string or `{ content, type }`. */
export function descriptionText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (isRecord(value)) return text(value.content);
  return '';
}

/** Whether a value nests no deeper than MAX_RAW_DEPTH (checked without recursion). */
export function shallowEnough(value: unknown): boolean {
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  let visited = 0;
  while (stack.length > 0) {
    const next = stack.pop()!;
    if (next.depth > MAX_RAW_DEPTH || (visited += 1) > 100_000) return false;
    if (typeof next.value === 'object' && next.value !== null) {
      for (const child of Object.values(next.value)) stack.push({ value: child, depth: next.depth + 1 });
    }
  }
  return true;
}

interface PendingSecret {
  readonly value: string;
  readonly label: string;
  readonly apply: (ref: string) => void;
}

/** State of one import run. */
export class ImportContext {
  private readonly collected: string[] = [];
  private overflow = 0;
  private readonly pending: PendingSecret[] = [];

  constructor(readonly sourceName: string) {}

  warn(message: string): void {
    if (this.collected.length < MAX_WARNINGS) this.collected.push(message);
    else this.overflow += 1;
  }

  get warnings(): string[] {
    return this.overflow > 0 ? [...this.collected, `… and ${this.overflow} more warnings`] : [...this.collected];
  }

  /** Cuts a string to `max` characters, saying so. */
  clip(value: string, max: number, what: string): string {
    if (value.length <= max) return value;
    this.warn(`${what} was longer than ${max} characters and was cut`);
    return value.slice(0, max);
  }

  /**
   * Routes a secret value to the SecretStore. Empty values and `{{templates}}` are not
   * secrets and are kept as they are; anything else is stored once the import succeeds,
   * and `apply` then receives the `secret:` reference.
   */
  secret(value: string, label: string, apply: (value: string) => void): void {
    if (value === '' || value.includes('{{') || isSecretRef(value)) {
      apply(value);
      return;
    }
    apply('');
    this.pending.push({ value, label, apply });
  }

  /** Stores the deferred secrets; on failure removes the ones already stored. */
  async storeSecrets(sink: SecretSink): Promise<void> {
    const stored: string[] = [];
    try {
      for (const secret of this.pending) {
        const { ref } = await sink.put(secret.value, secret.label);
        stored.push(ref);
        secret.apply(ref);
      }
    } catch (error) {
      for (const ref of stored) await sink.delete(ref).catch(() => undefined);
      throw error;
    }
  }
}

/**
 * A request's method from any import format. Custom methods (PURGE, PROPFIND, any HTTP
 * token) are kept, as Postman, Insomnia and curl send them; only a missing or malformed
 * one becomes GET, with a warning.
 */
export function importMethod(value: unknown, where: string, ctx: ImportContext): string {
  const method = text(value).trim().toUpperCase();
  if (METHOD_PATTERN.test(method)) return method;
  if (method === '') ctx.warn(`${where}: no HTTP method; set to GET`);
  else ctx.warn(`${where}: "${method.slice(0, 32)}" is not an HTTP method; set to GET`);
  return 'GET';
}
