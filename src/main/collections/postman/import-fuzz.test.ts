/**
 * Mutation fuzzing of the importer over the real fixtures. Reproduce a run with
 * FUZZ_SEED=<seed printed below>; FUZZ_RUNS changes the number of files (default 2,400).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CollectionSchema } from '../../../shared/collection';
import { SecretStore } from '../../core/secrets';
import { importPostman } from './import-postman';

const FIXTURE_DIRS = [
  resolve(process.cwd(), '../shared/fixtures/postman/collections'),
  resolve(process.cwd(), '../shared/fixtures/postman-environments'),
];
const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const RUNS = Number(process.env.FUZZ_RUNS ?? 2400);

/** mulberry32: tiny, fast and good enough to pick mutations reproducibly. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Node = Record<string, unknown> | unknown[];
interface Slot {
  readonly parent: Node;
  readonly key: string | number;
}

function slots(root: unknown): Slot[] {
  const out: Slot[] = [];
  const stack: unknown[] = [root];
  while (stack.length > 0 && out.length < 20_000) {
    const node = stack.pop();
    if (typeof node !== 'object' || node === null) continue;
    for (const key of Array.isArray(node) ? node.keys() : Object.keys(node)) {
      out.push({ parent: node as Node, key });
      stack.push((node as Record<string | number, unknown>)[key]);
    }
  }
  return out;
}

function mutate(text: string, random: () => number): { text: string; kind: string } {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const kind = pick([
    'delete',
    'retype',
    'retype',
    'truncate',
    'nest',
    'huge',
    'bytes',
    'duplicate',
    'swap',
    'double',
  ] as const);
  if (kind === 'truncate') return { text: text.slice(0, Math.floor(random() * text.length)), kind };
  if (kind === 'bytes') {
    const at = Math.floor(random() * text.length);
    const noise = Array.from({ length: 1 + Math.floor(random() * 64) }, () =>
      String.fromCharCode(Math.floor(random() * 256)),
    ).join('');
    return { text: text.slice(0, at) + noise + text.slice(at + Math.floor(random() * 32)), kind };
  }
  const json = JSON.parse(text) as unknown;
  const all = slots(json);
  if (all.length === 0) return { text, kind: 'none' };
  const slot = pick(all);
  const holder = slot.parent as Record<string | number, unknown>;
  const value = holder[slot.key];
  switch (kind) {
    case 'delete':
      if (Array.isArray(slot.parent)) slot.parent.splice(slot.key as number, 1);
      else delete holder[slot.key];
      break;
    case 'retype':
      holder[slot.key] = pick([null, 0, -1.5, true, '', 'GET', [], {}, [null], { type: 'awsv4' }, '{{var}}', 1e308]);
      break;
    case 'nest': {
      // Deep folders (sometimes past the limit) or deeply nested garbage values.
      const depth = Math.floor(random() * 120);
      let nested: unknown = value;
      for (let i = 0; i < depth; i += 1) nested = random() < 0.7 ? { name: `n${i}`, item: [nested] } : [nested];
      holder[slot.key] = nested;
      break;
    }
    case 'huge':
      holder[slot.key] = pick(['x', '{{', 'é', '\u0000']).repeat(Math.floor(random() * 2_000_000));
      break;
    case 'duplicate':
      if (Array.isArray(value))
        holder[slot.key] = Array.from({ length: Math.floor(random() * 3000) }, () => value[0] ?? null);
      break;
    case 'swap':
      holder[slot.key] = pick(all).parent;
      break;
    case 'double':
      holder[slot.key] = [value, value];
      break;
  }
  let out: string;
  try {
    out = JSON.stringify(json) ?? 'null';
  } catch {
    // A swap can make a cycle; that file cannot exist on disk, so use the unmutated one.
    out = text;
  }
  return { text: out, kind };
}

describe('importPostman under mutation fuzzing', () => {
  it(`never throws and either imports with warnings or refuses in one line (seed ${SEED})`, async () => {
    console.log(`import fuzz: FUZZ_SEED=${SEED} runs=${RUNS}`);
    const fixtures = FIXTURE_DIRS.flatMap((dir) =>
      readdirSync(dir)
        .filter((f) => f.endsWith('.json'))
        .map((f) => readFileSync(resolve(dir, f), 'utf8')),
    );
    const random = prng(SEED);
    const tally = { imported: 0, refused: 0 };
    const secrets = new SecretStore();
    for (let run = 0; run < RUNS; run += 1) {
      let { text, kind } = mutate(fixtures[Math.floor(random() * fixtures.length)]!, random);
      // Stack a few mutations now and then.
      while (random() < 0.3 && kind !== 'truncate' && kind !== 'bytes') ({ text, kind } = mutate(text, random));
      const outcome = await importPostman(text, `fuzz-${run}.json`, secrets);
      if (outcome.ok) {
        tally.imported += 1;
        expect(Array.isArray(outcome.report.warnings)).toBe(true);
        if (outcome.kind === 'collection') expect(CollectionSchema.safeParse(outcome.collection).success).toBe(true);
      } else {
        tally.refused += 1;
        const context = `run ${run} (${kind}) of seed ${SEED}`;
        expect(outcome.error, context).not.toMatch(/unexpectedly/);
        expect(outcome.error, context).not.toContain('\n');
        expect(outcome.error.length, context).toBeLessThan(400);
      }
    }
    console.log(`import fuzz: ${tally.imported} imported, ${tally.refused} refused`);
    expect(tally.imported + tally.refused).toBe(RUNS);
    expect(tally.imported).toBeGreaterThan(RUNS / 10);
  });
});
