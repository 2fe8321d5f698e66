/**
 * Profiles the user creates inside Signet (static keys), for people without ~/.aws files.
 * The metadata lives in `<dataDir>/managed-profiles.json`; the secret access key never
 * does: it goes through the SecretStore (encrypted at rest by the OS keychain), or, on a
 * host that cannot encrypt, stays in memory unless the user explicitly asks for a 0600 file.
 *
 * Both files are written compare-and-swap (another Signet's change is refused, not
 * overwritten), and a change that could not be written is undone in memory too.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ProfileSummary } from '../../shared/api/credentials';
import { AppFailure, ioFailure } from '../core/failure';
import { FileRevisions } from '../core/file-revisions';
import type { ResolvedCredentials } from '../core/ports';
import { CredentialError } from '../core/ports';
import { maskAccessKeyId, type SecretStore } from '../core/secrets';

type Storage = 'encrypted' | 'memory' | 'plain-file';

interface ManagedRecord {
  readonly name: string;
  readonly accessKeyId: string;
  readonly region?: string;
  readonly storage: Storage;
  /** `secret:<id>` in the SecretStore, for encrypted and memory storage. */
  readonly secretRef?: string;
}

export interface ManagedProfileOptions {
  readonly secrets: SecretStore;
  readonly dataDir: string;
  readonly encryptedAtRest: boolean;
  /** False keeps everything in memory (tests, throwaway runs). */
  readonly persist: boolean;
}

export interface NewManagedProfile {
  readonly name: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly region?: string;
  readonly persist: boolean;
}

/** The app's own profiles; see the module comment for where each part is kept. */
export class ManagedProfiles {
  private readonly records = new Map<string, ManagedRecord>();
  /** Secrets of `plain-file` profiles, by profile name. */
  private readonly plainSecrets = new Map<string, string>();
  private readonly revisions = new FileRevisions();

  constructor(private readonly options: ManagedProfileOptions) {}

  private get metadataPath(): string {
    return join(this.options.dataDir, 'managed-profiles.json');
  }

  /** Where `plain-file` secrets go; shown in the warning so the user knows what to protect. */
  get plainSecretsPath(): string {
    return join(this.options.dataDir, 'managed-profile-secrets.json');
  }

  /** Loads persisted profiles; returns problems to show rather than throwing. */
  async load(): Promise<string[]> {
    if (!this.options.persist) return [];
    const problems: string[] = [];
    const records = await this.readJson(this.metadataPath, problems);
    const secrets = await this.readJson(this.plainSecretsPath, problems);
    if (Array.isArray(records)) {
      for (const entry of records) {
        if (!isRecord(entry)) continue;
        this.records.set(entry.name, entry);
        const secret = isObject(secrets) ? secrets[entry.name] : undefined;
        if (entry.storage === 'plain-file' && typeof secret === 'string') this.plainSecrets.set(entry.name, secret);
      }
    }
    return problems;
  }

  has(name: string): boolean {
    return this.records.has(name);
  }

  list(): ProfileSummary[] {
    return [...this.records.values()].map((record) => this.summary(record));
  }

  async add(input: NewManagedProfile, retried = false): Promise<{ profile: ProfileSummary; warning?: string }> {
    const replaced = this.records.get(input.name);
    const undo = this.snapshot();
    this.records.delete(input.name);
    this.plainSecrets.delete(input.name);
    let storage: Storage;
    let warning: string | undefined;
    let secretRef: string | undefined;
    if (this.options.encryptedAtRest) {
      storage = 'encrypted';
      secretRef = (await this.options.secrets.put(input.secretAccessKey, `managed profile ${input.name}`)).ref;
    } else if (input.persist && this.options.persist) {
      storage = 'plain-file';
      this.plainSecrets.set(input.name, input.secretAccessKey);
      warning =
        `The secret access key is stored UNENCRYPTED in ${this.plainSecretsPath} (readable only by you, mode 0600). ` +
        'Anyone with access to your account can use it; prefer ~/.aws/credentials or the desktop app, which encrypts.';
    } else {
      storage = 'memory';
      secretRef = (await this.options.secrets.put(input.secretAccessKey, `managed profile ${input.name}`)).ref;
      warning =
        'This host cannot encrypt secrets, so the profile is kept in memory only and is gone when Signet stops. ' +
        'Choose "persist" to keep it in a 0600 plain file instead.';
    }
    const record: ManagedRecord = {
      name: input.name,
      accessKeyId: input.accessKeyId,
      storage,
      ...(input.region ? { region: input.region } : {}),
      ...(secretRef ? { secretRef } : {}),
    };
    this.records.set(input.name, record);
    try {
      await this.save(true);
    } catch (error) {
      undo();
      if (secretRef) await this.options.secrets.delete(secretRef).catch(() => undefined);
      // Another Signet saved its profiles meanwhile: take its list and add this one on top, once.
      if (!retried && isConflict(error)) {
        await this.reload();
        return this.add(input, true);
      }
      throw error;
    }
    if (replaced?.secretRef) await this.options.secrets.delete(replaced.secretRef);
    return { profile: this.summary(record), ...(warning ? { warning } : {}) };
  }

  async remove(name: string, retried = false): Promise<boolean> {
    const record = this.records.get(name);
    if (!record) return false;
    const undo = this.snapshot();
    this.records.delete(name);
    this.plainSecrets.delete(name);
    try {
      await this.save(false);
    } catch (error) {
      undo();
      if (!retried && isConflict(error)) {
        await this.reload();
        return this.remove(name, true);
      }
      throw error;
    }
    if (record.secretRef) await this.options.secrets.delete(record.secretRef);
    return true;
  }

  /** Re-reads the profiles from disk (another writer's list), keeping the memory-only ones of this run. */
  private async reload(): Promise<void> {
    const memoryOnly = [...this.records.values()].filter((record) => record.storage === 'memory');
    this.records.clear();
    this.plainSecrets.clear();
    await this.load();
    for (const record of memoryOnly) if (!this.records.has(record.name)) this.records.set(record.name, record);
  }

  /** Returns the function that puts the profiles back as they are now. */
  private snapshot(): () => void {
    const records = new Map(this.records);
    const plainSecrets = new Map(this.plainSecrets);
    return () => {
      this.records.clear();
      this.plainSecrets.clear();
      for (const [name, record] of records) this.records.set(name, record);
      for (const [name, secret] of plainSecrets) this.plainSecrets.set(name, secret);
    };
  }

  /** Keys of a managed profile, or undefined when no such profile exists. */
  credentials(name: string): ResolvedCredentials | undefined {
    const record = this.records.get(name);
    if (!record) return undefined;
    const secret = record.secretRef ? this.options.secrets.reveal(record.secretRef) : this.plainSecrets.get(name);
    if (!secret) {
      throw new CredentialError(
        `The secret of managed profile "${name}" is no longer available (it could not be decrypted or was kept in memory only); add the profile again`,
        'credentials',
      );
    }
    return { accessKeyId: record.accessKeyId, secretAccessKey: secret, sourceLabel: `profile ${name}` };
  }

  private summary(record: ManagedRecord): ProfileSummary {
    const usable = record.secretRef
      ? this.options.secrets.reveal(record.secretRef) !== undefined
      : this.plainSecrets.has(record.name);
    return {
      name: record.name,
      kind: 'managed',
      origin: 'managed',
      maskedAccessKeyId: maskAccessKeyId(record.accessKeyId),
      storage: record.storage,
      ...(record.region ? { region: record.region } : {}),
      ...(usable ? {} : { problem: 'secret not available; add the profile again' }),
    };
  }

  /**
   * Writes both files; the secrets first when adding (a profile never lands without its
   * secret), the list first when removing (a secret never goes before its profile).
   */
  private async save(secretsFirst: boolean): Promise<void> {
    if (!this.options.persist) return;
    // Memory-only profiles must not reappear after a restart without their secret.
    const kept = [...this.records.values()].filter((record) => record.storage !== 'memory');
    const files: Array<[string, string]> = [
      [this.metadataPath, JSON.stringify(kept, null, 2)],
      [this.plainSecretsPath, JSON.stringify(Object.fromEntries(this.plainSecrets), null, 2)],
    ];
    if (secretsFirst) files.reverse();
    try {
      await mkdir(this.options.dataDir, { recursive: true });
      for (const [path, text] of files) await this.revisions.replace(path, text, 'The managed profiles');
    } catch (error) {
      if (error instanceof AppFailure) throw error;
      throw ioFailure(`save the managed profiles in ${this.options.dataDir}`, error);
    }
  }

  private async readJson(path: string, problems: string[]): Promise<unknown> {
    try {
      const data = await this.revisions.read(path);
      return data === undefined ? undefined : (JSON.parse(data.toString('utf8')) as unknown);
    } catch {
      problems.push(`${path} could not be read; its profiles are skipped`);
      return undefined;
    }
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isRecord(value: unknown): value is ManagedRecord {
  return (
    isObject(value) &&
    typeof value.name === 'string' &&
    typeof value.accessKeyId === 'string' &&
    (value.storage === 'encrypted' || value.storage === 'plain-file') &&
    (value.secretRef === undefined || typeof value.secretRef === 'string')
  );
}

function isConflict(error: unknown): boolean {
  return error instanceof AppFailure && error.code === 'conflict';
}
