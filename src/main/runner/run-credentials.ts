/**
 * Credentials for the length of a run: resolved once per source and reused for every
 * request, re-resolved (one AssumeRole) before they expire, and refreshed at most once
 * when many requests meet the same expired token at the same time.
 */
import type { CredentialSource } from '../../shared/model';
import type { CredentialResolver, ResolveOptions, ResolvedCredentials } from '../core/ports';

/** Re-resolve this long before expiry, or half-way through a shorter life (the sandbox's short sessions). */
const REFRESH_MARGIN_MS = 5 * 60_000;
/** A forced refresh this soon after another one reuses its answer: they answer the same expired token. */
const REFRESH_COALESCE_MS = 2_000;

interface Entry {
  value?: ResolvedCredentials;
  obtainedAt: number;
  /** When the last refresh forced by an expired token finished. */
  forcedAt?: number;
  pending?: Promise<ResolvedCredentials>;
}

export interface RunCredentialsOptions {
  /** Which sources share credentials; by default each profile or session its own. */
  readonly keyOf?: (source: CredentialSource) => string;
  readonly now?: () => number;
  /** How long a forced refresh answers the other requests that met the same expired token. */
  readonly coalesceMs?: number;
}

/** The run's credential cache, over main's resolver (or the CLI's --profile / --role-arn). */
export class RunCredentials implements CredentialResolver {
  private readonly entries = new Map<string, Entry>();
  private readonly now: () => number;
  /** How many times the inner resolver was asked (each a possible AssumeRole). */
  resolutions = 0;

  constructor(
    private readonly inner: CredentialResolver,
    private readonly options: RunCredentialsOptions = {},
  ) {
    this.now = options.now ?? Date.now;
  }

  canAutoRefresh(source: CredentialSource): boolean {
    return this.inner.canAutoRefresh(source);
  }

  private fresh(entry: Entry): boolean {
    const expiration = entry.value?.expiration?.getTime();
    if (expiration === undefined) return entry.value !== undefined;
    const life = expiration - entry.obtainedAt;
    const margin = Math.min(REFRESH_MARGIN_MS, life / 2);
    return expiration - this.now() > margin;
  }

  async resolve(source: CredentialSource, options: ResolveOptions): Promise<ResolvedCredentials> {
    // Typed keys may name {{variables}} that change per data row; resolving them costs nothing.
    if (source.kind === 'keys' && !this.options.keyOf) return this.inner.resolve(source, options);
    const key =
      this.options.keyOf?.(source) ??
      `${source.kind}:${source.kind === 'profile' ? source.profile : source.kind === 'session' ? source.sessionId : ''}`;
    let entry = this.entries.get(key);
    if (!entry) {
      entry = { obtainedAt: 0 };
      this.entries.set(key, entry);
    }
    if (entry.pending) return entry.pending;
    // Requests in flight together meet the same expired token: the first one's refresh serves them all.
    const justForced =
      entry.forcedAt !== undefined && this.now() - entry.forcedAt < (this.options.coalesceMs ?? REFRESH_COALESCE_MS);
    if (entry.value && (options.forceRefresh ? justForced : this.fresh(entry))) return entry.value;
    const stale = entry.value !== undefined;
    const current = entry;
    this.resolutions += 1;
    current.pending = this.inner.resolve(source, { ...options, forceRefresh: Boolean(options.forceRefresh) || stale });
    try {
      current.value = await current.pending;
      current.obtainedAt = this.now();
      if (options.forceRefresh) current.forcedAt = current.obtainedAt;
      return current.value;
    } finally {
      delete current.pending;
    }
  }
}
