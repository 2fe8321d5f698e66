import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { SecretStore } from '../../core/secrets';
import { defaultDataDir } from '../../workspace/data-dir';
import { createWorkspaceService } from '../../collections/service';
import { UsageError, type CliCommand } from '../command';

const USAGE = `signet export NAME --out FILE [--include-secrets]

Writes the collection NAME (its name or id) of the workspace at SIGNET_DATA_DIR, else
\${XDG_DATA_HOME:-~/.local/share}/signet, as Postman Collection v2.1 JSON that Postman and
newman run, awsv4 auth included. Stored secrets are left empty unless --include-secrets.
Prints one JSON line: {out, notes}.`;

/** `signet export NAME --out FILE`: a collection as Postman v2.1. */
export const exportCommand: CliCommand = {
  name: 'export',
  summary: 'Export a workspace collection as Postman v2.1 JSON',
  usage: USAGE,
  async run(argv, io) {
    const { values, positionals } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: true,
      options: { out: { type: 'string' }, 'include-secrets': { type: 'boolean', default: false } },
    });
    if (positionals.length !== 1) throw new UsageError('expected exactly one collection NAME');
    if (!values.out) throw new UsageError('--out FILE is required');
    const name = positionals[0]!;
    const workspace = createWorkspaceService({ dataDir: defaultDataDir(io.env), secrets: new SecretStore() });
    const { collections } = (await workspace.load()).workspace;
    const named = collections.filter((c) => c.name === name);
    if (named.length > 1 && !collections.some((c) => c.id === name))
      throw new Error(`${named.length} collections are named "${name}"; give the id instead`);
    const result = await workspace.exportCollection(name, values['include-secrets']);
    const out = path.resolve(io.cwd, values.out);
    await writeFile(out, result.json, { mode: 0o600 });
    io.stdout(`${JSON.stringify({ out, notes: result.notes })}\n`);
    return 0;
  },
};
