/**
 * Main, built in-process for renderer tests and reached the way the Electron preload
 * reaches it: `window.signet`, one async function per contract call.
 *
 * `src/renderer/api.ts` reads `window.signet` once, when it is first imported, so this
 * module installs it at import time and must be imported before anything that imports
 * the renderer's api (test files import `./setup`, which imports this module first).
 * The installed functions forward to whichever app `startMain` built last.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type SignetApp } from '../../main/app';
import { callNames, type Result, type SignetApi } from '../../shared/contract';

let current: SignetApp | undefined;
/** What the stand-in for Electron's file dialog answers next (undefined: the user cancels). */
let nextChosenFile: string | undefined;

/** Makes the next "Choose file…" pick this path, as if the user chose it in the system dialog. */
export function chooseInDialog(path: string | undefined): void {
  nextChosenFile = path;
}
/** What the stand-in for Electron's save dialog answers next (undefined: the user cancels). */
let nextSavePath: string | undefined;

/** Makes the next "Save to file…" write to this path, as if the user chose it in the system save dialog. */
export function saveInDialog(path: string | undefined): void {
  nextSavePath = path;
}
let currentDir: string | undefined;
let stopForwarding: (() => void) | undefined;

/** Renderer-side listeners by event name; they outlive one app, as a window outlives a reload of main's state. */
const listeners = new Map<string, Set<(payload: unknown) => void>>();

function on(name: string, listener: (payload: unknown) => void): () => void {
  let set = listeners.get(name);
  if (!set) listeners.set(name, (set = new Set()));
  set.add(listener);
  return () => void set.delete(listener);
}

/** What IPC does to an error thrown in main: only its message crosses (see src/main/electron/main.ts). */
function asIpcError(error: unknown): Error {
  return new Error(error instanceof Error ? error.message : 'internal error');
}

const signet = Object.freeze({
  ...Object.fromEntries(
    callNames.map((name) => [
      name,
      async (input: unknown) => {
        if (!current) throw new Error(`main is not running (call "${name}" outside a test)`);
        let result: unknown;
        try {
          // Arguments and results cross IPC by structured clone, never by reference.
          result = await current.dispatch(name, structuredClone(input), { host: 'test' });
        } catch (error) {
          throw asIpcError(error);
        }
        return structuredClone(result);
      },
    ]),
  ),
  on,
}) as unknown as SignetApi;

Object.defineProperty(window, 'signet', { value: signet, configurable: true });

/** Keep the SDK away from the user's ~/.aws, instance metadata and retries, even before the first start. */
function isolateAws(dir: string): void {
  process.env.AWS_CONFIG_FILE = join(dir, 'aws-config');
  process.env.AWS_SHARED_CREDENTIALS_FILE = join(dir, 'aws-credentials');
  process.env.AWS_EC2_METADATA_DISABLED = 'true';
  process.env.AWS_MAX_ATTEMPTS = '1';
  delete process.env.AWS_PROFILE;
  delete process.env.AWS_ACCESS_KEY_ID;
  delete process.env.AWS_SECRET_ACCESS_KEY;
  delete process.env.AWS_SESSION_TOKEN;
}
isolateAws(join(tmpdir(), 'signet-renderer-tests-no-aws-files'));

export interface MainOptions {
  /** Text of the AWS config file main reads (AWS_CONFIG_FILE); none when absent. */
  readonly awsConfig?: string;
  /** Text of the AWS shared credentials file (AWS_SHARED_CREDENTIALS_FILE); none when absent. */
  readonly awsCredentials?: string;
}

export interface RunningMain {
  readonly app: SignetApp;
  /** A fresh temp dir: the app's data dir, and where the AWS files live. */
  readonly dir: string;
}

/** Builds a fresh main (empty data dir, its own AWS files) and points `window.signet` at it. */
export async function startMain(options: MainOptions = {}): Promise<RunningMain> {
  await stopMain();
  const dir = await mkdtemp(join(tmpdir(), 'signet-renderer-'));
  isolateAws(dir);
  if (options.awsConfig !== undefined) await writeFile(process.env.AWS_CONFIG_FILE!, options.awsConfig);
  if (options.awsCredentials !== undefined)
    await writeFile(process.env.AWS_SHARED_CREDENTIALS_FILE!, options.awsCredentials);
  const app = await createApp({
    host: 'test',
    dataDir: join(dir, 'data'),
    version: 'test',
    chooseFile: async () => nextChosenFile,
    chooseSavePath: async () => nextSavePath,
  });
  current = app;
  currentDir = dir;
  // Events cross like IPC sends: structured clone, one channel per name.
  stopForwarding = app.events.subscribe((name, payload) => {
    for (const listener of listeners.get(name) ?? []) listener(structuredClone(payload));
  });
  return { app, dir };
}

/** Closes the running main (and its demo sandbox, if started) and deletes its temp dir. */
export async function stopMain(): Promise<void> {
  const app = current;
  const dir = currentDir;
  current = undefined;
  currentDir = undefined;
  stopForwarding?.();
  stopForwarding = undefined;
  if (app) await app.close();
  if (dir) await rm(dir, { recursive: true, force: true });
}

/** The value of a call that must succeed in a test's setup; a failure stops the test with main's message. */
export async function must<T>(call: Promise<Result<T>>): Promise<T> {
  const result = await call;
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}
