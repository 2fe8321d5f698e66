/** Variables and inherited auth for one request, from the workspace (Postman's precedence). */
import { effectiveAuth, findItem, type Collection, type FolderItem, type Workspace } from '../../shared/collection';
import type { KeyValue } from '../../shared/model';
import { layeredValues, variableLayers } from '../../shared/variables';
import type { SendScope } from '../core/ports';
import { notFound } from '../core/failure';

export interface ScopeQuery {
  readonly collectionId?: string;
  readonly itemId?: string;
  /** The folders above `itemId`, root first, when the caller walked the tree already (a run does). */
  readonly folders?: readonly FolderItem[];
  /** Falls back to the workspace's active environment. */
  readonly environmentId?: string;
}

/**
 * Builds the send scope: variables in the order of `variableLayers` (shared/variables),
 * the auth the request inherits. Disabled values are skipped; `secret:` references stay
 * references here: the send path reveals them, so that each one it reveals joins the
 * request's redaction set.
 */
export function buildSendScope(workspace: Workspace, query: ScopeQuery): SendScope {
  const environmentId = query.environmentId ?? workspace.activeEnvironmentId;
  let environment: readonly KeyValue[] | undefined;
  if (environmentId) {
    const found = workspace.environments.find((env) => env.id === environmentId);
    if (!found) throw notFound(`environment ${environmentId.slice(0, 64)}`);
    environment = found.values;
  }
  let folders: readonly FolderItem[] = [];
  let collection: Collection | undefined;
  if (query.collectionId) {
    collection = workspace.collections.find((c) => c.id === query.collectionId);
    if (!collection) throw notFound(`collection ${query.collectionId.slice(0, 64)}`);
    // An item not (yet) saved in the collection sits at its root.
    folders = query.folders ?? (query.itemId ? findItem(collection.items, query.itemId)?.folders : undefined) ?? [];
  }
  const values = layeredValues(
    variableLayers({
      environment,
      folders: folders.map((folder) => folder.variables),
      collection: collection?.variables,
    }),
  );
  return {
    lookup: (name) => values.get(name),
    inheritedAuth: collection ? effectiveAuth(collection.auth, folders) : { type: 'none' },
  };
}
