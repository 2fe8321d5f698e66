/** One `signet <name>` subcommand. */
export interface CliCommand {
  readonly name: string;
  /** One line for `signet --help`. */
  readonly summary: string;
  /** Full usage text for `signet <name> --help`. */
  readonly usage: string;
  /** Runs the command; resolves to the process exit code. Long-running commands resolve when stopped. */
  run(argv: readonly string[], io: CliIo): Promise<number>;
}

export interface CliIo {
  readonly stdout: (text: string) => void;
  /**
   * Standard output as a byte stream, for bodies: binary-safe and with backpressure, so a
   * large response is passed through rather than held. Without it, bodies go to `stdout`
   * as UTF-8 text.
   */
  readonly stdoutBytes?: NodeJS.WritableStream;
  readonly stderr: (text: string) => void;
  /** Whether stderr is a terminal (progress may be drawn there); false or absent for a pipe or file. */
  readonly stderrIsTerminal?: boolean;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
}

/** A usage mistake: printed as one line, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
