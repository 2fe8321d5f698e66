/**
 * For tests and benchmarks only: reads any path, standing in for the grants the app
 * requires (see workspace/file-grants.ts). Production code never passes this.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { ReadGrantedFile } from '../body';

export const readAnyFile: ReadGrantedFile = async (path) => ({
  bytes: new Uint8Array(await readFile(path)),
  name: basename(path),
});
