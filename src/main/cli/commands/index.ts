import type { CliCommand } from '../command';
import { webCommand } from './web';
import { sandboxCommand } from './sandbox';
import { assumeRoleCommand } from './assume-role';
import { signCommand } from './sign';
import { sendCommand } from './send';
import { importCommand } from './import';
import { exportCommand } from './export';
import { historyCommand } from './history';

/** Every subcommand, in the order `signet --help` lists them. Each domain adds its own line. */
export const commands: readonly CliCommand[] = [
  webCommand,
  sandboxCommand,
  assumeRoleCommand,
  signCommand,
  sendCommand,
  importCommand,
  exportCommand,
  historyCommand,
];
