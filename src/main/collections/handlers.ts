/** The collections domain's handlers: thin adapters from the contract to the workspace service. */
import type { collectionCalls } from '../../shared/api/collections';
import { outlineWorkspace } from '../../shared/outline';
import type { EmitEvent } from '../core/events';
import { InvalidInputError } from '../core/dispatch';
import type { HandlerMap } from '../core/handlers';
import { curlRequests } from './curl/import-curl';
import { ImportContext, ImportRefusal } from './import/context';
import type { SecretStore } from '../core/secrets';
import type { WorkspaceService } from './service';
import type { Trash } from '../core/trash';
import { deleteCollectionUndoably, deleteEnvironmentUndoably, deleteItemUndoably } from './undoable-deletes';

export type CollectionCallName = keyof typeof collectionCalls;

export interface CollectionHandlerDeps {
  readonly workspace: WorkspaceService;
  /** Where a password in a pasted curl command goes. */
  readonly secrets: SecretStore;
  /** Progress of imports, and the workspace changing, for the renderer. */
  readonly emit?: EmitEvent;
  /** Where deletions are kept for undo; without it, deletes cannot be undone. */
  readonly trash?: Trash;
}

/** Handlers for every collections call; inputs arrive validated by the dispatcher. */
export function createCollectionHandlers({
  workspace,
  emit,
  secrets,
  trash,
}: CollectionHandlerDeps): HandlerMap<CollectionCallName> {
  return {
    loadWorkspace: async () => {
      // The outline, not the workspace: full request specs would make the reply megabytes for large collections.
      const { workspace: loaded, warnings } = await workspace.load();
      return { workspace: outlineWorkspace(loaded), warnings };
    },
    getRequest: async ({ collectionId, itemId }) => ({ request: await workspace.getRequest(collectionId, itemId) }),
    importFile: async ({ fileName, content, operationId }) => {
      const progress = (phase: string, done: number, total?: number) =>
        operationId &&
        emit?.('progress', {
          operationId,
          operation: 'import',
          phase,
          done,
          ...(total !== undefined ? { total } : {}),
        });
      progress('reading', 0);
      const imported = await workspace.importFile(fileName, content);
      const requests = imported.report.requests;
      progress('saved', requests, requests);
      emit?.('workspaceChanged', {
        reason: 'import',
        collectionIds: imported.collectionId ? [imported.collectionId] : [],
      });
      return imported;
    },
    parseCurl: async ({ text }) => {
      const ctx = new ImportContext('pasted curl');
      try {
        const [request] = curlRequests(text, ctx);
        await ctx.storeSecrets(secrets);
        return { request: request!, warnings: ctx.warnings };
      } catch (error) {
        if (error instanceof ImportRefusal) throw new InvalidInputError(error.message);
        throw error;
      }
    },
    createCollection: async ({ name }) => ({ collection: await workspace.createCollection(name) }),
    saveCollection: async ({ collection }) => {
      await workspace.saveCollection(collection);
      return { collectionId: collection.id };
    },
    saveRequest: async ({ collectionId, request, parentId }) => workspace.saveRequest(collectionId, request, parentId),
    createItem: async ({ collectionId, parentId, kind, name }) => ({
      item: await workspace.createItem(collectionId, parentId, kind, name),
    }),
    renameCollection: async ({ collectionId, name }) => {
      await workspace.renameCollection(collectionId, name);
      return { renamed: true };
    },
    renameItem: async ({ collectionId, itemId, name }) => {
      await workspace.renameItem(collectionId, itemId, name);
      return { renamed: true };
    },
    getContainerSettings: async ({ collectionId, itemId }) => workspace.containerSettings(collectionId, itemId),
    saveContainerSettings: async ({ collectionId, itemId, description, auth, variables }) => {
      await workspace.saveContainerSettings(collectionId, itemId, {
        auth,
        variables,
        ...(description !== undefined ? { description } : {}),
      });
      return { saved: true };
    },
    inheritedAuth: async ({ collectionId, itemId }) => workspace.inheritedAuth(collectionId, itemId),
    duplicateItem: async ({ collectionId, itemId }) => ({ item: await workspace.duplicateItem(collectionId, itemId) }),
    deleteItem: async ({ collectionId, itemId }) =>
      trash
        ? deleteItemUndoably(workspace, trash, collectionId, itemId)
        : { deleted: await workspace.deleteItem(collectionId, itemId) },
    deleteCollection: async ({ collectionId }) =>
      trash
        ? deleteCollectionUndoably(workspace, trash, collectionId)
        : { deleted: await workspace.deleteCollection(collectionId) },
    saveEnvironment: async ({ environment }) => ({ environment: await workspace.saveEnvironment(environment) }),
    deleteEnvironment: async ({ environmentId }) =>
      trash
        ? deleteEnvironmentUndoably(workspace, trash, environmentId)
        : { deleted: await workspace.deleteEnvironment(environmentId) },
    setActiveEnvironment: async ({ environmentId }) => {
      await workspace.setActiveEnvironment(environmentId);
      return { activeEnvironmentId: environmentId };
    },
    loadOutlineFrame: async () => {
      const { revision, rowCount, containers, workspace: frame, warnings } = await workspace.outline();
      return { revision, rowCount, containers, workspace: frame, warnings };
    },
    loadOutlinePage: async ({ revision, start, limit }) => {
      const outline = await workspace.outline();
      if (outline.revision !== revision) return { status: 'stale' as const, revision: outline.revision };
      return { status: 'page' as const, revision, start, rows: outline.rows.slice(start, start + limit) };
    },
    exportCollection: async ({ collectionId, includeSecrets }) => {
      // Plain-text secrets stay in main: with secrets, main writes the file and returns its path.
      if (includeSecrets) return { kind: 'file' as const, ...(await workspace.exportCollectionToFile(collectionId)) };
      const { fileName, json, notes } = await workspace.exportCollection(collectionId, false);
      return { kind: 'json' as const, fileName, json, notes };
    },
  };
}
