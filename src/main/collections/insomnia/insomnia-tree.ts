/**
 * The two Insomnia export shapes read into one: v4 is a flat list of `resources` linked by `parentId`, v5 a
 * YAML tree (`collection:` entries with `children`). Both give a workspace name, a tree of folders and requests
 * (same fields in both), and the base environment with its sub environments.
 */
import { COLLECTION_LIMITS } from '../../../shared/collection';
import { ImportContext, ImportRefusal, isRecord, text } from '../import/context';
import { insomniaDescription } from './insomnia-request';

export interface InsomniaNode {
  readonly kind: 'folder' | 'request' | 'grpc' | 'websocket';
  readonly raw: Record<string, unknown>;
  readonly children: InsomniaNode[];
}

export interface InsomniaTree {
  readonly name: string;
  readonly description: string;
  readonly nodes: InsomniaNode[];
  readonly baseEnvironment?: Record<string, unknown>;
  readonly subEnvironments: Record<string, unknown>[];
}

/** What Insomnia v4 keeps besides workspaces, folders, requests and environments, as named in the warning. */
const V4_DROPPED: Readonly<Record<string, string>> = {
  cookie_jar: 'cookie jar',
  api_spec: 'API design document',
  unit_test_suite: 'unit test suite',
  unit_test: 'unit test',
  proto_file: 'proto file',
  proto_directory: 'proto directory',
  mock_server: 'mock server',
  mock_route: 'mock route',
};

const V4_KINDS: Readonly<Record<string, InsomniaNode['kind']>> = {
  request_group: 'folder',
  request: 'request',
  grpc_request: 'grpc',
  websocket_request: 'websocket',
};

function checkDepth(depth: number): void {
  if (depth > COLLECTION_LIMITS.depth)
    throw new ImportRefusal(`folders nest deeper than ${COLLECTION_LIMITS.depth} levels`);
}

function sortKey(raw: Record<string, unknown>): number {
  const key = Number(raw.metaSortKey);
  return Number.isFinite(key) ? key : 0;
}

/**
 * Reads a v4 export. When it holds several workspaces (an "export all data" file), the first one that holds a
 * request is imported and the others are named in a warning; resources whose parent is in no workspace (files made
 * by Insomnia's own converters use placeholder ids such as `__WORKSPACE_ID__`) belong to the imported one.
 */
export function readV4(json: Record<string, unknown>, ctx: ImportContext): InsomniaTree {
  if (!Array.isArray(json.resources)) throw new ImportRefusal('not an Insomnia v4 export: "resources" must be a list');
  const resources = json.resources.filter(isRecord);
  const byId = new Map<string, Record<string, unknown>>();
  for (const resource of resources) if (text(resource._id)) byId.set(text(resource._id), resource);
  const workspaces = resources.filter((resource) => resource._type === 'workspace');
  const workspaceOf = (resource: Record<string, unknown>): Record<string, unknown> | undefined => {
    let current: Record<string, unknown> | undefined = resource;
    for (let step = 0; current && step <= COLLECTION_LIMITS.depth + 1; step += 1) {
      if (current._type === 'workspace') return current;
      current = byId.get(text(current.parentId));
    }
    return undefined;
  };
  const workspace =
    workspaces.find((candidate) =>
      resources.some((resource) => resource._type === 'request' && workspaceOf(resource) === candidate),
    ) ?? workspaces[0];
  if (workspaces.length > 1)
    ctx.warn(
      `the export holds ${workspaces.length} workspaces; only "${text(workspace?.name).slice(0, 64)}" was imported (import the others from their own exports)`,
    );
  const workspaceId = workspace ? text(workspace._id) : undefined;
  const atRoot = (resource: Record<string, unknown>): boolean => {
    const parentId = text(resource.parentId);
    return (workspaceId !== undefined && parentId === workspaceId) || !byId.has(parentId);
  };

  const children = new Map<string, Record<string, unknown>[]>();
  const root: Record<string, unknown>[] = [];
  const dropped = new Map<string, number>();
  for (const resource of resources) {
    const type = text(resource._type);
    if (type in V4_DROPPED) dropped.set(V4_DROPPED[type]!, (dropped.get(V4_DROPPED[type]!) ?? 0) + 1);
    if (!(type in V4_KINDS)) continue;
    if (atRoot(resource)) root.push(resource);
    else {
      const parentId = text(resource.parentId);
      const siblings = children.get(parentId);
      if (siblings) siblings.push(resource);
      else children.set(parentId, [resource]);
    }
  }
  if (dropped.size > 0)
    ctx.warn(`not imported: ${[...dropped].map(([what, count]) => `${count} × ${what}`).join(', ')}`);

  // Each resource is placed once, so a cycle or a repeated id in parentId links cannot loop.
  const placed = new Set<Record<string, unknown>>();
  const build = (level: Record<string, unknown>[], depth: number): InsomniaNode[] => {
    checkDepth(depth);
    if (level.length > COLLECTION_LIMITS.children)
      throw new ImportRefusal(`a folder holds more than ${COLLECTION_LIMITS.children} items`);
    const nodes: InsomniaNode[] = [];
    for (const raw of [...level].sort((a, b) => sortKey(a) - sortKey(b))) {
      if (placed.has(raw)) continue;
      placed.add(raw);
      const kind = V4_KINDS[text(raw._type)]!;
      const inside = kind === 'folder' ? (children.get(text(raw._id)) ?? []) : [];
      nodes.push({ kind, raw, children: kind === 'folder' ? build(inside, depth + 1) : [] });
    }
    return nodes;
  };
  const nodes = build(root, 1);
  const unplaced = resources.filter((r) => text(r._type) in V4_KINDS && !placed.has(r)).length;
  if (unplaced > 0) ctx.warn(`${unplaced} requests or folders belong to no imported workspace and were skipped`);

  const environments = resources.filter((resource) => resource._type === 'environment');
  const bases = environments.filter(atRoot);
  if (bases.length > 1) ctx.warn(`${bases.length} base environments; only the first was imported`);
  const base = bases[0];
  const baseId = base ? text(base._id) : undefined;
  return {
    name: text(workspace?.name).trim(),
    description: workspace ? insomniaDescription(workspace) : '',
    nodes,
    ...(base ? { baseEnvironment: base } : {}),
    subEnvironments: environments.filter((env) => env !== base && text(env.parentId) === baseId),
  };
}

/** gRPC and WebSocket entries sit among the requests in v5; they are told apart by their own fields. */
function v5Kind(raw: Record<string, unknown>): InsomniaNode['kind'] {
  if ('children' in raw) return 'folder';
  if ('protoMethodName' in raw || 'protoFileId' in raw) return 'grpc';
  if (/^wss?:\/\//i.test(text(raw.url))) return 'websocket';
  return 'request';
}

function readV5Items(value: unknown[], depth: number, ctx: ImportContext): InsomniaNode[] {
  checkDepth(depth);
  if (value.length > COLLECTION_LIMITS.children)
    throw new ImportRefusal(`a folder holds more than ${COLLECTION_LIMITS.children} items`);
  const nodes: InsomniaNode[] = [];
  for (const [index, raw] of value.entries()) {
    if (!isRecord(raw)) {
      ctx.warn(`collection entry ${index + 1} at level ${depth} is not an object; skipped`);
      continue;
    }
    const kind = v5Kind(raw);
    if (kind === 'folder' && !Array.isArray(raw.children))
      ctx.warn(`folder "${text(raw.name).slice(0, 64)}": children are not a list; imported as an empty folder`);
    const inside = kind === 'folder' && Array.isArray(raw.children) ? raw.children : [];
    nodes.push({ kind, raw, children: readV5Items(inside, depth + 1, ctx) });
  }
  return nodes;
}

/** Reads a v5 collection file (`type: collection.insomnia.rest/5.0`). */
export function readV5(json: Record<string, unknown>, ctx: ImportContext): InsomniaTree {
  const collection = json.collection ?? [];
  if (!Array.isArray(collection))
    throw new ImportRefusal('not an Insomnia v5 collection: "collection" must be a list of requests and folders');
  const environments = isRecord(json.environments) ? json.environments : undefined;
  if (json.environments !== undefined && json.environments !== null && !environments)
    ctx.warn('"environments" is not an object; ignored');
  const subs = environments?.subEnvironments;
  if (subs !== undefined && subs !== null && !Array.isArray(subs)) ctx.warn('"subEnvironments" is not a list; ignored');
  return {
    name: text(json.name).trim(),
    description: insomniaDescription(json),
    nodes: readV5Items(collection, 1, ctx),
    ...(environments ? { baseEnvironment: environments } : {}),
    subEnvironments: Array.isArray(subs) ? subs.filter(isRecord) : [],
  };
}
