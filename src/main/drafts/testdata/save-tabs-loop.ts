/**
 * Child process of the drafts crash test: saves one window's tabs in a loop until killed
 * and prints `saved <revision>` after each save has resolved (so it is on disk). Each save
 * writes about a megabyte, so kills land mid-write. Usage: save-tabs-loop.ts DATA_DIR WINDOW_ID
 */
import { emptyRequest } from '../../../shared/request-basics';
import { SecretStore } from '../../core/secrets';
import { DraftsStore } from '../store';

async function main(): Promise<void> {
  const [dataDir, windowId] = process.argv.slice(2);
  if (!dataDir || !windowId) throw new Error('usage: save-tabs-loop.ts DATA_DIR WINDOW_ID');
  const store = new DraftsStore(dataDir, new SecretStore());
  let { revision } = await store.load(windowId);
  process.stdout.write('ready\n');
  for (;;) {
    const tabs = Array.from({ length: 20 }, (_, i) => ({
      id: `tab-${i}`,
      request: {
        ...emptyRequest(`r-${i}`),
        url: `https://example.com/${revision}`,
        body: { mode: 'raw' as const, text: 'x'.repeat(50_000), contentType: 'text/plain' },
      },
      context: {},
      dirty: true,
    }));
    ({ revision } = await store.save({ windowId, revision, tabs, activeTabId: 'tab-0' }));
    process.stdout.write(`saved ${revision}\n`);
  }
}

void main();
