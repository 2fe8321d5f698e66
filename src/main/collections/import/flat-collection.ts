/** A collection of requests without folders (HAR entries, curl commands), checked, counted and reported. */
import { randomUUID } from 'node:crypto';
import {
  COLLECTION_SCHEMA_VERSION,
  checkCollection,
  type Collection,
  type ImportFormat,
} from '../../../shared/collection';
import { LIMITS, type RequestSpec } from '../../../shared/model';
import { describeIssues } from '../../core/dispatch';
import { ImportContext, ImportRefusal, type SecretSink } from './context';
import type { ImportOutcome } from './outcome';

/** Builds the collection, validates it against Signet's model and only then stores the secrets. */
export async function flatCollection(
  requests: readonly RequestSpec[],
  name: string,
  format: ImportFormat,
  ctx: ImportContext,
  secrets: SecretSink,
): Promise<ImportOutcome> {
  const collection: Collection = {
    id: randomUUID(),
    name: ctx.clip(name, LIMITS.name, 'collection name'),
    variables: [],
    auth: { type: 'none' },
    items: requests.map((request) => ({ type: 'request' as const, id: request.id, request })),
    schemaVersion: COLLECTION_SCHEMA_VERSION,
  };
  const checked = checkCollection(collection);
  if (!checked.success)
    throw new ImportRefusal(`collection does not fit Signet's model: ${describeIssues(checked.error)}`);
  const auth: Record<string, number> = {};
  for (const request of requests) auth[request.auth.type] = (auth[request.auth.type] ?? 0) + 1;
  await ctx.storeSecrets(secrets);
  return {
    ok: true,
    kind: 'collection',
    collection,
    report: {
      format,
      name: collection.name,
      folders: 0,
      requests: requests.length,
      auth,
      variables: 0,
      warnings: ctx.warnings,
    },
  };
}
