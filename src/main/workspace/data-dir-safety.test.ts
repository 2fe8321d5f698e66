/**
 * What the data directory keeps safe: a newer Signet's files are left alone, a write
 * that fails is undone in memory too, a crash's temporary files go at start, and a
 * directory Signet cannot use is named in one message.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type SignetApp } from '../app';
import { AppFailure } from '../core/failure';

const ctx = { host: 'test' } as const;
const dirs: string[] = [];
const apps: SignetApp[] = [];

afterEach(async () => {
  for (const app of apps.splice(0)) await app.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'signet-datadir-'));
  dirs.push(dir);
  return dir;
}

async function open(dir: string): Promise<SignetApp> {
  const app = await createApp({ host: 'test', dataDir: dir, version: 'test' });
  apps.push(app);
  return app;
}

/** A pid no process has now. */
function deadPid(): number {
  for (let pid = 4_000_000; pid > 1000; pid -= 1) {
    try {
      process.kill(pid, 0);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ESRCH') return pid;
    }
  }
  throw new Error('no free pid found');
}

describe('the data directory', () => {
  it('leaves a file from a newer Signet as it is and refuses to save over it', async () => {
    const dir = dataDir();
    const newer = JSON.stringify({ schemaVersion: 99, environments: [{ id: 'future', shape: 'unknown' }] });
    writeFileSync(join(dir, 'environments.json'), newer);
    const app = await open(dir);
    expect(app.startupWarnings.join('\n')).toMatch(
      /environments\.json: written by a newer Signet \(schema version 99\)/,
    );

    const saved = await app.dispatch('saveEnvironment', { environment: { id: 'e', name: 'e', values: [] } }, ctx);
    expect(saved).toMatchObject({ ok: false, error: { code: 'io' } });
    expect(!saved.ok && saved.error.message).toMatch(/environments\.json was written by a newer Signet .*not saved/);
    expect(readFileSync(join(dir, 'environments.json'), 'utf8')).toBe(newer);
    // Collections live in files of their own and still save.
    expect((await app.dispatch('createCollection', { name: 'still fine' }, ctx)).ok).toBe(true);
  });

  it('keeps the whole workspace read-only while its index is from a newer Signet', async () => {
    const dir = dataDir();
    const newer = JSON.stringify({ schemaVersion: 7, order: [], activeEnvironmentId: null, tabs: [] });
    writeFileSync(join(dir, 'workspace.json'), newer);
    const app = await open(dir);
    const created = await app.dispatch('createCollection', { name: 'refused' }, ctx);
    expect(created).toMatchObject({ ok: false, error: { code: 'io' } });
    expect(readFileSync(join(dir, 'workspace.json'), 'utf8')).toBe(newer);
    expect(readdirSync(join(dir, 'collections'))).toEqual([]);
  });

  it('undoes a managed profile in memory when its file cannot be written', async () => {
    const dir = dataDir();
    // A directory where the profile list goes: every write of it fails.
    mkdirSync(join(dir, 'managed-profiles.json'));
    const app = await open(dir);
    const added = await app.dispatch(
      'addManagedProfile',
      { name: 'ghost', accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'secret', persist: true },
      ctx,
    );
    expect(added).toMatchObject({ ok: false, error: { code: 'io' } });
    expect(!added.ok && added.error.message).toContain(dir);
    const listed = await app.dispatch('listProfiles', {}, ctx);
    expect(listed.ok).toBe(true);
    expect(JSON.stringify(listed)).not.toContain('ghost');
  });

  it('removes every leftover temporary file at start, but not one whose writer still runs', async () => {
    const dir = dataDir();
    const dead = deadPid();
    mkdirSync(join(dir, 'collections'));
    mkdirSync(join(dir, 'exports'));
    const leftovers = [
      `managed-profiles.json.${dead}.tmp`,
      `managed-profile-secrets.json.${dead}.tmp`,
      `secrets.bin.${dead}.tmp`,
      `.environments.json.${dead}.0a1b2c3d.tmp`,
      join('collections', `.c1.json.${dead}.deadbeef.tmp`),
      join('exports', `.Shared.postman_collection.json.${dead}.12345678.tmp`),
    ];
    // The parent of this test process runs, so its save may be in progress.
    const live = `.workspace.json.${process.ppid}.cafe0123.tmp`;
    for (const name of [...leftovers, live]) writeFileSync(join(dir, name), 'partial');
    await open(dir);
    for (const name of leftovers) expect(existsSync(join(dir, name)), name).toBe(false);
    expect(existsSync(join(dir, live))).toBe(true);
  });

  it('names a data directory it cannot use, in one message', async () => {
    const file = join(dataDir(), 'a-file');
    writeFileSync(file, 'not a directory');
    const cases: Array<[string, RegExp]> = [
      [join(file, 'signet'), /: a file is in the way\./],
      [file, /: a file is in the way\./],
      ['/proc/signet-test-data', /: it does not exist and cannot be created\./],
      ['/proc/self', /: it is not writable\./],
    ];
    for (const [dir, why] of cases) {
      const started = createApp({ host: 'test', dataDir: dir, version: 'test' });
      await expect(started, dir).rejects.toBeInstanceOf(AppFailure);
      await expect(started, dir).rejects.toMatchObject({ code: 'io' });
      await expect(started, dir).rejects.toThrow(`Signet cannot keep its files in the data directory ${dir}`);
      await expect(started, dir).rejects.toThrow(why);
    }
  });
});
