import { stat } from 'node:fs/promises';
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
  readonly path: string;
  readonly size: number;
  readonly contentType: string;
}

/**
 * Maps a URL path to a file of the built renderer, or undefined when it is missing or
 * would leave `root` (`..`, encoded slashes). Both hosts serve the renderer through this.
 */
export async function resolveStaticFile(root: string, pathname: string): Promise<StaticFile | undefined> {
  const base = normalize(root);
  let relative: string;
  try {
    relative = pathname === '/' ? 'index.html' : decodeURIComponent(pathname).replace(/^\/+/, '');
  } catch {
    return undefined;
  }
  const file = normalize(join(base, relative));
  if (!file.startsWith(base + sep)) return undefined;
  try {
    const info = await stat(file);
    if (!info.isFile()) return undefined;
    return { path: file, size: info.size, contentType: MIME[extname(file)] ?? 'application/octet-stream' };
  } catch {
    return undefined;
  }
}
