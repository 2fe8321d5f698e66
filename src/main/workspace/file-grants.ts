/**
 * Files the user granted Signet: picked in Electron's open dialog (main records the
 * path the dialog returned) or uploaded by the browser host's page (main keeps the
 * bytes under the data directory). A body refers to a grant id; a path from the
 * renderer is never opened.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, rm, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform, type Readable } from 'node:stream';
import { FILE_GRANT_PREFIX, isFileGrant, type FileGrantInfo } from '../../shared/file-grant';
import { LIMITS } from '../../shared/model';
import { writeFileAtomic } from '../core/atomic-file';
import { AppFailure } from '../core/failure';

interface Grant {
  readonly path: string;
  readonly name: string;
  readonly size: number;
  /** Uploaded bytes that main keeps (deleted with the grant), rather than a file the user owns. */
  readonly uploaded: boolean;
}

export class FileGrants {
  private readonly grants = new Map<string, Grant>();
  private readonly indexPath: string;
  private readonly uploadsDir: string;

  constructor(private readonly dataDir: string) {
    this.indexPath = join(dataDir, 'file-grants.json');
    this.uploadsDir = join(dataDir, 'uploads');
  }

  /** Reads the grants kept from earlier runs (a missing or unreadable index means none). */
  async load(): Promise<void> {
    try {
      const saved = JSON.parse(await readFile(this.indexPath, 'utf8')) as Record<string, Grant>;
      for (const [id, grant] of Object.entries(saved)) {
        if (typeof grant?.path === 'string' && typeof grant.name === 'string') this.grants.set(id, grant);
      }
    } catch {
      // none yet
    }
  }

  /** Grants a file at a path main itself obtained (Electron's open dialog). */
  async grantPath(path: string): Promise<FileGrantInfo> {
    const info = await stat(path);
    if (!info.isFile()) throw new AppFailure('invalid_input', `${basename(path)} is not a file`);
    return this.add({ path, name: basename(path), size: info.size, uploaded: false });
  }

  /** Keeps an upload from the browser host's page under the data directory, refusing more than `maxBytes`. */
  async storeUpload(source: Readable, name: string, maxBytes: number = LIMITS.rawBody): Promise<FileGrantInfo> {
    await mkdir(this.uploadsDir, { recursive: true, mode: 0o700 });
    const id = randomBytes(12).toString('hex');
    const path = join(this.uploadsDir, id);
    let size = 0;
    const cap = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        size += chunk.length;
        if (size > maxBytes) done(new AppFailure('invalid_input', `${name} is larger than ${maxBytes} bytes`));
        else done(null, chunk);
      },
    });
    try {
      await pipeline(source, cap, createWriteStream(path, { mode: 0o600 }));
    } catch (error) {
      await rm(path, { force: true });
      throw error instanceof AppFailure ? error : new AppFailure('io', `Could not keep the upload of ${name}`);
    }
    return this.add({ path, name: basename(name) || 'upload', size, uploaded: true }, id);
  }

  /** What the renderer may know of a grant, or null when it is unknown (another machine, forgotten). */
  describe(ref: string): FileGrantInfo | null {
    const grant = this.grants.get(ref.slice(FILE_GRANT_PREFIX.length));
    return grant ? { ref, name: grant.name, size: grant.size } : null;
  }

  /**
   * Reads a granted file for a body. Anything but a known grant is refused: the renderer
   * cannot make main open a path of its choosing.
   */
  async read(ref: string, what: string): Promise<{ bytes: Uint8Array; name: string }> {
    if (!ref) throw new AppFailure('invalid_input', `${what}: no file chosen. Choose a file.`);
    if (!isFileGrant(ref))
      throw new AppFailure(
        'invalid_input',
        `${what}: "${ref.slice(0, 200)}" is a path, and Signet reads only files you choose with "Choose file". Choose it again.`,
      );
    const grant = this.grants.get(ref.slice(FILE_GRANT_PREFIX.length));
    if (!grant)
      throw new AppFailure('not_found', `${what}: the chosen file is no longer known to Signet. Choose it again.`);
    try {
      const info = await stat(grant.path);
      if (info.size > LIMITS.rawBody)
        throw new AppFailure('invalid_input', `${what}: ${grant.name} is larger than ${LIMITS.rawBody} bytes`);
      return { bytes: new Uint8Array(await readFile(grant.path)), name: grant.name };
    } catch (error) {
      if (error instanceof AppFailure) throw error;
      const code = (error as NodeJS.ErrnoException).code ?? 'error';
      throw new AppFailure('io', `${what}: could not read ${grant.name} (${code}). Choose it again.`);
    }
  }

  private async add(grant: Grant, id = randomBytes(12).toString('hex')): Promise<FileGrantInfo> {
    this.grants.set(id, grant);
    await mkdir(this.dataDir, { recursive: true });
    await writeFileAtomic(this.indexPath, JSON.stringify(Object.fromEntries(this.grants)));
    return { ref: FILE_GRANT_PREFIX + id, name: grant.name, size: grant.size };
  }
}
