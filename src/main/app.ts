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
import { BodyStore } from './http/body-store';
import { createBodyHandlers } from './http/body-handlers';
import { createWorkspaceService } from './collections/service';
import { createSandboxHandlers } from './sandbox/handlers';
import { createSsoHandlers } from './credentials/sso/handlers';
import { FileGrants } from './workspace/file-grants';
import { RememberedScopes } from './signing';
import { ensureDataDir } from './workspace/data-dir';
import { createRunnerHandlers } from './runner/handlers';
import { lockDataDir, type DataDirLock } from './workspace/data-dir-lock';
import { DraftsStore } from './drafts/store';
import { createTabHandlers } from './drafts/handlers';
import { createIamHandlers } from './iam/handlers';
import { HistoryStore } from './history/store';
import { historyEntryFromSend } from './history/entry';
import { createHistoryHandlers } from './history/handlers';
import { CookieJar } from './http/cookie-jar';
import { createCookieHandlers } from './http/cookie-handlers';
import { Trash } from './core/trash';

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
  /** The host's own save dialog (Electron), offering `fileName`; resolves with the path chosen, undefined when cancelled. */
  readonly chooseSavePath?: (fileName: string) => Promise<string | undefined>;
}

/** Main, assembled: the one dispatch both hosts carry, and a way to shut down. */
export interface SignetApp {
  readonly dispatch: Dispatch;
  /** What main tells the renderer unasked; each host delivers it to its windows. */
  readonly events: EventBus;
  /** Files the user granted; the browser host stores uploads here. */
  readonly files: FileGrants;
  readonly secrets: SecretStore;
  /** Response bodies kept whole on disk; the browser host serves them as downloads. */
  readonly bodies: BodyStore;
  /** Open tabs and drafts; the desktop host asks it before a window closes. */
  readonly drafts: DraftsStore;
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
  const bodies = new BodyStore({ dir: join(options.dataDir, 'responses') });
  // Every send is recorded; another window's or `signet send`'s sends show as they land.
  const history = new HistoryStore(options.dataDir);
  const stopFollowingHistory =
    options.host === 'cli'
      ? () => undefined
      : history.watchOtherWriters(() => events.emit('historyChanged', { reason: 'external' }));
  // Cookies live in memory for this run of the app only (see http/cookie-jar.ts).
  const cookies = new CookieJar();
  const runner = new RequestRunner({
    bodies,
    cookies,
    onSettled: async (record) => {
      if (await history.record(historyEntryFromSend(record))) events.emit('historyChanged', { reason: 'recorded' });
    },
    rememberedScopes,
    secrets,
    credentials,
    scopes: workspace,
    userAgent: `Signet/${options.version}`,
    files: (ref, what) => files.read(ref, what),
  });

  const drafts = new DraftsStore(options.dataDir, secrets);

  // Deletions are kept a while, so that each can be undone.
  const trash = new Trash();
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
    ...createCredentialHandlers(credentials, trash),
    ...createCollectionHandlers({ workspace, secrets, emit: events.emit, trash }),
    ...sandbox,
    ...createSsoHandlers({ credentials, ...(options.openExternal ? { openExternal: options.openExternal } : {}) }),
    ...createBodyHandlers({
      bodies,
      emit: events.emit,
      ...(options.chooseSavePath ? { chooseSavePath: options.chooseSavePath } : {}),
    }),
    ...createRunnerHandlers({
      workspace,
      sender: runner,
      credentials,
      files: (ref, what) => files.read(ref, what),
      emit: events.emit,
    }),
    ...createTabHandlers(drafts),
    ...createIamHandlers(),
    ...createHistoryHandlers({
      store: history,
      saveRequest: (collectionId, request, parentId) => workspace.saveRequest(collectionId, request, parentId),
      emit: events.emit,
    }),
    undoDelete: async ({ undoId }) => trash.restore(undoId),
    ...createCookieHandlers(cookies),
  };

  return {
    dispatch: createDispatch(handlers),
    events,
    files,
    secrets,
    bodies,
    drafts,
    startupWarnings: warnings,
    close: async () => {
      stopFollowing();
      await drafts.flush();
      stopFollowingHistory();
      await history.settled();
      credentials.dispose();
      await sandbox.stopDemoSandbox({}, { host: options.host });
      await bodies.close();
      await lock?.release();
    },
  };
}
