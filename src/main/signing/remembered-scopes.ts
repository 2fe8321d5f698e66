/**
 * Region and service the user gave for a host that derives nothing (a custom domain), kept per
 * host so that the next request to it signs without asking again. Stored as a small JSON file
 * in the data directory; hosts, regions and service names only, never a credential.
 */
import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '../core/atomic-file';

export interface RememberedScope {
  readonly region: string;
  readonly service: string;
}

const NAME_PART = /^[a-z0-9-]{1,64}$/;
/** Enough for every custom domain a person calls; the oldest answer goes first. */
const HOSTS_KEPT = 500;

/** The key a host is remembered under: lower case, without port or trailing dot. */
export function scopeHostKey(host: string): string {
  return host.trim().toLowerCase().replace(/:\d+$/, '').replace(/\.$/, '');
}

function isScope(value: unknown): value is RememberedScope {
  if (typeof value !== 'object' || value === null) return false;
  const { region, service } = value as Record<string, unknown>;
  return typeof region === 'string' && NAME_PART.test(region) && typeof service === 'string' && NAME_PART.test(service);
}

/** The remembered scopes; in memory only when no file is given (tests, the CLI). */
export class RememberedScopes {
  private readonly byHost = new Map<string, RememberedScope>();

  constructor(private readonly filePath?: string) {}

  /** Reads the file; a missing or unreadable one means nothing is remembered (never fatal). */
  async load(): Promise<string | undefined> {
    if (!this.filePath) return undefined;
    let text: string;
    try {
      text = await readFile(this.filePath, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      return `Remembered signing scopes could not be read (${(error as NodeJS.ErrnoException).code ?? 'error'}).`;
    }
    try {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed !== 'object' || parsed === null) throw new Error('not an object');
      for (const [host, scope] of Object.entries(parsed)) {
        if (host.length <= 253 && isScope(scope))
          this.byHost.set(scopeHostKey(host), { region: scope.region, service: scope.service });
      }
      return undefined;
    } catch {
      return 'Remembered signing scopes were not valid JSON; they start empty.';
    }
  }

  /** The scope remembered for a host, if any. */
  get(host: string): RememberedScope | undefined {
    return this.byHost.get(scopeHostKey(host));
  }

  /** Remembers (or replaces) a host's scope and writes the file when it changed. */
  async remember(host: string, scope: RememberedScope): Promise<void> {
    const key = scopeHostKey(host);
    if (!key || !isScope(scope)) throw new Error(`cannot remember region/service for ${JSON.stringify(host)}`);
    const before = this.byHost.get(key);
    if (before?.region === scope.region && before.service === scope.service) return;
    this.byHost.delete(key);
    this.byHost.set(key, { region: scope.region, service: scope.service });
    if (this.byHost.size > HOSTS_KEPT) this.byHost.delete(this.byHost.keys().next().value ?? '');
    if (this.filePath) await writeFileAtomic(this.filePath, JSON.stringify(Object.fromEntries(this.byHost)));
  }
}
