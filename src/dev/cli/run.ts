/**
 * The CLI as a function: argv in, exit code out. The only place that turns errors into
 * messages and exit codes (2 = usage, 1 = the command failed).
 */
import { KIT_VERSION } from '../../bundle/version.js';
import { closest } from '../cluster/closest.js';
import { UsageError, type CommandContext, type CommandSpec } from './command.js';
import { COMMANDS } from './commands.js';
import { commandHelp, generalHelp } from './help.js';
import { parseCommandArgs } from './parse.js';

export interface CliIo {
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export async function runCli(
  argv: readonly string[],
  io: CliIo,
  commands: readonly CommandSpec[] = COMMANDS,
): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined) {
    // No command is a usage error: the help goes where errors go.
    io.stderr(generalHelp(commands));
    return 2;
  }
  if (first === '--help' || first === '-h' || first === 'help') {
    io.stdout(generalHelp(commands));
    return 0;
  }
  if (first === '--version' || first === '-v') {
    io.stdout(`${KIT_VERSION}\n`);
    return 0;
  }
  const command = commands.find((c) => c.name === first);
  if (!command) return usage(io, unknownCommand(first, commands));
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(commandHelp(command));
    return 0;
  }
  const ctx: CommandContext = {
    cwd: io.cwd,
    out: (line) => io.stdout(`${line}\n`),
    log: (line) => io.stderr(`${line}\n`),
  };
  try {
    const args = parseCommandArgs(command, rest);
    return (await command.run(args, ctx)) ?? 0;
  } catch (err) {
    if (err instanceof UsageError) return usage(io, err.message);
    const e = err as Error & { code?: unknown };
    const detail =
      typeof e.code === 'string'
        ? ''
        : `\n${e.stack ?? ''}\n(an unexpected error: please report it)`;
    io.stderr(`clusterkit ${command.name}: ${e.message ?? String(err)}${detail}\n`);
    return 1;
  }
}

function unknownCommand(name: string, commands: readonly CommandSpec[]): string {
  if (name.startsWith('-')) return `clusterkit: unknown flag ${name}; run clusterkit --help`;
  const guess = closest(
    name,
    commands.map((c) => c.name),
  );
  const hint = guess
    ? `did you mean clusterkit ${guess}?`
    : 'run clusterkit --help for the list of commands';
  return `clusterkit: unknown command "${name}"; ${hint}`;
}

function usage(io: CliIo, message: string): number {
  io.stderr(`${message}\n`);
  return 2;
}
