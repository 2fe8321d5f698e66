/**
 * OpenAPI 3.x and Swagger 2.0 import (JSON or YAML), above all API Gateway exports: one request per
 * operation, a folder per first tag (untagged operations at the root), `{{baseUrl}}` and parameter
 * variables at the collection level, and AWS Signature where the document marks IAM auth.
 *
 * Auth goes as high as it can: the document-wide `security` (or, without one, the auth every
 * operation agrees on) becomes the collection's auth, and only operations that differ carry their own.
 */
import { randomUUID } from 'node:crypto';
import {
  COLLECTION_LIMITS,
  COLLECTION_SCHEMA_VERSION,
  checkCollection,
  walkItems,
  type Collection,
  type FolderItem,
  type ImportFormat,
  type Item,
} from '../../../shared/collection';
import { HTTP_METHODS, LIMITS, type Auth, type HttpMethod, type KeyValue } from '../../../shared/model';
import { describeIssues } from '../../core/dispatch';
import { ImportContext, ImportRefusal, isRecord, text, type SecretSink } from '../import/context';
import type { ImportDocument } from '../import/document';
import type { ImportOutcome } from '../import/outcome';
import { follow, loadOpenApi } from './openapi-document';
import { importOperation, type OperationContext } from './openapi-operation';
import { securityResolver } from './openapi-security';
import { readBaseUrl } from './openapi-server';
import { authCounts } from '../import/auth-counts';

/** Operation keys of a path item, in the order the specification lists them. */
const OPERATION_KEYS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

interface Operation {
  readonly path: string;
  readonly method: HttpMethod;
  readonly pathItem: Record<string, unknown>;
  readonly operation: Record<string, unknown>;
  readonly auth: Auth;
}

/** Every operation with its effective auth (document `security` unless the operation sets its own). */
function collectOperations(doc: Record<string, unknown>, resolveAuth: (op: unknown, where: string) => Auth) {
  if (!isRecord(doc.paths)) throw new ImportRefusal('the document has no "paths", so there are no requests to import');
  const operations: Operation[] = [];
  for (const [path, rawItem] of Object.entries(doc.paths)) {
    const pathItem = follow(doc, rawItem);
    if (!isRecord(pathItem)) continue;
    for (const key of OPERATION_KEYS) {
      const operation = pathItem[key];
      if (!isRecord(operation)) continue;
      const method = key.toUpperCase();
      // TRACE is the one OpenAPI method Signet does not send; counted and reported by the caller.
      if (!(HTTP_METHODS as readonly string[]).includes(method)) continue;
      const where = `${method} ${path.slice(0, 120)}`;
      if (operations.length >= COLLECTION_LIMITS.items)
        throw new ImportRefusal(`more than ${COLLECTION_LIMITS.items} operations`);
      operations.push({ path, method: method as HttpMethod, pathItem, operation, auth: resolveAuth(operation, where) });
    }
  }
  if (operations.length === 0)
    throw new ImportRefusal('the document has no operations under "paths", so there are no requests to import');
  return operations;
}

const sameAuth = (a: Auth, b: Auth): boolean => JSON.stringify(a) === JSON.stringify(b);

function buildCollection(doc: Record<string, unknown>, format: ImportFormat, ctx: ImportContext): Collection {
  const swagger = format === 'swagger-2';
  const base = readBaseUrl(doc, swagger, ctx);
  const security = securityResolver(doc, swagger, base.host, ctx);
  const documentAuth = security.authFor(doc.security, 'document');
  const operations = collectOperations(
    doc,
    (operation, where) =>
      security.authFor(isRecord(operation) ? operation.security : undefined, where) ?? documentAuth ?? { type: 'none' },
  );
  const skipped = isRecord(doc.paths)
    ? Object.values(doc.paths).filter((item) => isRecord(item) && isRecord(item.trace)).length
    : 0;
  if (skipped > 0) ctx.warn(`${skipped} TRACE operations were skipped: Signet does not send TRACE`);
  const first = operations[0]!.auth;
  const collectionAuth =
    documentAuth ?? (operations.every((op) => sameAuth(op.auth, first)) ? first : ({ type: 'none' } as const));

  const variables: KeyValue[] = [...base.variables];
  const addVariable = (name: string, value: string, description: string): void => {
    if (variables.some((row) => row.key === name)) return;
    if (variables.length >= COLLECTION_LIMITS.variables) return;
    variables.push({ key: name, value, enabled: true, ...(description ? { description } : {}) });
  };
  const oc: OperationContext = { doc, swagger, ctx, addVariable };

  const tagDescriptions = new Map<string, string>();
  for (const tag of Array.isArray(doc.tags) ? doc.tags : [])
    if (isRecord(tag) && text(tag.name)) tagDescriptions.set(text(tag.name), text(tag.description));
  const folders = new Map<string, FolderItem & { items: Item[] }>();
  const items: Item[] = [];
  for (const op of operations) {
    const auth = sameAuth(op.auth, collectionAuth) ? ({ type: 'inherit' } as const) : op.auth;
    const request = importOperation(op.path, op.method, op.pathItem, op.operation, auth, oc);
    const tag = Array.isArray(op.operation.tags) ? text(op.operation.tags[0]).trim() : '';
    if (tag === '') {
      items.push(request);
      continue;
    }
    let folder = folders.get(tag);
    if (!folder) {
      const description = tagDescriptions.get(tag);
      folder = {
        type: 'folder',
        id: randomUUID(),
        name: ctx.clip(tag, LIMITS.name, `tag ${tag.slice(0, 40)}`),
        ...(description ? { description: ctx.clip(description, LIMITS.text, `tag ${tag.slice(0, 40)}`) } : {}),
        auth: { type: 'inherit' },
        variables: [],
        items: [],
      };
      folders.set(tag, folder);
      items.push(folder);
    }
    folder.items.push(request);
  }
  if (variables.length >= COLLECTION_LIMITS.variables)
    ctx.warn(`more than ${COLLECTION_LIMITS.variables} parameters; the rest have no collection variable`);

  const info = isRecord(doc.info) ? doc.info : {};
  let name = text(info.title).trim();
  if (!name) {
    name = ctx.sourceName;
    ctx.warn(`the document has no title; named "${name}" after the file`);
  }
  const description = text(info.description);
  return {
    id: randomUUID(),
    name: ctx.clip(name, LIMITS.name, 'collection name'),
    ...(description ? { description: ctx.clip(description, LIMITS.text, 'collection description') } : {}),
    variables,
    auth: collectionAuth,
    items,
    schemaVersion: COLLECTION_SCHEMA_VERSION,
  };
}

/**
 * Imports a parsed OpenAPI 3 or Swagger 2 document. Off-spec documents import with warnings;
 * one without operations, or with `$ref`s to other files or URLs (never fetched), is refused.
 */
export async function importOpenApi(
  doc: ImportDocument,
  format: Extract<ImportFormat, 'openapi-3' | 'swagger-2'>,
  sourceName: string,
  secrets: SecretSink,
): Promise<ImportOutcome> {
  const ctx = new ImportContext(sourceName.replace(/\.(?:json|ya?ml)$/i, '').slice(0, 120) || 'Imported');
  const loaded = await loadOpenApi(doc.json ?? doc.yaml, ctx);
  const collection = buildCollection(loaded, format, ctx);
  const checked = checkCollection(collection);
  if (!checked.success)
    throw new ImportRefusal(`collection does not fit Signet's model: ${describeIssues(checked.error)}`);
  // Nothing secret is read from an API description, but the sink is used the same way as elsewhere.
  await ctx.storeSecrets(secrets);
  const auth = authCounts(collection);
  let folders = 0;
  let requests = 0;
  walkItems(collection.items, (item) => {
    if (item.type === 'folder') {
      folders += 1;
      return;
    }
    requests += 1;
  });
  return {
    ok: true,
    kind: 'collection',
    collection,
    report: {
      format,
      name: collection.name,
      folders,
      requests,
      auth,
      variables: collection.variables.length,
      warnings: ctx.warnings,
    },
  };
}
