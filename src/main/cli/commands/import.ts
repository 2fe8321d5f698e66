import { decodeImportBytes } from '../../../shared/import-bytes';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { COLLECTION_LIMITS } from '../../../shared/collection';
import { SecretStore } from '../../core/secrets';
import { defaultDataDir } from '../../workspace/data-dir';
import { createWorkspaceService } from '../../collections/service';
import { UsageError, type CliCommand } from '../command';

const USAGE = `signet import FILE

Imports a Postman collection (v2.0 or v2.1) or a Postman environment into the workspace at
SIGNET_DATA_DIR, else \${XDG_DATA_HOME:-~/.local/share}/signet, and prints one JSON line:
  {format, name, folders, requests, auth, variables, warnings}
auth counts requests by effective auth type after inheritance. A file that is not a
collection is refused with a one-line error (exit 1) and the workspace is left unchanged.`;

/** Counts the secrets an import hands over, to say when they cannot outlive this process. */
class CountingSecretStore extends SecretStore {
  stored = 0;
  override async put(value: string, label = ''): ReturnType<SecretStore['put']> {
    this.stored += 1;
    return super.put(value, label);
  }
}

/** `signet import FILE`: Postman file into the workspace. */
export const importCommand: CliCommand = {
  name: 'import',
  summary: 'Import a Postman collection or environment into the workspace and print what was found',
  usage: USAGE,
  async run(argv, io) {
    const { positionals } = parseArgs({ args: [...argv], strict: true, allowPositionals: true, options: {} });
    if (positionals.length !== 1) throw new UsageError('expected exactly one FILE');
    const file = path.resolve(io.cwd, positionals[0]!);
    const size = (await stat(file)).size;
    if (size > COLLECTION_LIMITS.importBytes)
      throw new Error(`${file}: file is larger than ${COLLECTION_LIMITS.importBytes / 1024 / 1024} MB`);
    const secrets = new CountingSecretStore();
    const workspace = createWorkspaceService({ dataDir: defaultDataDir(io.env), secrets });
    const result = await workspace
      .importFile(path.basename(file), decodeImportBytes(await readFile(file)))
      .catch((error: unknown) => {
        throw new Error(`${path.basename(file)}: ${error instanceof Error ? error.message : String(error)}`);
      });
    const { format, name, folders, requests, auth, variables } = result.report;
    const warnings = [...result.report.warnings];
    // Outside the desktop app there is no encrypted secret store, so secrets found in the file cannot be kept.
    if (secrets.stored > 0 && !secrets.encrypted)
      warnings.push(
        `${secrets.stored} secret values were not kept (no encrypted secret store outside the desktop app); enter them again in Signet`,
      );
    io.stdout(`${JSON.stringify({ format, name, folders, requests, auth, variables, warnings })}\n`);
    return 0;
  },
};
