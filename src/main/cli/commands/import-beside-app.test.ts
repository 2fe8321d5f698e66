/**
 * `signet import` while `signet web` runs on the same data directory: the import is
 * written beside the app (which holds the directory's lock), the app shows it, and the
 * app's next save keeps it instead of writing over it.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { EventName } from '../../../shared/contract';
import { createApp } from '../../app';
import { runCli } from '../index';

const ctx = { host: 'test' } as const;
const dir = mkdtempSync(join(tmpdir(), 'signet-beside-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function importFile(file: string): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const code = await runCli(['import', file], {
    stdout: () => undefined,
    stderr: (text) => (stderr += text),
    env: { SIGNET_DATA_DIR: join(dir, 'data') },
    cwd: dir,
  });
  return { code, stderr };
}

describe('signet import beside a running app', () => {
  it('is shown by the app and survives its next save', async () => {
    const app = await createApp({ host: 'browser', dataDir: join(dir, 'data'), version: 'test' });
    try {
      const heard: EventName[] = [];
      app.events.subscribe((name) => heard.push(name));
      expect(
        (await app.dispatch('saveEnvironment', { environment: { id: 'mine', name: 'Mine', values: [] } }, ctx)).ok,
      ).toBe(true);

      const file = join(dir, 'Imported.postman_environment.json');
      writeFileSync(file, JSON.stringify({ name: 'Imported', values: [{ key: 'k', value: 'v', enabled: true }] }));
      expect(await importFile(file)).toEqual({ code: 0, stderr: '' });
      // At once, before the app's watcher has re-read: the save must not write over the import.
      const saved = await app.dispatch(
        'saveEnvironment',
        { environment: { id: 'later', name: 'Later', values: [] } },
        ctx,
      );
      expect(saved.ok).toBe(true);

      const onDisk = readFileSync(join(dir, 'data', 'environments.json'), 'utf8');
      for (const name of ['Mine', 'Imported', 'Later']) expect(onDisk).toContain(`"name": "${name}"`);
      expect(heard).toContain('workspaceChanged');
      expect(JSON.stringify(await app.dispatch('loadWorkspace', {}, ctx))).toContain('"Imported"');
    } finally {
      await app.close();
    }
  });
});
