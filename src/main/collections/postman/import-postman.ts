/**
 * Postman Collection v2.0 / v2.1 and environment import.
 *
 * Parsed by hand (with zod as the last gate) rather than through the postman-collection
 * SDK: the SDK accepts anything and fills defaults silently, while Signet must say what
 * it dropped and must refuse garbage with one clear line. See scripts/bench-import.ts
 * for the speed of both on the same file.
 */
import { randomUUID } from 'node:crypto';
import { LIMITS } from '../../../shared/model';
import {
  COLLECTION_LIMITS,
  COLLECTION_SCHEMA_VERSION,
  checkCollection,
  type Collection,
  type ImportFormat,
  type ImportReport,
  type Item,
} from '../../../shared/collection';
import { describeIssues } from '../../core/dispatch';
import { importAuth } from './import-auth';
import { ImportContext, ImportRefusal, descriptionText, isRecord, text, type SecretSink } from '../import/context';
import { importEnvironment } from './import-environment';
import { importRequestItem, importRows } from './import-request';
import type { ImportOutcome } from '../import/outcome';
import { authCounts } from '../import/auth-counts';

export type { ImportFormat, ImportReport };

export type { ImportOutcome };

/** Parses JSON text; the message names the position but never quotes the content. */
function parseJson(content: string): unknown {
  const body = content.charCodeAt(0) === 0xfeff ? content.slice(1) : content;
  try {
    return JSON.parse(body) as unknown;
  } catch (error) {
    const position = /position (\d+)/.exec(String(error))?.[1];
    throw new ImportRefusal(`not valid JSON${position ? ` (error at character ${position})` : ''}`);
  }
}

function detectFormat(json: unknown): ImportFormat {
  if (!isRecord(json))
    throw new ImportRefusal('not a Postman collection or environment: the file is not a JSON object');
  const info = isRecord(json.info) ? json.info : undefined;
  const schema = text(info?.schema);
  if ('item' in json || info) {
    if (!Array.isArray(json.item))
      throw new ImportRefusal('not a Postman collection: "item" must be a list of requests and folders');
    if (!info) throw new ImportRefusal('not a Postman collection: "info" is missing');
    if (schema.includes('v2.0')) return 'postman-v2.0';
    return 'postman-v2.1';
  }
  if (Array.isArray(json.requests) && Array.isArray(json.order)) {
    throw new ImportRefusal('Postman collection v1 is not supported; export it from Postman as Collection v2.1');
  }
  if (Array.isArray(json.values)) return 'postman-environment';
  throw new ImportRefusal('not a Postman collection or environment: expected "info" and "item", or "values"');
}

interface TreeCounts {
  folders: number;
  requests: number;
  variables: number;
  scripts: number;
  examples: number;
}

function countExtras(node: Record<string, unknown>, counts: TreeCounts): void {
  // A request's test script becomes checks (import-request), and says itself what it left out.
  const isRequest = !('item' in node) && 'request' in node;
  if (Array.isArray(node.event)) {
    for (const event of node.event) {
      if (isRequest && isRecord(event) && event.listen === 'test') continue;
      const exec = isRecord(event) && isRecord(event.script) ? event.script.exec : undefined;
      const lines = Array.isArray(exec) ? exec.map(text) : [text(exec)];
      if (lines.some((line) => line.trim() !== '')) counts.scripts += 1;
    }
  }
  if (Array.isArray(node.response)) counts.examples += node.response.length;
}

/** Items of one level; recursion is bounded by the depth check. */
function importItems(value: unknown[], path: string, depth: number, ctx: ImportContext, counts: TreeCounts): Item[] {
  if (depth > COLLECTION_LIMITS.depth)
    throw new ImportRefusal(`folders nest deeper than ${COLLECTION_LIMITS.depth} levels`);
  if (value.length > COLLECTION_LIMITS.children)
    throw new ImportRefusal(`a folder holds more than ${COLLECTION_LIMITS.children} items`);
  const items: Item[] = [];
  for (const [index, raw] of value.entries()) {
    if (!isRecord(raw)) {
      ctx.warn(`${path || 'collection'}: item ${index + 1} is not an object; skipped`);
      continue;
    }
    if (counts.folders + counts.requests >= COLLECTION_LIMITS.items)
      throw new ImportRefusal(`more than ${COLLECTION_LIMITS.items} requests and folders`);
    const name = text(raw.name).slice(0, 120) || `item ${index + 1}`;
    const where = path ? `${path} / ${name}` : name;
    countExtras(raw, counts);
    if ('item' in raw) {
      counts.folders += 1;
      if (!Array.isArray(raw.item)) ctx.warn(`${where}: folder contents are not a list; imported as an empty folder`);
      const variables = importRows(raw.variable, `${where}: variable`, ctx, COLLECTION_LIMITS.variables, {
        variables: true,
      });
      counts.variables += variables.length;
      const description = descriptionText(raw.description);
      items.push({
        type: 'folder',
        id: randomUUID(),
        name: ctx.clip(text(raw.name), LIMITS.name, `${where}: name`),
        ...(description ? { description: ctx.clip(description, LIMITS.text, `${where}: description`) } : {}),
        auth: importAuth(raw.auth, where, ctx),
        variables,
        items: importItems(Array.isArray(raw.item) ? raw.item : [], where, depth + 1, ctx, counts),
      });
    } else {
      counts.requests += 1;
      items.push(importRequestItem(raw, where, ctx));
    }
  }
  return items;
}

function importCollection(
  json: Record<string, unknown>,
  format: ImportFormat,
  ctx: ImportContext,
): { collection: Collection; report: ImportReport } {
  const info = isRecord(json.info) ? json.info : {};
  let name = text(info.name).trim();
  if (!name) {
    name = ctx.sourceName;
    ctx.warn(`collection has no name; named "${name}" after the file`);
  }
  const counts: TreeCounts = { folders: 0, requests: 0, variables: 0, scripts: 0, examples: 0 };
  countExtras(json, counts);
  const variables = importRows(json.variable, 'collection variable', ctx, COLLECTION_LIMITS.variables, {
    variables: true,
  });
  counts.variables += variables.length;
  const rootAuth = importAuth(json.auth, 'collection', ctx);
  const items = importItems(json.item as unknown[], '', 1, ctx, counts);
  if (counts.scripts > 0)
    ctx.warn(`${counts.scripts} pre-request/test scripts were dropped: Signet does not run scripts`);
  if (counts.examples > 0) ctx.warn(`${counts.examples} saved example responses were dropped`);
  const description = descriptionText(info.description);
  const collection: Collection = {
    id: randomUUID(),
    name: ctx.clip(name, LIMITS.name, 'collection name'),
    ...(description ? { description: ctx.clip(description, LIMITS.text, 'collection description') } : {}),
    variables,
    // The collection is the root of inheritance: "inherit" there means nothing applies.
    auth: rootAuth.type === 'inherit' ? { type: 'none' } : rootAuth,
    items,
    schemaVersion: COLLECTION_SCHEMA_VERSION,
  };
  const auth = authCounts(collection);
  const report = {
    format,
    name: collection.name,
    folders: counts.folders,
    requests: counts.requests,
    auth,
    variables: counts.variables,
    warnings: [],
  };
  return { collection, report };
}

/**
 * Imports a Postman collection (v2.0/v2.1) or environment from file text. Secrets in it
 * go to the SecretStore only when the whole file is accepted. Never throws: anything
 * unexpected becomes a refusal, and nothing is stored then.
 */
export async function importPostman(content: string, sourceName: string, secrets: SecretSink): Promise<ImportOutcome> {
  try {
    if (
      content.length > COLLECTION_LIMITS.importBytes ||
      Buffer.byteLength(content, 'utf8') > COLLECTION_LIMITS.importBytes
    ) {
      throw new ImportRefusal(`file is larger than ${COLLECTION_LIMITS.importBytes / 1024 / 1024} MB`);
    }
    const json = parseJson(content);
    return await importPostmanJson(json, detectFormat(json), sourceName, secrets);
  } catch (error) {
    if (error instanceof ImportRefusal) return { ok: false, error: error.message };
    const kind = error instanceof Error ? error.name : typeof error;
    return { ok: false, error: `import failed unexpectedly (${kind}); nothing was imported` };
  }
}

/** Imports an already parsed Postman collection or environment of a detected format. */
export async function importPostmanJson(
  json: unknown,
  format: ImportFormat,
  sourceName: string,
  secrets: SecretSink,
): Promise<ImportOutcome> {
  try {
    const ctx = new ImportContext(
      sourceName.replace(/\.(?:postman_(?:collection|environment)\.)?json$/i, '').slice(0, 120) || 'Imported',
    );
    if (format === 'postman-environment') {
      const { environment, report } = importEnvironment(json as Record<string, unknown>, ctx);
      await ctx.storeSecrets(secrets);
      return { ok: true, kind: 'environment', environment, report: { ...report, warnings: ctx.warnings } };
    }
    const { collection, report } = importCollection(json as Record<string, unknown>, format, ctx);
    const checked = checkCollection(collection);
    if (!checked.success)
      throw new ImportRefusal(`collection does not fit Signet's model: ${describeIssues(checked.error)}`);
    await ctx.storeSecrets(secrets);
    return { ok: true, kind: 'collection', collection, report: { ...report, warnings: ctx.warnings } };
  } catch (error) {
    if (error instanceof ImportRefusal) return { ok: false, error: error.message };
    // A bug here must not take the app down or half-import; report it as a refusal.
    const kind = error instanceof Error ? error.name : typeof error;
    return { ok: false, error: `import failed unexpectedly (${kind}); nothing was imported` };
  }
}
