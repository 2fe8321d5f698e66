/**
 * The collections domain: the workspace tree, Postman import and export,
 * request and folder edits, environments. Secrets never travel here in plain text:
 * collections and environments hold `secret:` references.
 */
import { z } from 'zod';
import { defineCall } from './define';
import {
  AuthSchema,
  KeyValueSchema,
  LIMITS,
  RequestSpecSchema,
  type Auth,
  type KeyValue,
  type RequestSpec,
} from '../model';
import {
  COLLECTION_LIMITS,
  CollectionSchema,
  EntityIdSchema,
  EnvironmentSchema,
  type Collection,
  type Environment,
  type ImportReport,
  type Item,
  type Workspace,
} from '../collection';
import {
  OUTLINE_PAGE_LIMIT,
  type CollectionOutline,
  type OutlineFrame,
  type OutlineItem,
  type OutlinePage,
  type OutlineRow,
  type WorkspaceOutline,
} from '../outline';

export type {
  Collection,
  CollectionOutline,
  Environment,
  ImportReport,
  Item,
  OutlineFrame,
  OutlineItem,
  OutlinePage,
  OutlineRow,
  Workspace,
  WorkspaceOutline,
};

/** What a delete did; `undoId` (with undoDelete) puts it back for a while. */
export interface Deleted {
  readonly deleted: boolean;
  readonly undoId?: string;
}

export interface LoadWorkspaceResult {
  /** Requests as id, name, method and URL only; `getRequest` returns one in full. */
  readonly workspace: WorkspaceOutline;
  /** Files set aside as corrupt at load and similar problems, one line each. */
  readonly warnings: readonly string[];
}

/** A collection's or folder's own settings, as its settings screen edits them. */
export interface ContainerSettings {
  readonly kind: 'collection' | 'folder';
  readonly name: string;
  readonly description?: string;
  /** A folder's may be `inherit`; a collection's never is. */
  readonly auth: Auth;
  readonly variables: readonly KeyValue[];
}

export interface ContainerSettingsEdit {
  readonly description?: string;
  readonly auth: Auth;
  readonly variables: readonly KeyValue[];
}

/** What a request set to "inherit" signs with, and where that comes from (null: nothing, so no auth). */
export interface InheritedAuth {
  readonly auth: Auth;
  readonly from: { readonly kind: 'collection' | 'folder'; readonly id: string; readonly name: string } | null;
}

export interface ImportFileResult {
  readonly report: ImportReport;
  readonly collectionId?: string;
  readonly environmentId?: string;
}

/**
 * An exported collection. Without secrets the JSON comes back for the renderer to
 * download; with secrets main writes the file itself (mode 0600) so that plain-text
 * secrets never reach the renderer, and only its path comes back.
 */
export type ExportCollectionResult =
  | {
      readonly kind: 'json';
      /** A suggested file name, `<name>.postman_collection.json`. */
      readonly fileName: string;
      /** Postman Collection v2.1 JSON, stored secrets left empty. */
      readonly json: string;
      /** What the file leaves out (secrets not included, credential sources Postman lacks). */
      readonly notes: readonly string[];
    }
  | {
      readonly kind: 'file';
      readonly fileName: string;
      /** Where main wrote the file: `<dataDir>/exports/<fileName>`. */
      readonly path: string;
      readonly notes: readonly string[];
    };

const CollectionId = EntityIdSchema;
const ItemName = z.string().min(1).max(LIMITS.name);

export const collectionCalls = {
  loadWorkspace: defineCall<LoadWorkspaceResult>()(
    z.object({}).default({}),
    'The workspace outline (collections with requests as name, method and URL; environments; active environment) and load warnings.',
  ),
  getRequest: defineCall<{ request: RequestSpec }>()(
    z.object({ collectionId: CollectionId, itemId: EntityIdSchema }),
    'One request in full (headers, body, auth), for opening it from the outline.',
  ),
  importFile: defineCall<ImportFileResult>()(
    z.object({
      fileName: z.string().max(LIMITS.filePath),
      content: z.string().max(COLLECTION_LIMITS.importBytes),
      /** Chosen by the renderer; main's `progress` events for this import carry it. */
      operationId: z.string().min(1).max(LIMITS.name).optional(),
    }),
    'Import a Postman collection (v2.0/v2.1) or environment file; detects which. Refused files leave the workspace unchanged.',
  ),
  parseCurl: defineCall<{ request: RequestSpec; warnings: readonly string[] }>()(
    z.object({
      text: z
        .string()
        .min(1)
        .max(64 * 1024),
    }),
    'A curl command pasted into the URL bar, as a request (the first one when there are several). A password in it goes to the secret store.',
  ),
  createCollection: defineCall<{ collection: Collection }>()(
    z.object({ name: ItemName }),
    'Create an empty collection.',
  ),
  saveCollection: defineCall<{ collectionId: string }>()(
    z.object({ collection: CollectionSchema }),
    'Replace (or add) a whole collection: its name, variables, auth and tree.',
  ),
  saveRequest: defineCall<{ itemId: string }>()(
    z.object({
      collectionId: CollectionId,
      request: RequestSpecSchema.extend({ id: z.union([EntityIdSchema, z.literal('')]).default('') }),
      /** Where a new request goes; ignored when the request already exists. Null: the collection root. */
      parentId: EntityIdSchema.nullable().default(null),
    }),
    'Save one request in place (added when its id is new or empty). Cheap even in large collections.',
  ),
  createItem: defineCall<{ item: Item }>()(
    z.object({
      collectionId: CollectionId,
      parentId: EntityIdSchema.nullable().default(null),
      kind: z.enum(['folder', 'request']),
      name: ItemName,
    }),
    'Add an empty folder or request (inheriting auth) to a folder or the collection root.',
  ),
  renameCollection: defineCall<{ renamed: true }>()(
    z.object({ collectionId: CollectionId, name: ItemName }),
    'Rename a collection (its tree is left as it is).',
  ),
  renameItem: defineCall<{ renamed: true }>()(
    z.object({ collectionId: CollectionId, itemId: EntityIdSchema, name: ItemName }),
    'Rename a folder or request.',
  ),
  getContainerSettings: defineCall<ContainerSettings>()(
    z.object({ collectionId: CollectionId, itemId: EntityIdSchema.optional() }),
    "A collection's (no itemId) or folder's auth, variables and description.",
  ),
  saveContainerSettings: defineCall<{ saved: true }>()(
    z.object({
      collectionId: CollectionId,
      itemId: EntityIdSchema.optional(),
      description: z.string().max(LIMITS.text).optional(),
      auth: AuthSchema,
      variables: z.array(KeyValueSchema).max(COLLECTION_LIMITS.variables),
    }),
    "Replace a collection's or folder's auth, variables and description; requests set to inherit follow it.",
  ),
  inheritedAuth: defineCall<InheritedAuth>()(
    z.object({ collectionId: CollectionId, itemId: EntityIdSchema.optional() }),
    'The auth a request set to "inherit" gets, and the folder or collection it comes from.',
  ),
  duplicateItem: defineCall<{ item: Item }>()(
    z.object({ collectionId: CollectionId, itemId: EntityIdSchema }),
    'Copy a folder or request (with new ids) next to the original, named "<name> Copy".',
  ),
  deleteItem: defineCall<Deleted>()(
    z.object({ collectionId: CollectionId, itemId: EntityIdSchema }),
    'Delete a folder (with everything in it) or a request.',
  ),
  deleteCollection: defineCall<Deleted>()(
    z.object({ collectionId: CollectionId }),
    'Delete a collection and its file.',
  ),
  saveEnvironment: defineCall<{ environment: Environment }>()(
    z.object({ environment: EnvironmentSchema }),
    'Add or replace an environment. Secret values given in plain text are moved to the secret store.',
  ),
  deleteEnvironment: defineCall<Deleted>()(z.object({ environmentId: EntityIdSchema }), 'Delete an environment.'),
  setActiveEnvironment: defineCall<{ activeEnvironmentId: string | null }>()(
    z.object({ environmentId: EntityIdSchema.nullable() }),
    'Choose the environment whose values {{variables}} resolve from (null: none).',
  ),
  exportCollection: defineCall<ExportCollectionResult>()(
    z.object({ collectionId: CollectionId, includeSecrets: z.boolean().default(false) }),
    'Export a collection as Postman v2.1: the JSON without secrets, or (includeSecrets) a 0600 file main writes under <dataDir>/exports.',
  ),
  loadOutlineFrame: defineCall<OutlineFrame>()(
    z.object({}).default({}),
    'The sidebar outline without its requests: collection and folder rows with their positions, the row count and the revision whose pages follow.',
  ),
  loadOutlinePage: defineCall<OutlinePage>()(
    z.object({
      revision: z.string().min(1).max(64),
      start: z.number().int().nonnegative().max(10_000_000),
      limit: z.number().int().min(1).max(OUTLINE_PAGE_LIMIT),
    }),
    'Rows of the outline in pre-order from `start`, or `stale` when the workspace changed since that revision.',
  ),
};
