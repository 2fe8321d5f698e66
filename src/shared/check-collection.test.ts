/**
 * checkCollection (node by node, used by every importer) against CollectionSchema (the whole
 * tree, used wherever a collection is read): on thousands of generated collections, valid
 * and broken in one place each, both must give the same verdict, and a refusal must name
 * where the broken node is.
 */
import { describe, expect, it } from 'vitest';
import { checkCollection, COLLECTION_LIMITS, CollectionSchema } from './collection';

/** mulberry32, so that every run checks the same collections. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function generate(random: () => number): { [key: string]: Json } {
  let n = 0;
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
  const request = (): { [key: string]: Json } => {
    const id = `r${(n += 1)}`;
    const spec: { [key: string]: Json } = {
      id,
      name: `request ${n}`,
      method: pick(['GET', 'POST', 'PUT', 'PURGE']),
      url: `{{api}}/pets/${n}`,
      headers: random() < 0.5 ? [] : [{ key: 'Accept', value: 'application/json', enabled: random() < 0.8 }],
    };
    if (random() < 0.3) spec['body'] = { mode: 'raw', raw: '{"a":1}', language: 'json' };
    if (random() < 0.3)
      spec['auth'] = pick<Json>([{ type: 'inherit' }, { type: 'none' }, { type: 'bearer', token: 't' }]);
    if (random() < 0.2) spec['timeoutMs'] = pick([100, 30_000, 600_000]);
    const item: { [key: string]: Json } = { type: 'request', id, request: spec };
    if (random() < 0.1) item['urlVariables'] = [{ key: 'id', value: '1' }];
    return item;
  };
  const folder = (depth: number): { [key: string]: Json } => ({
    type: 'folder',
    id: `f${(n += 1)}`,
    name: `folder ${n}`,
    ...(random() < 0.3 ? { variables: [{ key: 'v', value: 'x' }] } : {}),
    ...(random() < 0.2 ? { auth: { type: 'none' } } : {}),
    items: children(depth + 1),
  });
  const children = (depth: number): Json[] =>
    Array.from({ length: Math.floor(random() * 5) }, () => (depth < 4 && random() < 0.35 ? folder(depth) : request()));
  return { id: 'c1', name: 'generated', variables: [], items: children(0) };
}

/** Every object in the tree, with a way to break it. */
function nodes(value: Json, out: Array<{ [key: string]: Json }> = []): Array<{ [key: string]: Json }> {
  if (Array.isArray(value)) for (const v of value) nodes(v, out);
  else if (value !== null && typeof value === 'object') {
    out.push(value);
    for (const v of Object.values(value)) nodes(v, out);
  }
  return out;
}

const BREAKS: ReadonlyArray<(node: { [key: string]: Json }) => void> = [
  (node) => (node['id'] = 'has spaces/and slashes'),
  (node) => (node['type'] = 'folderish'),
  (node) => delete node['type'],
  (node) => (node['name'] = 7),
  (node) => (node['method'] = 'get'),
  (node) => (node['url'] = null),
  (node) => (node['items'] = 'not a list'),
  (node) => (node['headers'] = [{ key: 1 }]),
  (node) => (node['timeoutMs'] = 99),
  (node) => (node['auth'] = { type: 'no-such-auth' }),
  (node) => (node['value'] = 'x'.repeat(1_000_000)),
  (node) => (node['schemaVersion'] = 2),
  (node) => (node['extra'] = 'unknown keys are dropped, not refused'),
];

describe('checkCollection gives CollectionSchema’s verdict', () => {
  it('on 1,500 generated collections, whole and broken in one place', () => {
    const random = seeded(1234);
    let refused = 0;
    for (let i = 0; i < 1500; i += 1) {
      const collection = generate(random);
      if (i % 3 !== 0) {
        const all = nodes(collection);
        pick(random, BREAKS)(all[Math.floor(random() * all.length)]!);
      }
      const whole = CollectionSchema.safeParse(collection).success;
      const parts = checkCollection(collection);
      expect(parts.success, JSON.stringify(collection).slice(0, 400)).toBe(whole);
      if (!parts.success) refused += 1;
    }
    // The breaks must reach both verdicts often, or the comparison proves little.
    expect(refused).toBeGreaterThan(400);
    expect(refused).toBeLessThan(1300);
  });

  it('names where the broken node is, from the root', () => {
    const collection = {
      id: 'c1',
      name: 'n',
      items: [
        { type: 'request', id: 'r1', request: { method: 'GET', url: 'https://a.test/' } },
        {
          type: 'folder',
          id: 'f1',
          name: 'f',
          items: [{ type: 'request', id: 'r2', request: { method: 'get', url: 'https://a.test/' } }],
        },
      ],
    };
    const parts = checkCollection(collection);
    const whole = CollectionSchema.safeParse(collection);
    expect(parts.success).toBe(false);
    expect(whole.success).toBe(false);
    if (parts.success || whole.success) return;
    expect(parts.error.issues.map((issue) => issue.path)).toEqual(whole.error.issues.map((issue) => issue.path));
    expect(parts.error.issues[0]!.path).toEqual(['items', 1, 'items', 0, 'request', 'method']);
  });

  it.each([[[null]], [[7, 'x']], [[{ type: 'folder', id: 'f', name: 'f', items: [null] }]]])(
    'refuses items that are not objects (%j) without throwing',
    (items) => {
      const collection = { id: 'c1', name: 'n', items };
      expect(CollectionSchema.safeParse(collection).success).toBe(false);
      expect(checkCollection(collection).success).toBe(false);
    },
  );

  it('refuses a tree too deep or too large before reading its items, with the same message', () => {
    let deep: Json[] = [];
    for (let level = 0; level <= COLLECTION_LIMITS.depth; level += 1)
      deep = [{ type: 'folder', id: `f${level}`, name: 'f', items: deep }];
    const collection = { id: 'c1', name: 'n', items: deep };
    const parts = checkCollection(collection);
    const whole = CollectionSchema.safeParse(collection);
    if (parts.success || whole.success) throw new Error('a tree deeper than the limit passed');
    expect(parts.error.issues.map((issue) => issue.message)).toEqual(whole.error.issues.map((issue) => issue.message));
  });
});

function pick<T>(random: () => number, values: readonly T[]): T {
  return values[Math.floor(random() * values.length)]!;
}
