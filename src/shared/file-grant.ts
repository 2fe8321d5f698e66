/**
 * A file body names a file the user chose through main, never a path: the renderer
 * holds `file-grant:<id>` and main alone knows which file that is.
 */
export const FILE_GRANT_PREFIX = 'file-grant:';

export function isFileGrant(value: string): boolean {
  return value.startsWith(FILE_GRANT_PREFIX);
}

/** A granted file as the renderer may see it. */
export interface FileGrantInfo {
  readonly ref: string;
  /** The file's own name, without its folder. */
  readonly name: string;
  readonly size: number;
}
