import { join } from 'node:path';
import type { CallName } from '../shared/contract';
import { createDispatch, type Dispatch } from './core/dispatch';
import { EventBus } from './core/events';
import { AppFailure, unwrap } from './core/failure';
import type { HandlerMap } from './core/handlers';
import { realEncryption, SecretStore, type Encryptor } from './core/secrets';
import { createCredentialHandlers } from './credentials/handlers';
import { createCredentialService } from './credentials/service';
import { createCollectionHandlers } from './collections/handlers';
import { RequestRunner } from './http/send';
import { createWorkspaceService } from './collections/service';
import { createSandboxHandlers } from './sandbox/handlers';
import { createSsoHandlers } from './sso/handlers';
import { FileGrants } from './workspace/file-grants';
import { RememberedScopes } from './signing';
import { ensureDataDir } from './workspace/data-dir';
import { lockDataDir, type DataDirLock } from './workspace/data-dir-lock';

export interface AppOptions {
  readonly host: 'electron' | 'browser' | 'cli' | 'test';
  readonly dataDir: string;
  readonly version: string;
  /** Electron's safeStorage; absent in the browser host. */
  readonly encryptor?: Encryptor;
  /** The host's own file dialog (Electron); resolves with the path the user chose, undefined when cancelled. */
  readonly chooseFile?: () => Promise<string | undefined>;
  /** The host's system browser (Electron's shell.openExternal), for SSO verification links. */
  readonly openExternal?: (url: string) => Promise<void>;
}

/** Main, assembled: the one dispatch both hosts carry, and a way to shut down. */
export interface SignetApp {
  readonly dispatch: Dispatch;
  /** What main tells the renderer unasked; each host delivers it to its windows. */
  readonly events: EventBus;
  /** Files the user granted; the browser host stores uploads here. */
  readonly files: FileGrants;
  readonly secrets: SecretStore;
  /** Problems found at start (corrupt files set aside, undecryptable secrets). */
  readonly startupWarnings: readonly string[];
  close(): Promise<void>;
}

/** Builds every main-side service and the handler for every call in the contract. */
export async function createApp(options: AppOptions): Promise<SignetApp> {
  await ensureDataDir(options.dataDir);
  // The desktop app and `signet web` hold their data directory; the CLI and tests write beside them.
  const lock =
    options.host === 'electron' || options.host === 'browser'
      ? await lockDataDir(options.dataDir, options.host === 'electron' ? 'the Signet desktop app' : 'signet web')
      : undefined;
  try {
    return await assemble(options, lock);
  } catch (error) {
    await lock?.release();
    throw error;
  }
}

async function assemble(options: AppOptions, lock: DataDirLock | undefined): Promise<SignetApp> {
  const warnings: string[] = [];
  const events = new EventBus();
  const encryption = realEncryption(options.encryptor);
  if (encryption.note) warnings.push(encryption.note);
  const secrets = new SecretStore({
    ...(encryption.encrypted && options.encryptor
      ? { persistPath: join(options.dataDir, 'secrets.bin'), encryptor: options.encryptor }
      : {}),
  });
  const secretWarning = await secrets.load();
  if (secretWarning) warnings.push(secretWarning);

  const credentials = createCredentialService({
    secrets,
    dataDir: options.dataDir,
    encryptedAtRest: secrets.encrypted,
    emit: events.emit,
  });
  warnings.push(...(await credentials.load()));
  const sandbox = createSandboxHandlers({ secrets });
  const workspace = createWorkspaceService({ dataDir: options.dataDir, secrets });
  warnings.push(...(await workspace.load()).warnings);
  // Another window or process on this data directory: re-read, and tell the renderer.
  const stopFollowing =
    options.host === 'cli'
      ? () => undefined
      : workspace.followOtherWriters((collectionIds) =>
          events.emit('workspaceChanged', { reason: 'external', collectionIds }),
        );
  const files = new FileGrants(options.dataDir);
  await files.load();
  const rememberedScopes = new RememberedScopes(join(options.dataDir, 'signing-hosts.json'));
  const scopesWarning = await rememberedScopes.load();
  if (scopesWarning) warnings.push(scopesWarning);
  const runner = new RequestRunner({
    rememberedScopes,
    secrets,
    credentials,
    scopes: workspace,
    userAgent: `Signet/${options.version}`,
    files: (ref, what) => files.read(ref, what),
  });

  const handlers: HandlerMap<CallName> = {
    appInfo: async () => ({
      version: options.version,
      host: options.host === 'electron' ? 'electron' : 'browser',
      dataDir: options.dataDir,
      secretsEncrypted: secrets.encrypted,
      ...(encryption.note ? { secretsNote: encryption.note } : {}),
    }),
    putSecret: async ({ value, label }) => secrets.put(value, label),
    describeSecret: async ({ ref }) => secrets.describe(ref),
    chooseFile: async () => {
      if (!options.chooseFile)
        throw new AppFailure('unavailable', 'This host has no file dialog; the page uploads the chosen file instead.');
      const path = await options.chooseFile();
      return path === undefined ? null : files.grantPath(path);
    },
    describeFile: async ({ ref }) => files.describe(ref),
    sendRequest: async (input) => unwrap(await runner.send(input)),
    rememberedScope: async ({ host }) => rememberedScopes.get(host) ?? null,
    cancelRequest: async ({ requestId }) => ({ cancelled: runner.cancel(requestId) }),
    ...createCredentialHandlers(credentials),
    ...createCollectionHandlers({ workspace, secrets, emit: events.emit }),
    ...sandbox,
    ...createSsoHandlers({ credentials, ...(options.openExternal ? { openExternal: options.openExternal } : {}) }),
  };

  return {
    dispatch: createDispatch(handlers),
    events,
    files,
    secrets,
    startupWarnings: warnings,
    close: async () => {
      stopFollowing();
      credentials.dispose();
      await sandbox.stopDemoSandbox({}, { host: options.host });
      await lock?.release();
    },
  };
}
