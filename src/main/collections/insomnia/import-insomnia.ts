/**
 * Insomnia v4 (JSON or YAML) and v5 (YAML) export import. One workspace becomes one collection: request groups
 * are folders, requests keep method, URL (query parameters appended), headers, body and auth, and Insomnia's
 * `iam` auth becomes AWS Signature with its secret key and session token in main's SecretStore. Environments:
 * see insomnia-environment.ts for the mapping.
 */
import { randomUUID } from 'node:crypto';
import { LIMITS } from '../../../shared/model';
import {
  COLLECTION_LIMITS,
  COLLECTION_SCHEMA_VERSION,
  checkCollection,
  EnvironmentSchema,
  type Collection,
  type Environment,
  type ImportFormat,
  type ImportReport,
  type Item,
} from '../../../shared/collection';
import { describeIssues } from '../../core/dispatch';
import { ImportContext, ImportRefusal, isRecord, text, type SecretSink } from '../import/context';
import type { ImportDocument } from '../import/document';
import type { ImportOutcome } from '../import/outcome';
import { importInsomniaAuth } from './insomnia-auth';
import { environmentRows, importSubEnvironment } from './insomnia-environment';
import { importInsomniaRequest } from './insomnia-request';
import { readV4, readV5, type InsomniaNode } from './insomnia-tree';
import { authCounts } from '../import/auth-counts';

type InsomniaFormat = Extract<ImportFormat, 'insomnia-v4' | 'insomnia-v5'>;

interface TreeCounts {
  folders: number;
  requests: number;
  variables: number;
  scripts: number;
}

/** v4 writes `preRequestScript`/`afterResponseScript`, v5 `scripts: { preRequest, afterResponse }`. */
function countScripts(raw: Record<string, unknown>, counts: TreeCounts): void {
  const scripts = isRecord(raw.scripts) ? raw.scripts : {};
  for (const script of [raw.preRequestScript, raw.afterResponseScript, scripts.preRequest, scripts.afterResponse])
    if (text(script).trim() !== '') counts.scripts += 1;
}

function importNodes(nodes: InsomniaNode[], path: string, ctx: ImportContext, counts: TreeCounts): Item[] {
  const items: Item[] = [];
  for (const node of nodes) {
    if (counts.folders + counts.requests >= COLLECTION_LIMITS.items)
      throw new ImportRefusal(`more than ${COLLECTION_LIMITS.items} requests and folders`);
    const { raw } = node;
    const name = text(raw.name).slice(0, 120) || (node.kind === 'folder' ? 'folder' : 'request');
    const where = path ? `${path} / ${name}` : name;
    if (node.kind === 'grpc' || node.kind === 'websocket') {
      ctx.warn(`${where}: ${node.kind === 'grpc' ? 'gRPC' : 'WebSocket'} requests are not supported; skipped`);
      continue;
    }
    countScripts(raw, counts);
    if (node.kind === 'request') {
      counts.requests += 1;
      items.push(importInsomniaRequest(raw, where, ctx));
      continue;
    }
    counts.folders += 1;
    const variables = environmentRows(
      raw.environment,
      `${where}: folder environment`,
      ctx,
      COLLECTION_LIMITS.variables,
    );
    counts.variables += variables.length;
    if (Array.isArray(raw.headers) && raw.headers.length > 0)
      ctx.warn(`${where}: folder headers are not supported by Signet folders; dropped`);
    const description = text(raw.description) || (isRecord(raw.meta) ? text(raw.meta.description) : '');
    items.push({
      type: 'folder',
      id: randomUUID(),
      name: ctx.clip(text(raw.name), LIMITS.name, `${where}: name`),
      ...(description ? { description: ctx.clip(description, LIMITS.text, `${where}: description`) } : {}),
      auth: importInsomniaAuth(raw.authentication, where, ctx),
      variables,
      items: importNodes(node.children, where, ctx, counts),
    });
  }
  return items;
}

function importWorkspace(
  json: Record<string, unknown>,
  format: InsomniaFormat,
  ctx: ImportContext,
): { collection: Collection; environments: Environment[]; report: ImportReport } {
  const tree = format === 'insomnia-v4' ? readV4(json, ctx) : readV5(json, ctx);
  let name = tree.name;
  if (!name) {
    name = ctx.sourceName;
    ctx.warn(`workspace has no name; named "${name}" after the file`);
  }
  const counts: TreeCounts = { folders: 0, requests: 0, variables: 0, scripts: 0 };
  const variables = environmentRows(tree.baseEnvironment?.data, 'base environment', ctx, COLLECTION_LIMITS.variables);
  counts.variables += variables.length;
  const items = importNodes(tree.nodes, '', ctx, counts);
  if (counts.scripts > 0)
    ctx.warn(`${counts.scripts} pre-request/after-response scripts were dropped: Signet does not run scripts`);
  const collection: Collection = {
    id: randomUUID(),
    name: ctx.clip(name, LIMITS.name, 'collection name'),
    ...(tree.description ? { description: ctx.clip(tree.description, LIMITS.text, 'collection description') } : {}),
    variables,
    // An Insomnia workspace has no auth of its own: requests that inherit past their folders send none.
    auth: { type: 'none' },
    items,
    schemaVersion: COLLECTION_SCHEMA_VERSION,
  };
  const subs = tree.subEnvironments.slice(0, COLLECTION_LIMITS.environments);
  if (tree.subEnvironments.length > subs.length)
    ctx.warn(`more than ${COLLECTION_LIMITS.environments} sub environments; the rest were dropped`);
  const environments = subs.map((raw, index) => importSubEnvironment(raw, index, collection.name, ctx));
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
  return { collection, environments, report };
}

/**
 * Imports an already parsed Insomnia export of a detected format. Secrets in it go to the SecretStore only when
 * the whole file is accepted; anything unexpected becomes a refusal, and nothing is stored then. Sub environments
 * come back beside the collection as `environments`.
 */
export async function importInsomnia(
  doc: ImportDocument,
  format: InsomniaFormat,
  sourceName: string,
  secrets: SecretSink,
): Promise<ImportOutcome> {
  try {
    const json = doc.json ?? doc.yaml;
    if (!isRecord(json)) throw new ImportRefusal(`not an ${format} export: expected an object`);
    const ctx = new ImportContext(sourceName.replace(/\.(?:json|ya?ml)$/i, '').slice(0, 120) || 'Imported');
    const { collection, environments, report } = importWorkspace(json, format, ctx);
    const checked = checkCollection(collection);
    if (!checked.success)
      throw new ImportRefusal(`collection does not fit Signet's model: ${describeIssues(checked.error)}`);
    for (const environment of environments) {
      const env = EnvironmentSchema.safeParse(environment);
      if (!env.success)
        throw new ImportRefusal(`environment does not fit Signet's model: ${describeIssues(env.error)}`);
    }
    await ctx.storeSecrets(secrets);
    return {
      ok: true,
      kind: 'collection',
      collection,
      report: { ...report, warnings: ctx.warnings },
      ...(environments.length > 0 ? { environments } : {}),
    };
  } catch (error) {
    if (error instanceof ImportRefusal) return { ok: false, error: error.message };
    // A bug here must not take the app down or half-import; report it as a refusal.
    const kind = error instanceof Error ? error.name : typeof error;
    return { ok: false, error: `import failed unexpectedly (${kind}); nothing was imported` };
  }
}
