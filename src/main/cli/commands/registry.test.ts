/**
 * `signet --help` lists commands without loading them, so the registry carries each summary;
 * these must match the commands themselves. The built CLI is then run the way a user runs it,
 * to show that a one-shot `signet sign` with keys in the environment loads neither the AWS SDK,
 * nor zod, nor smithy's CommonJS core (their load time was most of the CLI's start-up).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commands } from '.';

const root = resolve(__dirname, '..', '..', '..', '..');
const bin = join(root, 'bin', 'signet.cjs');

describe('the command registry', () => {
  it('names and summaries agree with each command', async () => {
    expect(new Set(commands.map((c) => c.name)).size).toBe(commands.length);
    for (const entry of commands) {
      const command = await entry.load();
      expect(command.name).toBe(entry.name);
      expect(command.summary).toBe(entry.summary);
    }
  });
});

/** The package names a run of the built CLI loaded, through a preload that lists require's cache at exit. */
function packagesLoaded(args: string[]): { status: number | null; stdout: string; packages: Set<string> } {
  const dir = mkdtempSync(join(tmpdir(), 'signet-cli-load-'));
  try {
    const hook = join(dir, 'hook.cjs');
    const list = join(dir, 'loaded.json');
    writeFileSync(
      hook,
      `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(list)}, JSON.stringify(Object.keys(require.cache))));`,
    );
    const run = spawnSync(process.execPath, ['--require', hook, bin, ...args], {
      encoding: 'utf8',
      env: {
        PATH: process.env.PATH,
        HOME: dir,
        AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
        AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
      },
    });
    const files = JSON.parse(readFileSync(list, 'utf8')) as string[];
    const packages = new Set(
      files.map((file) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file)?.[1]).filter((p): p is string => !!p),
    );
    return { status: run.status, stdout: run.stdout, packages };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('the built CLI loads only what a command needs', () => {
  it('is built', () => {
    expect(existsSync(join(root, 'out', 'main', 'cli.js')), 'run `npm run build` first').toBe(true);
  });

  it('signet --help loads no package at all', () => {
    const run = packagesLoaded(['--help']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('sign');
    expect([...run.packages]).toEqual([]);
  });

  it('signet sign with keys in the environment loads no STS client, no credential providers, no zod', () => {
    const run = packagesLoaded([
      'sign',
      '--method',
      'GET',
      '--url',
      'https://abc123.execute-api.us-east-1.amazonaws.com/prod/pets',
    ]);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ method: 'GET' });
    // smithy's signer is bundled into the CLI, tree-shaken; @smithy/core is not required whole.
    expect(run.packages.has('@smithy/core')).toBe(false);
    for (const heavy of ['@aws-sdk/client-sts', '@aws-sdk/credential-providers', 'zod', 'yaml']) {
      expect(run.packages.has(heavy), heavy).toBe(false);
    }
  });
});
