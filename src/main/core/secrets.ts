import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { SecretHandle } from '../../shared/contract';
import { isSecretRef, SECRET_REF_PREFIX } from '../../shared/secret-ref';
import { AppFailure, ioFailure } from './failure';
import { FileRevisions } from './file-revisions';

/** Encrypts secrets at rest; Electron's safeStorage in the desktop app. */
export interface Encryptor {
  readonly available: boolean;
  /** Electron's storage backend on Linux (`gnome_libsecret`, `kwallet5`, `basic_text` ...), when known. */
  readonly backend?: string;
  encrypt(plain: string): Buffer;
  decrypt(cipher: Buffer): string;
}

/**
 * Whether an encryptor really encrypts. On Linux, safeStorage reports itself available
 * on the `basic_text` backend, which only obfuscates with a fixed key: treat that as
 * plain text, and say why.
 */
export function realEncryption(encryptor: Encryptor | undefined): {
  readonly encrypted: boolean;
  readonly note?: string;
} {
  if (!encryptor?.available) return { encrypted: false };
  if (encryptor.backend === 'basic_text')
    return {
      encrypted: false,
      note: 'No keyring is available (safeStorage fell back to basic_text, which is not encryption): secrets are kept in memory only. Install or unlock a keyring (GNOME Keyring, KWallet) to keep them across restarts.',
    };
  return { encrypted: true };
}

export { isSecretRef, SECRET_REF_PREFIX } from '../../shared/secret-ref';

/** Shows only enough of a secret to recognise it: its last four characters. */
function maskSecret(value: string): string {
  if (value.length <= 12) return '••••••••';
  return `••••••••${value.slice(-4)}`;
}

/** Shows an access key id the way the AWS console does: prefix and last four. */
export function maskAccessKeyId(id: string): string {
  if (id.length <= 8) return id.replace(/./g, '•');
  return `${id.slice(0, 4)}${'•'.repeat(Math.min(8, id.length - 8))}${id.slice(-4)}`;
}

interface StoredSecret {
  readonly value: string;
  readonly label: string;
}

/**
 * Main's secret store: the renderer hands secrets in and gets references back.
 * Secrets live in memory; with `persistPath` and an available encryptor they are
 * also written, encrypted, to disk: compare-and-swap (another Signet's change is refused,
 * not overwritten), and a change that could not be written is undone in memory too.
 */
export class SecretStore {
  private readonly secrets = new Map<string, StoredSecret>();
  private readonly revisions = new FileRevisions();

  constructor(private readonly options: { persistPath?: string; encryptor?: Encryptor } = {}) {}

  get encrypted(): boolean {
    return Boolean(this.options.encryptor?.available);
  }

  /** Loads persisted secrets; a file that cannot be decrypted is ignored and reported. */
  async load(): Promise<string | undefined> {
    const { persistPath, encryptor } = this.options;
    if (!persistPath || !encryptor?.available) return undefined;
    let raw: Buffer | undefined;
    try {
      raw = await this.revisions.read(persistPath);
    } catch {
      return undefined;
    }
    if (raw === undefined) return undefined;
    try {
      const entries = JSON.parse(encryptor.decrypt(raw)) as Record<string, StoredSecret>;
      for (const [id, secret] of Object.entries(entries)) this.secrets.set(id, secret);
      return undefined;
    } catch {
      return `secrets file ${persistPath} could not be decrypted; stored secrets must be entered again`;
    }
  }

  async put(value: string, label = ''): Promise<SecretHandle> {
    const id = randomBytes(12).toString('hex');
    this.secrets.set(id, { value, label });
    try {
      await this.persist();
    } catch (error) {
      this.secrets.delete(id);
      throw error;
    }
    return { ref: SECRET_REF_PREFIX + id, masked: maskSecret(value) };
  }

  /** The secret behind a reference, or undefined. Only main ever calls this. */
  reveal(ref: string): string | undefined {
    if (!isSecretRef(ref)) return undefined;
    return this.secrets.get(ref.slice(SECRET_REF_PREFIX.length))?.value;
  }

  describe(ref: string): SecretHandle | null {
    const value = this.reveal(ref);
    return value === undefined ? null : { ref, masked: maskSecret(value) };
  }

  async delete(ref: string): Promise<void> {
    const id = ref.slice(SECRET_REF_PREFIX.length);
    const secret = this.secrets.get(id);
    if (!secret || !this.secrets.delete(id)) return;
    try {
      await this.persist();
    } catch (error) {
      this.secrets.set(id, secret);
      throw error;
    }
  }

  private async persist(): Promise<void> {
    const { persistPath, encryptor } = this.options;
    if (!persistPath || !encryptor?.available) return;
    try {
      await mkdir(dirname(persistPath), { recursive: true });
      const sealed = encryptor.encrypt(JSON.stringify(Object.fromEntries(this.secrets)));
      await this.revisions.replace(persistPath, sealed, 'The stored secrets');
    } catch (error) {
      if (error instanceof AppFailure) throw error;
      throw ioFailure(`save the stored secrets in ${dirname(persistPath)}`, error);
    }
  }
}
