/**
 * Mutation fuzzing of the Insomnia importer, through importAny so detection runs too, over the real v4 exports
 * and the hand-written v4/v5 YAML files. Mutated files are written back as JSON or YAML at random. Reproduce a
 * run with FUZZ_SEED=<seed printed below>; FUZZ_RUNS changes the number of files (default 1,500).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { CollectionSchema } from '../../../shared/collection';
import { SecretStore } from '../../core/secrets';
import { importAny } from '../import';

const FILES = [
  resolve(process.cwd(), '../shared/fixtures/insomnia/insomnia-inso_insomnia_v4.json'),
  resolve(process.cwd(), '../shared/fixtures/insomnia/insomnia_aws-signature-auth-v2_1-output.json'),
  resolve(__dirname, 'testdata/orders-v4.yaml'),
  resolve(__dirname, 'testdata/inventory-v5.yaml'),
];
const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const RUNS = Number(process.env.FUZZ_RUNS ?? 1500);

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

/** Values that stress Insomnia's fields in particular: types, parent links, auth and body shapes. */
const REPLACEMENTS: readonly unknown[] = [
  null,
  0,
  -1.5,
  true,
  '',
  'GET',
  [],
  {},
  [null],
  { type: 'iam' },
  { type: 'apikey', addTo: 'cookie' },
  { mimeType: 'multipart/form-data', params: [{ type: 'file' }] },
  { mimeType: 'application/graphql', text: '{' },
  'request_group',
  'wrk_8ee1e07b3f334214ac73ff31466c193a',
  'fld_9d27afcb3b4a4fbc9e1ad3a4db6ad9e8',
  '{{ _.var }}',
  '{% uuid %}',
  1e308,
];

function mutate(data: unknown, random: () => number): string {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const all = slots(data);
  if (all.length > 0) {
    const slot = pick(all);
    const holder = slot.parent as Record<string | number, unknown>;
    const value = holder[slot.key];
    switch (pick(['delete', 'retype', 'retype', 'nest', 'huge', 'duplicate', 'swap', 'double'] as const)) {
      case 'delete':
        if (Array.isArray(slot.parent)) slot.parent.splice(slot.key as number, 1);
        else delete holder[slot.key];
        break;
      case 'retype':
        holder[slot.key] = pick(REPLACEMENTS);
        break;
      case 'nest': {
        // Deep v5 folders (sometimes past the limit) or deeply nested garbage values.
        const depth = Math.floor(random() * 120);
        let nested: unknown = value;
        for (let i = 0; i < depth; i += 1) nested = random() < 0.7 ? { name: `n${i}`, children: [nested] } : [nested];
        holder[slot.key] = nested;
        break;
      }
      case 'huge':
        holder[slot.key] = pick(['x', '{{', 'é', '\u0000']).repeat(Math.floor(random() * 500_000));
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
  }
  try {
    return random() < 0.5 ? (JSON.stringify(data) ?? 'null') : stringify(data, { aliasDuplicateObjects: false });
  } catch {
    // A swap can make a cycle; that file cannot exist on disk, so write an empty object instead.
    return '{}';
  }
}

function damageText(text: string, random: () => number): string {
  if (random() < 0.5) return text.slice(0, Math.floor(random() * text.length));
  const at = Math.floor(random() * text.length);
  const noise = Array.from({ length: 1 + Math.floor(random() * 64) }, () =>
    String.fromCharCode(Math.floor(random() * 256)),
  ).join('');
  return text.slice(0, at) + noise + text.slice(at + Math.floor(random() * 32));
}

describe('importInsomnia under mutation fuzzing', () => {
  it(`never throws and either imports or refuses in one line (seed ${SEED})`, async () => {
    console.log(`insomnia import fuzz: FUZZ_SEED=${SEED} runs=${RUNS}`);
    const sources = FILES.map((file) => readFileSync(file, 'utf8'));
    const random = prng(SEED);
    const tally = { imported: 0, refused: 0 };
    const secrets = new SecretStore();
    for (let run = 0; run < RUNS; run += 1) {
      const source = sources[Math.floor(random() * sources.length)]!;
      let text: string;
      if (random() < 0.15) text = damageText(source, random);
      else {
        const data: unknown = parse(source);
        text = mutate(data, random);
        // A mutation the test's own YAML writer cannot read back ends the chain; the importer still gets it.
        while (random() < 0.3) {
          let again: unknown;
          try {
            again = parse(text, { maxAliasCount: -1 });
          } catch {
            break;
          }
          text = mutate(again, random);
        }
      }
      const outcome = await importAny(text, `fuzz-${run}.yaml`, secrets);
      const context = `run ${run} of seed ${SEED}`;
      if (outcome.ok) {
        tally.imported += 1;
        expect(Array.isArray(outcome.report.warnings), context).toBe(true);
        if (outcome.kind === 'collection')
          expect(CollectionSchema.safeParse(outcome.collection).success, context).toBe(true);
      } else {
        tally.refused += 1;
        expect(outcome.error, context).not.toMatch(/unexpectedly/);
        expect(outcome.error, context).not.toContain('\n');
        expect(outcome.error.length, `${context}: ${outcome.error.slice(0, 200)}`).toBeLessThan(400);
      }
    }
    console.log(`insomnia import fuzz: ${tally.imported} imported, ${tally.refused} refused`);
    expect(tally.imported + tally.refused).toBe(RUNS);
    expect(tally.imported).toBeGreaterThan(RUNS / 10);
  }, 120_000);
});
