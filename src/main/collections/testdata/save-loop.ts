/**
 * Child process of the crash-safety test: saves in a loop until killed and prints
 * `saved <n>` after each save has resolved (so it is on disk). It holds the data directory's
 * lock, as the app does. Usage: save-loop.ts DATA_DIR
 */
import { emptyRequest } from '../../../shared/request-basics';
import { SecretStore } from '../../core/secrets';
import { lockDataDir } from '../../workspace/data-dir-lock';
import { createWorkspaceService } from '../service';

const COLLECTION_ID = 'crash-test';

async function main(): Promise<void> {
  const dataDir = process.argv[2];
  if (!dataDir) throw new Error('usage: save-loop.ts DATA_DIR');
  // Held like the app holds it, so the test sees whether a killed app's lock blocks the next start.
  await lockDataDir(dataDir, 'the crash-test app');
  const service = createWorkspaceService({ dataDir, secrets: new SecretStore() });
  const { workspace } = await service.load();
  let collection = workspace.collections.find((c) => c.id === COLLECTION_ID);
  if (!collection) {
    // Filler makes every save write about a megabyte, so kills often land mid-write.
    const filler = Array.from({ length: 3000 }, (_, i) => ({
      type: 'request' as const,
      id: `filler-${i}`,
      request: { ...emptyRequest(`filler-${i}`), url: `https://example.com/${'x'.repeat(200)}/${i}` },
    }));
    collection = {
      id: COLLECTION_ID,
      name: 'crash',
      variables: [],
      auth: { type: 'none' },
      items: filler,
      schemaVersion: 1,
    };
    await service.saveCollection(collection);
  }
  let next = collection.items.filter((item) => item.id.startsWith('saved-')).length;
  process.stdout.write('ready\n');
  for (;;) {
    const id = `saved-${next}`;
    await service.saveRequest(COLLECTION_ID, { ...emptyRequest(id), name: id, url: `https://example.com/${next}` });
    await service.saveEnvironment({
      id: 'env',
      name: 'env',
      values: [{ key: 'counter', value: String(next), enabled: true, secret: false }],
    });
    process.stdout.write(`saved ${next}\n`);
    next += 1;
  }
}

void main();
