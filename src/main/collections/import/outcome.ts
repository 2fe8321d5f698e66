import type { Collection, Environment, ImportReport } from '../../../shared/collection';

/** What one import produced: a collection or an environment with its report, or why nothing was imported. */
export type ImportOutcome =
  | {
      readonly ok: true;
      readonly kind: 'collection';
      readonly collection: Collection;
      readonly report: ImportReport;
      /** Environments that came with the collection (Insomnia's sub environments), added beside it. */
      readonly environments?: readonly Environment[];
    }
  | {
      readonly ok: true;
      readonly kind: 'environment';
      readonly environment: Environment;
      readonly report: ImportReport;
    }
  | { readonly ok: false; readonly error: string };
