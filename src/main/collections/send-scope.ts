/** Variables and inherited auth for one request, from the workspace (Postman's precedence). */
import { effectiveAuth, findItem, type Collection, type FolderItem, type Workspace } from '../../shared/collection';
import type { KeyValue } from '../../shared/model';
import { layeredValues, variableLayers } from '../../shared/variables';
import type { SendScope } from '../core/ports';
import { isSecretRef } from '../core/secrets';

export interface ScopeQuery {
  readonly collectionId?: string;
  readonly itemId?: string;
  /** Falls back to the workspace's active environment. */
  readonly environmentId?: string;
}

/**
 * Builds the send scope: variables in the order of `variableLayers` (shared/variables),
 * the auth the request inherits. Disabled values are skipped; `secret:` references are
 * revealed here, in main, and nowhere else.
 */
export function buildSendScope(
  workspace: Workspace,
  query: ScopeQuery,
  reveal: (ref: string) => string | undefined,
): SendScope {
  const environmentId = query.environmentId ?? workspace.activeEnvironmentId;
  let environment: readonly KeyValue[] | undefined;
  if (environmentId) {
    const found = workspace.environments.find((env) => env.id === environmentId);
    if (!found) throw new Error(`environment ${environmentId} not found`);
    environment = found.values;
  }
  let folders: readonly FolderItem[] = [];
  let collection: Collection | undefined;
  if (query.collectionId) {
    collection = workspace.collections.find((c) => c.id === query.collectionId);
    if (!collection) throw new Error(`collection ${query.collectionId} not found`);
    // An item not (yet) saved in the collection sits at its root.
    folders = (query.itemId ? findItem(collection.items, query.itemId)?.folders : undefined) ?? [];
  }
  const values = layeredValues(
    variableLayers({
      environment,
      folders: folders.map((folder) => folder.variables),
      collection: collection?.variables,
    }),
  );
  return {
    lookup: (name) => {
      const value = values.get(name);
      if (value === undefined || !isSecretRef(value)) return value;
      return reveal(value);
    },
    inheritedAuth: collection ? effectiveAuth(collection.auth, folders) : { type: 'none' },
  };
}
