import { constants } from 'node:fs';
import { open, realpath, type FileHandle } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

const MIME: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

export interface StaticFile {
  /** Open for reading; the caller closes it (a stream made from it closes it when done). */
  readonly handle: FileHandle;
  readonly size: number;
  readonly contentType: string;
}

/** Whether `file` is `root` itself or lies inside it. */
function inside(root: string, file: string): boolean {
  return file.startsWith(root.endsWith(sep) ? root : root + sep);
}

/**
 * Opens the file of the built renderer that a URL path names, or answers undefined when
 * it is missing or would leave `root` (`..`, encoded slashes, or a symlink that points
 * out of it). The size comes from the open file, so a rebuild that deletes or replaces
 * the file afterwards cannot turn into a failed read: the open handle keeps the old
 * content. Both hosts serve the renderer through this.
 */
export async function openStaticFile(root: string, pathname: string): Promise<StaticFile | undefined> {
  let relative: string;
  try {
    relative = pathname === '/' ? 'index.html' : decodeURIComponent(pathname).replace(/^\/+/, '');
  } catch {
    return undefined;
  }
  const base = normalize(root);
  const named = normalize(join(base, relative));
  if (!inside(base, named) || named === base) return undefined;
  let handle: FileHandle | undefined;
  try {
    // Resolve symlinks on both sides, then open the resolved path without following a
    // link swapped in since: what is read is inside the real renderer folder.
    const [realRoot, real] = await Promise.all([realpath(base), realpath(named)]);
    if (!inside(realRoot, real)) return undefined;
    handle = await open(real, constants.O_RDONLY | constants.O_NOFOLLOW);
    const info = await handle.stat();
    if (!info.isFile()) {
      await handle.close();
      return undefined;
    }
    return { handle, size: info.size, contentType: MIME[extname(named)] ?? 'application/octet-stream' };
  } catch {
    await handle?.close().catch(() => undefined);
    return undefined;
  }
}
