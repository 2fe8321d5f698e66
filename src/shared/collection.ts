/**
 * Collections, folders, environments and the workspace that holds them.
 * Pure types and zod schemas shared by renderer and main: no electron, no Node built-ins.
 */
import { z } from 'zod';
import {
  AuthSchema,
  KeyValueSchema,
  LIMITS,
  RequestSpecSchema,
  type Auth,
  type KeyValue,
  type RequestSpec,
} from './model';

/** Bumped when the stored shape changes; every persisted file carries it. */
export const COLLECTION_SCHEMA_VERSION = 1;

/** Caps on a collection tree and a workspace, so one file or call cannot exhaust main. */
export const COLLECTION_LIMITS = {
  /** Largest Postman file accepted for import. */
  importBytes: 50 * 1024 * 1024,
  /** Folder nesting; Postman itself has no limit, real collections stay under 10. */
  depth: 64,
  /** Folders plus requests in one collection. */
  items: 200_000,
  /** Children of one folder (or of the collection root). */
  children: 100_000,
  variables: 5_000,
  collections: 2_000,
  environments: 1_000,
  environmentValues: 5_000,
  id: 64,
} as const;

/** Ids double as file names, so they are restricted to a safe alphabet. */
export const EntityIdSchema = z
  .string()
  .min(1)
  .max(COLLECTION_LIMITS.id)
  .regex(/^[A-Za-z0-9_-]+$/, 'ids use letters, digits, _ and - only');

export interface FolderItem {
  readonly type: 'folder';
  readonly id: string;
  readonly name: string;
  readonly description?: string;
  /** `inherit` unless the folder sets its own auth (Postman's rule). */
  readonly auth: Auth;
  readonly variables: KeyValue[];
  readonly items: Item[];
}

export interface RequestItem {
  readonly type: 'request';
  /** Equal to `request.id`. */
  readonly id: string;
  readonly request: RequestSpec;
  /** Postman `url.variable` (path variables), kept so that export loses nothing. */
  readonly urlVariables?: KeyValue[];
}

export type Item = FolderItem | RequestItem;

/** What a caller may send: defaults of the request model still apply. */
export type ItemInput =
  | {
      type: 'folder';
      id: string;
      name: string;
      description?: string;
      auth?: z.input<typeof AuthSchema>;
      variables?: z.input<typeof KeyValueSchema>[];
      items: ItemInput[];
    }
  | {
      type: 'request';
      id: string;
      request: z.input<typeof RequestSpecSchema>;
      urlVariables?: z.input<typeof KeyValueSchema>[];
    };

const VariablesSchema = z.array(KeyValueSchema).max(COLLECTION_LIMITS.variables).default([]);

/** A folder's own fields; its `items` are added by ItemSchema (recursively) and FolderNodeSchema (unread). */
const folderFields = {
  type: z.literal('folder'),
  id: EntityIdSchema,
  name: z.string().max(LIMITS.name),
  description: z.string().max(LIMITS.text).optional(),
  auth: AuthSchema.default({ type: 'inherit' }),
  variables: VariablesSchema,
};

const RequestItemSchema = z.object({
  type: z.literal('request'),
  id: EntityIdSchema,
  request: RequestSpecSchema,
  urlVariables: z.array(KeyValueSchema).max(LIMITS.rows).optional(),
});

export const ItemSchema: z.ZodType<Item, ItemInput> = z.lazy(() =>
  z.discriminatedUnion('type', [
    z.object({ ...folderFields, items: z.array(ItemSchema).max(COLLECTION_LIMITS.children) }),
    RequestItemSchema,
  ]),
);

/** Counts items and measures depth without recursion, so hostile input cannot overflow the stack. */
export function measureTree(items: readonly unknown[]): { items: number; depth: number } {
  let count = 0;
  let depth = 0;
  const stack: Array<{ items: readonly unknown[]; level: number }> = [{ items, level: 1 }];
  while (stack.length > 0) {
    const next = stack.pop()!;
    depth = Math.max(depth, next.level);
    for (const item of next.items) {
      count += 1;
      // A null or non-object item is the schema's to refuse, not a TypeError here.
      const children = typeof item === 'object' && item !== null ? (item as { items?: unknown }).items : undefined;
      if (Array.isArray(children)) stack.push({ items: children, level: next.level + 1 });
    }
    if (count > COLLECTION_LIMITS.items || depth > COLLECTION_LIMITS.depth) break;
  }
  return { items: count, depth };
}

/** Why a tree is refused before any item is read: too deep or too many items (the messages both checks give). */
function treeLimitProblems(items: readonly unknown[]): string[] {
  const { items: count, depth } = measureTree(items);
  const problems: string[] = [];
  if (depth > COLLECTION_LIMITS.depth) problems.push(`folders nest deeper than ${COLLECTION_LIMITS.depth} levels`);
  if (count > COLLECTION_LIMITS.items) problems.push(`more than ${COLLECTION_LIMITS.items} items`);
  return problems;
}

// Typed as the items it yields: the unknown[] front half only exists to measure first.
const TreeItemsSchema = z
  .array(z.unknown())
  .max(COLLECTION_LIMITS.children)
  .superRefine((items, ctx) => {
    // Checked before the recursive schema runs, so a 10,000-deep tree is refused, not recursed.
    for (const message of treeLimitProblems(items)) ctx.addIssue({ code: 'custom', message });
  })
  .pipe(z.array(ItemSchema)) as unknown as z.ZodType<Item[], ItemInput[]>;

/** The collection's own fields; `items` is added by CollectionSchema and CollectionNodeSchema. */
const collectionFields = {
  id: EntityIdSchema,
  name: z.string().max(LIMITS.name),
  description: z.string().max(LIMITS.text).optional(),
  variables: VariablesSchema,
  /** The root of inheritance: `none` when the collection sets no auth. */
  auth: AuthSchema.default({ type: 'none' }),
  schemaVersion: z.literal(COLLECTION_SCHEMA_VERSION).default(COLLECTION_SCHEMA_VERSION),
};

export const CollectionSchema = z.object({ ...collectionFields, items: TreeItemsSchema });

/** One node of a tree with its children left unread, for checkCollection. */
const unreadChildren = z.array(z.unknown()).max(COLLECTION_LIMITS.children);
const CollectionNodeSchema = z.object({ ...collectionFields, items: unreadChildren });
const ItemNodeSchema = z.discriminatedUnion('type', [
  z.object({ ...folderFields, items: unreadChildren }),
  RequestItemSchema,
]);

/**
 * Whether `collection` fits CollectionSchema, by the same field schemas, checked node by
 * node: zod builds no copy of the whole tree, which on a 100,000-request import cost a third
 * more time than the checks (the copy lived until the end and was moved by every young-
 * generation collection). For importers, which keep their own object; the first node that
 * fails gives the error, its issues' paths from the collection's root.
 */
export function checkCollection(collection: unknown): { success: true } | { success: false; error: z.ZodError } {
  const top = CollectionNodeSchema.safeParse(collection);
  if (!top.success) return top;
  const items = (collection as { items: unknown[] }).items;
  const limits = treeLimitProblems(items);
  if (limits.length > 0)
    return {
      success: false,
      error: new z.ZodError(limits.map((message) => ({ code: 'custom', message, path: ['items'], input: items }))),
    };
  const stack: Array<{ items: readonly unknown[]; path: PropertyKey[] }> = [{ items, path: ['items'] }];
  while (stack.length > 0) {
    const level = stack.pop()!;
    for (let i = 0; i < level.items.length; i += 1) {
      const item = level.items[i];
      const path = [...level.path, i];
      const node = ItemNodeSchema.safeParse(item);
      if (!node.success) {
        const issues = node.error.issues.map((issue) => ({ ...issue, path: [...path, ...issue.path] }));
        return { success: false, error: new z.ZodError(issues) };
      }
      if (node.data.type === 'folder') stack.push({ items: node.data.items, path: [...path, 'items'] });
    }
  }
  return { success: true };
}
export type Collection = z.infer<typeof CollectionSchema>;
export type CollectionInput = z.input<typeof CollectionSchema>;

export const EnvironmentValueSchema = z.object({
  key: z.string().max(LIMITS.headerName),
  /** For a secret value, a `secret:` reference to main's SecretStore (or a `{{template}}`). */
  value: z.string().max(LIMITS.headerValue),
  enabled: z.boolean().default(true),
  secret: z.boolean().default(false),
});
export type EnvironmentValue = z.infer<typeof EnvironmentValueSchema>;

export const EnvironmentSchema = z.object({
  id: EntityIdSchema,
  name: z.string().max(LIMITS.name),
  values: z.array(EnvironmentValueSchema).max(COLLECTION_LIMITS.environmentValues).default([]),
});
export type Environment = z.infer<typeof EnvironmentSchema>;

export interface Workspace {
  readonly collections: readonly Collection[];
  readonly environments: readonly Environment[];
  readonly activeEnvironmentId: string | null;
}

export const IMPORT_FORMATS = [
  'postman-v2.1',
  'postman-v2.0',
  'postman-environment',
  'insomnia-v4',
  'insomnia-v5',
  'openapi-3',
  'swagger-2',
  'har',
  'curl',
] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** What an import found, as printed by `signet import` and shown after an import in the app. */
export interface ImportReport {
  readonly format: ImportFormat;
  readonly name: string;
  readonly folders: number;
  readonly requests: number;
  /** Requests per effective auth type, after inheritance (`none` when nothing applies). */
  readonly auth: Readonly<Record<string, number>>;
  /** Collection plus folder variables, or the environment's values. */
  readonly variables: number;
  readonly warnings: readonly string[];
}

/** An item and the folders above it, outermost first. */
export interface ItemLocation {
  readonly item: Item;
  readonly folders: readonly FolderItem[];
}

/** Finds an item by id anywhere in a tree (iterative: depth is untrusted). */
export function findItem(items: readonly Item[], id: string): ItemLocation | undefined {
  const stack: Array<{ items: readonly Item[]; folders: readonly FolderItem[] }> = [{ items, folders: [] }];
  while (stack.length > 0) {
    const { items: level, folders } = stack.pop()!;
    for (const item of level) {
      if (item.id === id) return { item, folders };
      if (item.type === 'folder') stack.push({ items: item.items, folders: [...folders, item] });
    }
  }
  return undefined;
}

/** Visits every item with the folders above it. */
export function walkItems(items: readonly Item[], visit: (item: Item, folders: readonly FolderItem[]) => void): void {
  const stack: Array<{ items: readonly Item[]; folders: readonly FolderItem[] }> = [{ items, folders: [] }];
  while (stack.length > 0) {
    const { items: level, folders } = stack.pop()!;
    for (const item of level) {
      visit(item, folders);
      if (item.type === 'folder') stack.push({ items: item.items, folders: [...folders, item] });
    }
  }
}

export { effectiveAuth } from './request-basics';
