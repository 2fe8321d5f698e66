/**
 * Mutation fuzzing of the HAR importer through importAny: every mutated file is refused with a message or imported
 * into a valid collection, never a crash. Reproduce a run with FUZZ_SEED=<seed printed below>; FUZZ_RUNS changes
 * the number of files (default 1,200).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CollectionSchema } from '../../../shared/collection';
import { SecretStore } from '../../core/secrets';
import { importAny } from '../import';
import { fuzzRandom, mutateJson, mutateText } from '../import/testdata/mutate';

const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const RUNS = Number(process.env.FUZZ_RUNS ?? 1200);

describe('HAR import fuzz', () => {
  it(`never throws and gives a refusal or a valid collection (seed ${SEED})`, async () => {
    const original = readFileSync(join(__dirname, 'testdata/devtools-mixed.har'), 'utf8');
    const random = fuzzRandom(SEED);
    const counts = { imported: 0, refused: 0 };
    for (let run = 0; run < RUNS; run += 1) {
      const text = random() < 0.85 ? mutateJson(original, random) : mutateText(original, random);
      const outcome = await importAny(text, 'fuzz.har', new SecretStore());
      if (outcome.ok) {
        counts.imported += 1;
        if (outcome.kind === 'collection') expect(CollectionSchema.safeParse(outcome.collection).success).toBe(true);
      } else {
        counts.refused += 1;
        expect(outcome.error, `seed ${SEED} run ${run}`).not.toMatch(/unexpectedly/);
        expect(outcome.error.length).toBeLessThan(500);
      }
    }
    expect(counts.imported + counts.refused).toBe(RUNS);
    expect(counts.imported).toBeGreaterThan(RUNS / 2);
  }, 120_000);
});
