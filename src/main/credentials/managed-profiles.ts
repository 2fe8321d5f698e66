/**
 * Profiles the user creates inside Signet (static keys), for people without ~/.aws files.
 * The metadata lives in `<dataDir>/managed-profiles.json`; the secret access key never
 * does: it goes through the SecretStore (encrypted at rest by the OS keychain), or, on a
 * host that cannot encrypt, stays in memory unless the user explicitly asks for a 0600 file.
 */
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ProfileSummary } from '../../shared/api/credentials';
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
    const records = await readJson(this.metadataPath, problems);
    const secrets = await readJson(this.plainSecretsPath, problems);
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

  async add(input: NewManagedProfile): Promise<{ profile: ProfileSummary; warning?: string }> {
    await this.remove(input.name);
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
    await this.save();
    return { profile: this.summary(record), ...(warning ? { warning } : {}) };
  }

  async remove(name: string): Promise<boolean> {
    const record = this.records.get(name);
    if (!record) return false;
    this.records.delete(name);
    this.plainSecrets.delete(name);
    if (record.secretRef) await this.options.secrets.delete(record.secretRef);
    await this.save();
    return true;
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

  private async save(): Promise<void> {
    if (!this.options.persist) return;
    // Memory-only profiles must not reappear after a restart without their secret.
    const kept = [...this.records.values()].filter((record) => record.storage !== 'memory');
    await writePrivate(this.metadataPath, JSON.stringify(kept, null, 2));
    await writePrivate(this.plainSecretsPath, JSON.stringify(Object.fromEntries(this.plainSecrets), null, 2));
  }
}

async function readJson(path: string, problems: string[]): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as unknown;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
      problems.push(`${path} could not be read; its profiles are skipped`);
    return undefined;
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

/** Atomic write with owner-only permissions. */
async function writePrivate(path: string, text: string): Promise<void> {
  await mkdir(join(path, '..'), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, text, { mode: 0o600 });
  await chmod(tmp, 0o600);
  await rename(tmp, path);
}
