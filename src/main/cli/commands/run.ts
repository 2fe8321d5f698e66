import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { RUN_LIMITS, type RunReport, type RunRequestResult } from '../../../shared/api/runner';
import type { Collection, Environment } from '../../../shared/collection';
import { COLLECTION_LIMITS } from '../../../shared/collection';
import { decodeImportBytes } from '../../../shared/import-bytes';
import { SecretStore } from '../../core/secrets';
import type { CredentialResolver } from '../../core/ports';
import { importAny } from '../../collections/import';
import { createWorkspaceService } from '../../collections/service';
import { createCredentialService } from '../../credentials/service';
import { RequestRunner } from '../../http/send';
import { appVersion } from '../../paths';
import { parseDataFile, type DataRow } from '../../runner/data-file';
import { findFolder } from '../../runner/plan';
import { runCollection } from '../../runner/run';
import { RunCredentials } from '../../runner/run-credentials';
import { jsonReport, junitReport } from '../../runner/summary';
import { defaultDataDir } from '../../workspace/data-dir';
import { resolveCliCredentials, type CliCredentialOptions } from '../credentials';
import { CREDENTIAL_FLAGS, credentialOptionsFrom } from '../source';
import { UsageError, type CliCommand, type CliIo } from '../command';

const USAGE = `signet run COLLECTION [options]

Runs every request of a collection (or one folder) in order, signed fresh with SigV4, and
evaluates each request's checks. COLLECTION is the name or id of a workspace collection
(SIGNET_DATA_DIR, else \${XDG_DATA_HOME:-~/.local/share}/signet) or a Postman / exported file.
Exit 0 when every check passed, 1 when a check failed or a request could not be sent,
2 for bad usage.

  --env NAME|FILE          environment: a workspace environment, or a Postman environment file
  --folder NAME            run only this folder (its name, id, or a path like "A/B")
  --iterations N           run the requests N times (default 1, or one per data row)
  --data FILE              CSV with a header row, or a JSON array of objects: one row of variables per iteration
  --delay MS               wait between requests
  --concurrency N          requests in flight at once (default 1: strictly in order)
  --bail                   stop at the first failed check or unsent request
  --reporter cli|json|junit   cli (default): a line per request and a summary; json: one object on
                           stdout (or --out); junit: JUnit XML to --out
  --out FILE               where the json or junit report goes
Credentials for every AWS Signature request (otherwise each request's own auth is used):
  --profile P | AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY[/AWS_SESSION_TOKEN]
  --role-arn ARN           assume this role once, and again before it expires during a long run
  --role-session-name NAME --external-id X --duration-seconds N --serial-number S --token-code C
  --endpoint-url URL (STS endpoint)  --region R (STS region)`;

const OPTIONS = {
  env: { type: 'string' },
  folder: { type: 'string' },
  iterations: { type: 'string' },
  data: { type: 'string' },
  delay: { type: 'string' },
  concurrency: { type: 'string' },
  bail: { type: 'boolean' },
  reporter: { type: 'string' },
  out: { type: 'string' },
  ...CREDENTIAL_FLAGS,
  region: { type: 'string' },
} as const;

function integer(name: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < min || parsed > max)
    throw new UsageError(`--${name} must be ${min}..${max} (got ${value})`);
  return parsed;
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

/** A collection or environment file, imported into memory (its secrets into `secrets`, for this run only). */
async function importFile(file: string, secrets: SecretStore) {
  const size = (await stat(file)).size;
  if (size > COLLECTION_LIMITS.importBytes) throw new UsageError(`${path.basename(file)}: file is too large`);
  const outcome = await importAny(decodeImportBytes(await readFile(file)), path.basename(file), secrets);
  if (!outcome.ok) throw new UsageError(`${path.basename(file)}: ${outcome.error}`);
  return outcome;
}

interface Sources {
  readonly collection: Collection;
  readonly environment?: Environment;
  readonly warnings: readonly string[];
}

async function loadSources(io: CliIo, target: string, env: string | undefined, secrets: SecretStore): Promise<Sources> {
  const warnings: string[] = [];
  let collection: Collection | undefined;
  const workspace = createWorkspaceService({ dataDir: defaultDataDir(io.env), secrets });
  const collectionFile = path.resolve(io.cwd, target);
  if (await isFile(collectionFile)) {
    const outcome = await importFile(collectionFile, secrets);
    if (outcome.kind !== 'collection') throw new UsageError(`${target} is an environment, not a collection`);
    collection = outcome.collection;
    warnings.push(...outcome.report.warnings);
  } else {
    const { collections } = (await workspace.load()).workspace;
    const named = collections.filter((c) => c.id === target || c.name === target);
    if (named.length > 1) throw new UsageError(`${named.length} collections are named "${target}"; give the id`);
    collection = named[0];
    if (!collection) throw new UsageError(`no collection file or workspace collection named "${target}"`);
  }
  if (env === undefined) return { collection, warnings };
  const envFile = path.resolve(io.cwd, env);
  if (await isFile(envFile)) {
    const outcome = await importFile(envFile, secrets);
    if (outcome.kind !== 'environment') throw new UsageError(`--env ${env} is a collection, not an environment`);
    return { collection, environment: outcome.environment, warnings };
  }
  const { environments } = (await workspace.load()).workspace;
  const environment = environments.find((e) => e.id === env || e.name === env);
  if (!environment) throw new UsageError(`--env: no environment file or workspace environment named "${env}"`);
  return { collection, environment, warnings };
}

/** --profile / --role-arn as the one credential source of every AWS Signature request. */
function cliCredentialOverride(io: CliIo, options: CliCredentialOptions): CredentialResolver {
  return {
    resolve: () => resolveCliCredentials(io, options),
    canAutoRefresh: () => true,
  };
}

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

/** One line per request as it finishes, failed checks under it. */
function cliLine(result: RunRequestResult): string {
  const mark = result.passed ? 'ok  ' : 'FAIL';
  const where = result.folder ? `${result.folder} / ${result.name}` : result.name;
  const status = result.status === undefined ? 'not sent' : `${result.status} ${Math.round(result.ms ?? 0)} ms`;
  const lines = [`${mark} ${pad(`#${result.iteration + 1}`, 4)} ${result.method} ${where}  ${status}`];
  if (result.error) lines.push(`       ${result.error}`);
  for (const check of result.checks)
    if (!check.passed) lines.push(`       ✗ ${check.name}: expected ${check.expected}, got ${check.actual}`);
  return `${lines.join('\n')}\n`;
}

function cliSummary(report: RunReport): string {
  const { summary } = report;
  const rows: Array<[string, string]> = [
    ['requests', `${summary.total}${summary.total < summary.planned ? ` of ${summary.planned}` : ''}`],
    ['failed', String(summary.failed)],
    ['checks', `${summary.checksPassed} passed, ${summary.checksFailed} failed`],
    ['time p50 / p95', `${summary.p50} ms / ${summary.p95} ms`],
    [
      'by status',
      Object.entries(summary.byStatus)
        .map(([status, count]) => `${status}: ${count}`)
        .join(', ') || '-',
    ],
    ['duration', `${(summary.durationMs / 1000).toFixed(2)} s`],
  ];
  if (summary.stopped) rows.push(['stopped', 'yes (results so far)']);
  if (summary.bailed) rows.push(['bailed', 'at the first failure']);
  const width = Math.max(...rows.map(([name]) => name.length));
  const rule = `${'-'.repeat(width + 2)}+${'-'.repeat(40)}`;
  return `\n${rule}\n${rows.map(([name, value]) => ` ${pad(name, width)} | ${value}`).join('\n')}\n${rule}\n`;
}

/** `signet run`: a collection with its checks, for CI. */
export const runCommand: CliCommand = {
  name: 'run',
  summary: 'Run a collection or folder with its checks (CI: exit 1 on a failed check; json and junit reports)',
  usage: USAGE,
  async run(argv, io) {
    const { values, positionals } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: true,
      options: OPTIONS,
    });
    if (positionals.length !== 1) throw new UsageError('expected exactly one COLLECTION');
    const reporter = values.reporter ?? 'cli';
    if (!['cli', 'json', 'junit'].includes(reporter))
      throw new UsageError(`--reporter must be cli, json or junit (got ${reporter})`);
    if (reporter === 'junit' && !values.out) throw new UsageError('--reporter junit needs --out FILE');
    const iterations = integer('iterations', values.iterations, 1, RUN_LIMITS.iterations);
    const delayMs = integer('delay', values.delay, 0, RUN_LIMITS.delayMs) ?? 0;
    const concurrency = integer('concurrency', values.concurrency, 1, RUN_LIMITS.concurrency) ?? 1;
    const durationSeconds = integer('duration-seconds', values['duration-seconds'], 1, 43_200);
    if (values['role-arn'] === undefined)
      for (const flag of ['role-session-name', 'external-id', 'duration-seconds', 'serial-number'] as const)
        if (values[flag] !== undefined) throw new UsageError(`--${flag} goes with --role-arn`);

    const secrets = new SecretStore();
    const { collection, environment, warnings } = await loadSources(io, positionals[0]!, values.env, secrets);
    if (values.folder !== undefined && !findFolder(collection.items, values.folder))
      throw new UsageError(`--folder: no folder "${values.folder}" in ${collection.name}`);
    const folderId = values.folder === undefined ? undefined : findFolder(collection.items, values.folder)!.id;
    let data: DataRow[] | undefined;
    if (values.data !== undefined) {
      const file = path.resolve(io.cwd, values.data);
      if (!(await isFile(file))) throw new UsageError(`--data ${values.data}: no such file`);
      try {
        data = parseDataFile(await readFile(file, 'utf8'), values.data);
      } catch (error) {
        throw new UsageError(error instanceof Error ? error.message : String(error));
      }
    }

    const override = values.profile !== undefined || values['role-arn'] !== undefined;
    const service = createCredentialService({
      secrets,
      dataDir: defaultDataDir(io.env),
      encryptedAtRest: false,
      persistManaged: false,
      env: io.env,
    });
    const inner = override
      ? cliCredentialOverride(io, {
          ...credentialOptionsFrom(values, durationSeconds),
          ...(values.region ? { region: values.region } : {}),
        })
      : service;
    const credentials = new RunCredentials(inner, override ? { keyOf: () => 'cli' } : {});
    // Flags and credentials are checked before the first request: a bad flag is exit 2, no credentials exit 1.
    if (override) await credentials.resolve({ kind: 'profile', profile: 'cli' }, { resolveText: (text) => text });

    for (const warning of warnings) io.stderr(`signet run: ${collection.name}: ${warning}\n`);
    const sender = new RequestRunner({ secrets, credentials: service, userAgent: `Signet/${appVersion()}` });
    // On a terminal the count of requests done goes to stderr, rewritten in place; never into a pipe or a file.
    const terminal = reporter !== 'json' && io.stderrIsTerminal === true;
    const stop = new AbortController();
    const onSignal = () => stop.abort();
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    let outcome;
    try {
      outcome = await runCollection(
        {
          collection,
          ...(folderId ? { folderId } : {}),
          ...(environment ? { environment } : {}),
          ...(iterations ? { iterations } : {}),
          ...(data ? { data } : {}),
          delayMs,
          bail: values.bail ?? false,
          concurrency,
          signal: stop.signal,
        },
        {
          sender,
          credentials,
          ...(reporter === 'json' ? {} : { onResult: (result) => io.stdout(cliLine(result)) }),
          ...(terminal ? { onProgress: (done, total) => io.stderr(`\r${done}/${total} requests `) } : {}),
        },
      );
      if (terminal) io.stderr('\r\x1b[K');
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      service.dispose();
    }
    const report: RunReport = { runId: 'cli', collection: collection.name, ...outcome };
    if (reporter === 'json') {
      const text = `${JSON.stringify(jsonReport(report), null, values.out ? 2 : undefined)}\n`;
      if (values.out) await writeFile(path.resolve(io.cwd, values.out), text);
      else io.stdout(text);
    } else {
      io.stdout(cliSummary(report));
      if (reporter === 'junit') await writeFile(path.resolve(io.cwd, values.out!), junitReport(report));
    }
    const allPassed = outcome.summary.failed === 0 && !outcome.summary.stopped;
    return allPassed ? 0 : 1;
  },
};
