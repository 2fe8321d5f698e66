/** Variables and inherited auth for one request, from the workspace (Postman's precedence). */
import { effectiveAuth, findItem, type FolderItem, type Workspace } from '../../shared/collection';
import type { KeyValue } from '../../shared/model';
import type { SendScope } from '../core/ports';
import { isSecretRef } from '../core/secrets';

export interface ScopeQuery {
  readonly collectionId?: string;
  readonly itemId?: string;
  /** Falls back to the workspace's active environment. */
  readonly environmentId?: string;
}

/**
 * Builds the send scope. Lookup precedence, highest first:
 *   1. the selected (else active) environment,
 *   2. the request's folders, innermost first,
 *   3. the collection's variables.
 * This is Postman's order (environment over collection); folder variables, which
 * Postman's runtime also honours, sit between. Disabled values are skipped; `secret:`
 * references are revealed here, in main, and nowhere else.
 */
export function buildSendScope(
  workspace: Workspace,
  query: ScopeQuery,
  reveal: (ref: string) => string | undefined,
): SendScope {
  const layers: Array<readonly KeyValue[]> = [];
  const environmentId = query.environmentId ?? workspace.activeEnvironmentId;
  if (environmentId) {
    const environment = workspace.environments.find((env) => env.id === environmentId);
    if (!environment) throw new Error(`environment ${environmentId} not found`);
    layers.push(environment.values);
  }
  let inheritedAuth: SendScope['inheritedAuth'] = { type: 'none' };
  if (query.collectionId) {
    const collection = workspace.collections.find((c) => c.id === query.collectionId);
    if (!collection) throw new Error(`collection ${query.collectionId} not found`);
    // An item not (yet) saved in the collection sits at its root.
    const folders: readonly FolderItem[] =
      (query.itemId ? findItem(collection.items, query.itemId)?.folders : undefined) ?? [];
    for (let i = folders.length - 1; i >= 0; i -= 1) layers.push(folders[i]!.variables);
    layers.push(collection.variables);
    inheritedAuth = effectiveAuth(collection.auth, folders);
  }
  const values = new Map<string, string>();
  // Filled lowest precedence first so that higher layers overwrite.
  for (const layer of [...layers].reverse()) {
    for (const entry of layer) if (entry.enabled) values.set(entry.key, entry.value);
  }
  return {
    lookup: (name) => {
      const value = values.get(name);
      if (value === undefined || !isSecretRef(value)) return value;
      return reveal(value);
    },
    inheritedAuth,
  };
}
