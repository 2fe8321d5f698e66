/**
 * Open tabs and their unsaved drafts on disk, so that nothing typed is lost to a reload,
 * a restart or a crash:
 *
 *   <dataDir>/tabs.json   { schemaVersion, windows: [{ windowId, revision, savedAt, activeTabId, tabs }] }
 *
 * Each window (an Electron window, a browser tab of `signet web`) has its own tab set,
 * named by a window id the page keeps across its reloads (sessionStorage). The rules:
 *
 * - A page that names its window id gets its set back. A page that names none (a new
 *   window, or the first one after a restart or a crash) gets the most recently saved set
 *   no other window of this run holds, so a restart reopens the last window's tabs and a
 *   second window does not show the same tabs twice.
 * - Each save names the revision the page last loaded or saved. A set that another page
 *   wrote since (a duplicated browser tab carries the same window id) is not overwritten:
 *   the save is kept as a new set and the page continues with the new id. No draft is lost.
 * - Writes are atomic (the old file or the new one, never half) and compare-and-swap, so
 *   two Signets on one data directory merge their windows instead of overwriting each other.
 * - Secrets are references only: a secret field typed in plain text goes to the secret
 *   store and the file holds its `secret:` reference.
 */
import { createHash, randomUUID } from 'node:crypto';
import { rename } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { EntityIdSchema } from '../../shared/collection';
import type { Auth, KeyValue, RequestSpec } from '../../shared/model';
import { DraftTabSchema, TAB_LIMITS, type DraftTab, type SaveTabsResult, type TabSet } from '../../shared/api/tabs';
import { AppFailure, ioFailure } from '../core/failure';
import { FileRevisions } from '../core/file-revisions';
import { isSecretRef, type SecretStore } from '../core/secrets';

const TABS_SCHEMA_VERSION = 1;
export const TABS_FILE = 'tabs.json';

const StoredSetSchema = z.object({
  windowId: EntityIdSchema,
  revision: z.number().int().min(0),
  savedAt: z.number(),
  activeTabId: z.string().nullable(),
  tabs: z.array(DraftTabSchema).max(TAB_LIMITS.tabs),
});
type StoredSet = z.infer<typeof StoredSetSchema>;

const TabsFileSchema = z.object({
  schemaVersion: z.literal(TABS_SCHEMA_VERSION),
  windows: z.array(StoredSetSchema).max(TAB_LIMITS.windows * 4),
});

/** Header names whose values are credentials: kept as references like the auth fields. */
const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'x-amz-security-token']);

/** A value to store as a reference: plain text, neither a reference nor a `{{variable}}` already. */
function isPlainSecret(value: string): boolean {
  return value !== '' && !isSecretRef(value) && !value.includes('{{');
}

export interface SaveTabsInput {
  readonly windowId: string;
  readonly revision: number;
  readonly tabs: readonly DraftTab[];
  readonly activeTabId: string | null;
}

/** Reads and writes the open tabs of every window under one data directory. */
export class DraftsStore {
  readonly path: string;
  private readonly revisions = new FileRevisions();
  /** Window ids a page of this run has loaded or saved: not handed to another page. */
  private readonly claimed = new Set<string>();
  /** The last set each window of this run saved or loaded, for the quit guard. */
  private readonly known = new Map<string, StoredSet>();
  /** Secrets this run already stored, by a hash of their value, so a draft saved again reuses its reference. */
  private readonly storedSecrets = new Map<string, string>();
  private queue: Promise<unknown> = Promise.resolve();
  private warnings: string[] = [];

  constructor(
    readonly dataDir: string,
    private readonly secrets: SecretStore,
    private readonly now: () => number = Date.now,
  ) {
    this.path = join(dataDir, TABS_FILE);
  }

  /** This window's tabs (see the module's rules); `windowId` absent for a new window. */
  load(windowId?: string): Promise<TabSet> {
    return this.serialised(async () => {
      const sets = await this.readSets();
      let set = windowId ? sets.find((s) => s.windowId === windowId) : undefined;
      if (!windowId)
        set = sets
          .filter((s) => !this.claimed.has(s.windowId) && s.tabs.length > 0)
          .sort((a, b) => b.savedAt - a.savedAt)[0];
      const id = set?.windowId ?? windowId ?? randomUUID();
      this.claimed.add(id);
      if (set) this.known.set(id, set);
      const warnings = this.warnings;
      this.warnings = [];
      return {
        windowId: id,
        revision: set?.revision ?? 0,
        tabs: set?.tabs ?? [],
        activeTabId: set?.activeTabId ?? null,
        warnings,
      };
    });
  }

  /** Saves one window's tabs; answers with the window id to use from now on and the new revision. */
  save(input: SaveTabsInput): Promise<SaveTabsResult> {
    return this.serialised(async () => {
      const tabs: DraftTab[] = [];
      for (const tab of input.tabs) tabs.push({ ...tab, request: await this.withSecretRefs(tab.request) });
      for (let attempt = 0; ; attempt += 1) {
        const sets = await this.readSets();
        const current = sets.find((s) => s.windowId === input.windowId);
        // Another page wrote this set since this one read it: keep both, this page's as a new set.
        const forked = (current?.revision ?? 0) !== input.revision;
        const windowId = forked ? randomUUID() : input.windowId;
        const next: StoredSet = {
          windowId,
          revision: forked ? 1 : input.revision + 1,
          savedAt: this.now(),
          activeTabId: input.activeTabId,
          tabs,
        };
        const others = sets.filter((s) => s.windowId !== windowId);
        // The least recently saved sets beyond the cap go, never the one being saved.
        const kept = [next, ...others.sort((a, b) => b.savedAt - a.savedAt)].slice(0, TAB_LIMITS.windows);
        try {
          await this.revisions.replace(
            this.path,
            JSON.stringify({ schemaVersion: TABS_SCHEMA_VERSION, windows: kept }),
            'The open tabs',
          );
        } catch (error) {
          // Another Signet on this data directory wrote between the read and the write: merge again.
          if (error instanceof AppFailure && error.code === 'conflict' && attempt < 3) continue;
          if (error instanceof AppFailure) throw error;
          throw ioFailure('save the open tabs', error);
        }
        // A fork leaves the set it came from to the page that wrote it (still counted for the quit guard).
        if (forked) this.claimed.add(windowId);
        this.known.set(windowId, next);
        return { windowId, revision: next.revision };
      }
    });
  }

  /** Tabs with unsaved edits in the windows of this run, as last saved: what quitting would leave unsaved. */
  unsavedTabs(): number {
    let count = 0;
    for (const id of this.claimed) count += this.known.get(id)?.tabs.filter((tab) => tab.dirty).length ?? 0;
    return count;
  }

  /** Lets a new window take the sets of windows that are gone (the desktop app after its last window closed). */
  releaseWindows(): void {
    this.claimed.clear();
  }

  /** Resolves when every save asked for so far is on disk. */
  async flush(): Promise<void> {
    await this.queue.catch(() => undefined);
  }

  private serialised<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** The sets on disk; a corrupt file is moved aside (and reported at the next load), a missing one is empty. */
  private async readSets(): Promise<StoredSet[]> {
    let data: Buffer | undefined;
    try {
      data = await this.revisions.read(this.path);
    } catch (error) {
      throw ioFailure('read the open tabs', error);
    }
    if (data === undefined) return [];
    let json: unknown;
    try {
      json = JSON.parse(data.toString('utf8'));
    } catch {
      json = undefined;
    }
    const parsed = TabsFileSchema.safeParse(json);
    if (parsed.success) return parsed.data.windows;
    const aside = `${this.path}.corrupt-${new Date(this.now()).toISOString().replace(/[:.]/g, '-')}`;
    try {
      await rename(this.path, aside);
      this.revisions.forget(this.path);
      this.warnings.push(`${this.path} was unreadable; moved aside to ${aside}, and the tabs start afresh`);
    } catch {
      this.warnings.push(`${this.path} is unreadable and could not be moved aside`);
    }
    return [];
  }

  /** The request with every secret typed in plain text replaced by a reference to the secret store. */
  private async withSecretRefs(request: RequestSpec): Promise<RequestSpec> {
    const headers: KeyValue[] = [];
    for (const header of request.headers)
      headers.push(
        SECRET_HEADERS.has(header.key.trim().toLowerCase()) && isPlainSecret(header.value)
          ? { ...header, value: await this.reference(header.value, `draft header ${header.key.slice(0, 64)}`) }
          : header,
      );
    return { ...request, headers, auth: await this.authWithRefs(request.auth, request.name) };
  }

  private async authWithRefs(auth: Auth, name: string): Promise<Auth> {
    const ref = (value: string, what: string) =>
      isPlainSecret(value) ? this.reference(value, `draft ${name.slice(0, 64)}: ${what}`) : Promise.resolve(value);
    switch (auth.type) {
      case 'awsv4':
        if (auth.source.kind !== 'keys') return auth;
        return {
          ...auth,
          source: {
            ...auth.source,
            secretAccessKey: await ref(auth.source.secretAccessKey, 'secret access key'),
            sessionToken: await ref(auth.source.sessionToken, 'session token'),
          },
        };
      case 'basic':
        return { ...auth, password: await ref(auth.password, 'password') };
      case 'bearer':
        return { ...auth, token: await ref(auth.token, 'bearer token') };
      case 'apikey':
        return { ...auth, value: await ref(auth.value, 'API key') };
      default:
        return auth;
    }
  }

  private async reference(value: string, label: string): Promise<string> {
    const key = createHash('sha256').update(value).digest('hex');
    const known = this.storedSecrets.get(key);
    if (known && this.secrets.reveal(known) === value) return known;
    const { ref } = await this.secrets.put(value, label);
    this.storedSecrets.set(key, ref);
    return ref;
  }
}
