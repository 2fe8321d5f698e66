/**
 * Two windows (or a window and `signet import`) on one data directory: each sees the
 * other's saves without a restart, and is told about them; its own saves are not
 * reported back to it as someone else's.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventName } from '../../shared/contract';
import { createApp, type SignetApp } from '../app';

const ctx = { host: 'test' } as const;
const dirs: string[] = [];
const apps: SignetApp[] = [];

afterEach(async () => {
  for (const app of apps.splice(0)) await app.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function twoWindows() {
  const dataDir = mkdtempSync(join(tmpdir(), 'signet-two-'));
  dirs.push(dataDir);
  const first = await createApp({ host: 'test', dataDir, version: 'test' });
  const second = await createApp({ host: 'test', dataDir, version: 'test' });
  apps.push(first, second);
  const heard = (app: SignetApp) => {
    const events: Array<{ name: EventName; payload: unknown }> = [];
    app.events.subscribe((name, payload) => events.push({ name, payload }));
    return events;
  };
  return { first, second, firstHeard: heard(first), secondHeard: heard(second) };
}

async function until(check: () => boolean, what: string): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > 5000) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('another writer on the same data directory', () => {
  it('is seen by the other window, which is told which collection changed', async () => {
    const { first, second, firstHeard, secondHeard } = await twoWindows();
    const created = await second.dispatch('createCollection', { name: 'From window two' }, ctx);
    if (!created.ok) throw new Error(created.error.message);
    const id = (created.value as { collection: { id: string } }).collection.id;

    await until(
      () => firstHeard.some((e) => e.name === 'workspaceChanged' && JSON.stringify(e.payload).includes(id)),
      'window one to hear of the new collection',
    );
    expect(firstHeard.find((e) => e.name === 'workspaceChanged')?.payload).toMatchObject({ reason: 'external' });
    const outline = await first.dispatch('loadWorkspace', {}, ctx);
    expect(JSON.stringify(outline)).toContain('From window two');

    // Window one edits on top of what window two wrote: nothing window two saved is lost.
    const renamed = await first.dispatch('renameCollection', { collectionId: id, name: 'Renamed in one' }, ctx);
    expect(renamed.ok).toBe(true);
    await until(() => JSON.stringify(secondHeard).includes(id), 'window two to hear of the rename');
    const seenByTwo = await second.dispatch('loadWorkspace', {}, ctx);
    expect(JSON.stringify(seenByTwo)).toContain('Renamed in one');

    // A window's own saves are never reported to it as another writer's.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(
      secondHeard.filter((e) => e.name === 'workspaceChanged' && JSON.stringify(e.payload).includes('external')),
    ).toHaveLength(1);
    expect(firstHeard.filter((e) => e.name === 'workspaceChanged')).toHaveLength(1);
  });

  it('picks up environments saved by the other window', async () => {
    const { first, second, firstHeard } = await twoWindows();
    const saved = await second.dispatch(
      'saveEnvironment',
      { environment: { id: 'env-shared', name: 'Shared', values: [] } },
      ctx,
    );
    expect(saved.ok).toBe(true);
    await until(() => firstHeard.some((e) => e.name === 'workspaceChanged'), 'window one to hear of it');
    const outline = await first.dispatch('loadWorkspace', {}, ctx);
    expect(JSON.stringify(outline)).toContain('env-shared');
  });
});
