import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SecretStore } from '../core/secrets';
import { ManagedProfiles } from './managed-profiles';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function open(dataDir: string): ManagedProfiles {
  return new ManagedProfiles({ secrets: new SecretStore(), dataDir, encryptedAtRest: false, persist: true });
}

const keys = (name: string) => ({
  name,
  accessKeyId: `AKIA${name.toUpperCase().padEnd(16, 'X')}`,
  secretAccessKey: `secret-of-${name}-0123456789`,
  persist: true,
});

describe('managed profiles with two writers on one data directory', () => {
  it('a save that meets another window’s save takes its list and adds on top: both profiles kept', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'signet-managed-two-'));
    dirs.push(dataDir);
    const first = open(dataDir);
    const second = open(dataDir);
    await first.load();
    await second.load();

    await first.add(keys('one'));
    // The second window still holds the list from before "one": its save conflicts, re-reads, and retries once.
    await second.add(keys('two'));
    expect(
      second
        .list()
        .map((p) => p.name)
        .sort(),
    ).toEqual(['one', 'two']);

    const third = open(dataDir);
    await third.load();
    expect(
      third
        .list()
        .map((p) => p.name)
        .sort(),
    ).toEqual(['one', 'two']);
    expect(third.credentials('one')?.secretAccessKey).toBe('secret-of-one-0123456789');

    // Removing in the first window, whose list is now stale, keeps the second window's profile.
    expect(await first.remove('one')).toBe(true);
    const fourth = open(dataDir);
    await fourth.load();
    expect(fourth.list().map((p) => p.name)).toEqual(['two']);
  });
});
