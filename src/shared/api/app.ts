import { z } from 'zod';
import { defineCall } from './define';
import { LIMITS } from '../model';
import type { FileGrantInfo } from '../file-grant';

export type { FileGrantInfo } from '../file-grant';

export interface AppInfo {
  readonly version: string;
  readonly host: 'electron' | 'browser';
  readonly dataDir: string;
  /** Whether secrets at rest are encrypted by the OS keychain (Electron safeStorage). */
  readonly secretsEncrypted: boolean;
  /** Why they are not, when the OS offered something that is not encryption (Linux basic_text). */
  readonly secretsNote?: string;
}

export interface SecretHandle {
  /** `secret:<id>`: what the renderer stores in place of the secret. */
  readonly ref: string;
  /** e.g. `wJal…KEY` style: first and last characters only, or dots. */
  readonly masked: string;
}

export const appCalls = {
  appInfo: defineCall<AppInfo>()(z.object({}).default({}), 'Version, host kind and data directory.'),
  putSecret: defineCall<SecretHandle>()(
    z.object({ value: z.string().min(1).max(LIMITS.headerValue), label: z.string().max(LIMITS.name).default('') }),
    'Hand a secret to main (write-only); returns a reference and a masked form.',
  ),
  chooseFile: defineCall<FileGrantInfo | null>()(
    z.object({}).default({}),
    "Open the system's file dialog (Electron); the chosen file becomes a grant a body may name. Null when cancelled. The browser host uploads instead (POST /api/upload).",
  ),
  describeFile: defineCall<FileGrantInfo | null>()(
    z.object({ ref: z.string().max(LIMITS.name) }),
    'Name and size of a granted file, or null when the grant is unknown (choose the file again).',
  ),
  describeSecret: defineCall<SecretHandle | null>()(
    z.object({ ref: z.string().max(LIMITS.name) }),
    'Masked form of a stored secret, or null when the reference is unknown.',
  ),
};
