/**
 * The contract's body calls: pages, pretty-printed JSON, search and save of a response
 * body main keeps on disk (see body-store).
 */
import type { EmitEvent } from '../core/events';
import type { HandlerMap } from '../core/handlers';
import type { BodyStore } from './body-store';

export interface BodyHandlerDeps {
  readonly bodies: BodyStore;
  readonly emit: EmitEvent;
  /** Electron's save dialog; without it (the browser host) a save is a download from the host. */
  readonly chooseSavePath?: (fileName: string) => Promise<string | undefined>;
}

/** Progress events at most this often while a body is pretty-printed. */
const PROGRESS_EVERY_MS = 100;

export function createBodyHandlers(
  deps: BodyHandlerDeps,
): HandlerMap<'readBody' | 'prettyBody' | 'searchBody' | 'saveBody'> {
  const { bodies, emit } = deps;
  return {
    readBody: async ({ responseId, offset, length, view, alignToLine }) =>
      bodies.read(responseId, offset, length, view, alignToLine),
    prettyBody: async ({ responseId }) => {
      let last = 0;
      return bodies.pretty(responseId, (done, total) => {
        const now = performance.now();
        if (now - last < PROGRESS_EVERY_MS && done < total) return;
        last = now;
        emit('progress', { operationId: responseId, operation: 'pretty', phase: 'formatting', done, total });
      });
    },
    searchBody: async ({ responseId, query, caseSensitive, regex, view }) =>
      bodies.search(responseId, { text: query, caseSensitive, regex }, view),
    saveBody: async ({ responseId }) => {
      const fileName = bodies.suggestedName(responseId);
      if (!deps.chooseSavePath) {
        const file = bodies.fileFor(responseId);
        if (!file) return { saved: false };
        return { download: `/api/body/${responseId}`, bytes: file.size, fileName };
      }
      // The path comes from the OS dialog main opened, never from the renderer.
      const path = await deps.chooseSavePath(fileName);
      if (path === undefined) return { saved: false };
      const { bytes } = await bodies.saveTo(responseId, path);
      return { saved: true, bytes, fileName };
    },
  };
}
