import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventName, EventPayload } from '../../shared/contract';
import { BodyStore } from './body-store';
import { createBodyHandlers } from './body-handlers';

let dir: string;
let bodies: BodyStore;
const ctx = { host: 'test' } as const;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'signet-body-handlers-'));
  bodies = new BodyStore({ dir: join(dir, 'responses') });
});
afterEach(async () => {
  await bodies.close();
  await rm(dir, { recursive: true, force: true });
});

async function stored(text: string, contentType: string): Promise<string> {
  const writer = bodies.create(contentType);
  writer.stream.write(Buffer.from(text));
  await writer.finish();
  return writer.id;
}

describe('saveBody', () => {
  it('with a save dialog, copies the whole body to the path the user chose, offering a name by type', async () => {
    const offered: string[] = [];
    const target = join(dir, 'chosen.json');
    const handlers = createBodyHandlers({
      bodies,
      emit: () => {},
      chooseSavePath: async (fileName) => {
        offered.push(fileName);
        return target;
      },
    });
    const body = JSON.stringify({ big: 'x'.repeat(3 * 1024 * 1024) });
    const id = await stored(body, 'application/json; charset=utf-8');
    expect(await handlers.saveBody({ responseId: id }, ctx)).toEqual({
      saved: true,
      bytes: body.length,
      fileName: 'response.json',
    });
    expect(offered).toEqual(['response.json']);
    expect(await readFile(target, 'utf8')).toBe(body);
  });

  it('says not saved when the dialog is cancelled', async () => {
    const handlers = createBodyHandlers({ bodies, emit: () => {}, chooseSavePath: async () => undefined });
    const id = await stored('text', 'text/plain');
    expect(await handlers.saveBody({ responseId: id }, ctx)).toEqual({ saved: false });
  });

  it('without a dialog (browser host), answers the host route that serves the download', async () => {
    const handlers = createBodyHandlers({ bodies, emit: () => {} });
    const id = await stored('<a/>', 'application/xml');
    expect(await handlers.saveBody({ responseId: id }, ctx)).toEqual({
      download: `/api/body/${id}`,
      bytes: 4,
      fileName: 'response.xml',
    });
  });
});

describe('prettyBody', () => {
  it('reports progress as events while it formats, and answers the same work when asked twice', async () => {
    const events: Array<EventPayload<'progress'>> = [];
    const handlers = createBodyHandlers({
      bodies,
      emit: <N extends EventName>(name: N, payload: EventPayload<N>) => {
        if (name === 'progress') events.push(payload as EventPayload<'progress'>);
      },
    });
    const json = JSON.stringify(Array.from({ length: 200_000 }, (_, i) => ({ i })));
    const id = await stored(json, 'application/json');
    const [first, second] = await Promise.all([
      handlers.prettyBody({ responseId: id }, ctx),
      handlers.prettyBody({ responseId: id }, ctx),
    ]);
    expect(first).toEqual(second);
    expect(first.ok).toBe(true);
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e) => e.operation === 'pretty' && e.operationId === id)).toBe(true);
    expect(events.at(-1)).toMatchObject({ done: json.length, total: json.length });
    const page = await handlers.readBody(
      { responseId: id, offset: 0, length: 30, view: 'pretty', alignToLine: false },
      ctx,
    );
    expect(page.text).toBe('[\n  {\n    "i": 0\n  },\n  {\n');
  });
});
