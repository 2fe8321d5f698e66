/**
 * Mutation fuzzing of the curl importer through importAny: every mutated text is refused with a message or imported
 * into a valid collection, never a crash. Reproduce a run with FUZZ_SEED=<seed printed below>; FUZZ_RUNS changes
 * the number of texts (default 1,500).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CollectionSchema } from '../../../shared/collection';
import { SecretStore } from '../../core/secrets';
import { importAny } from '../import';
import { fuzzRandom, mutateText } from '../import/testdata/mutate';

const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const RUNS = Number(process.env.FUZZ_RUNS ?? 1500);

describe('curl import fuzz', () => {
  it(`never throws and gives a refusal or a valid collection (seed ${SEED})`, async () => {
    const lines = readFileSync(join(__dirname, 'testdata/commands.sh'), 'utf8');
    const random = fuzzRandom(SEED);
    let imported = 0;
    for (let run = 0; run < RUNS; run += 1) {
      const start =
        random() < 0.5
          ? lines
          : lines
              .split('\ncurl')
              .slice(1 + Math.floor(random() * 4))
              .join('\ncurl');
      const text = mutateText(start, random);
      const outcome = await importAny(text, 'fuzz.sh', new SecretStore());
      if (outcome.ok) {
        imported += 1;
        if (outcome.kind === 'collection') expect(CollectionSchema.safeParse(outcome.collection).success).toBe(true);
      } else {
        expect(outcome.error, `seed ${SEED} run ${run}`).not.toMatch(/unexpectedly/);
      }
    }
    expect(imported).toBeGreaterThan(RUNS / 3);
  }, 120_000);
});
