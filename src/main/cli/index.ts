import { appVersion } from '../paths';
import { UsageError, type CliIo } from './command';
import { commands } from './commands';

function help(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return `Signet ${appVersion()}: call IAM (SigV4) protected AWS APIs\n\nUsage: signet <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nRun "signet <command> --help" for a command's options.\n`;
}

/** Runs `signet ...`; resolves to the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(help());
    return 0;
  }
  if (name === '--version' || name === '-v') {
    io.stdout(`${appVersion()}\n`);
    return 0;
  }
  const entry = commands.find((c) => c.name === name);
  if (!entry) {
    io.stderr(`signet: unknown command "${name}". Run "signet --help".\n`);
    return 2;
  }
  const command = await entry.load();
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(`${command.usage}\n`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    const usage =
      error instanceof UsageError ||
      (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'));
    io.stderr(`signet ${name}: ${error instanceof Error ? error.message : String(error)}\n`);
    return usage ? 2 : 1;
  }
}

/** Entry point of the `signet` bin. */
export function main(): void {
  runCli(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stdoutBytes: process.stdout,
    stderr: (text) => process.stderr.write(text),
    env: process.env,
    cwd: process.cwd(),
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`signet: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
