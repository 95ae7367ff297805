/**
 * The shape of a CLI command. One table of these (commands.ts) drives parsing, help and
 * validation; command modules live in src/dev/cli/commands/<name>.ts.
 */

export interface FlagSpec {
  /** Long name without dashes: 'handler' is given as --handler. */
  name: string;
  /** 'string' takes a value (--out dist or --out=dist); 'boolean' takes none. */
  type: 'string' | 'boolean';
  /** Placeholder shown in help, e.g. '<file>'. */
  value?: string;
  description: string;
  /** Shown in help; the command applies it itself. */
  default?: string;
  /** Allowed values; anything else is a usage error listing them. */
  choices?: readonly string[];
  /** A string flag given several times keeps every value (ParsedArgs.lists), in order. */
  repeatable?: boolean;
  /** A string flag whose value may be left out: given bare (last, or before another flag), it takes this value. */
  bareValue?: string;
}

export interface PositionalSpec {
  name: string;
  required: boolean;
  description: string;
}

export interface ParsedArgs {
  /** By flag name; absent flags are undefined. */
  flags: Record<string, string | boolean | undefined>;
  positionals: string[];
  /** Every value of each repeatable flag, in order (its last one is also in `flags`). */
  lists?: Record<string, string[]>;
}

export interface CommandContext {
  cwd: string;
  /** Writes one line to stdout. */
  out: (line: string) => void;
  /** Writes one line of progress to stderr. */
  log: (line: string) => void;
}

export interface CommandSpec {
  name: string;
  /** One line for the command list. */
  summary: string;
  positionals?: readonly PositionalSpec[];
  flags: readonly FlagSpec[];
  /** Extra lines printed at the end of `clusterkit <name> --help`. */
  notes?: readonly string[];
  /** Resolves to the exit code (default 0). Throw UsageError for bad input (exit 2), anything else exits 1. */
  run(args: ParsedArgs, ctx: CommandContext): Promise<number | void>;
}

/** Bad command-line input: printed on one line, exit code 2. */
export class UsageError extends Error {
  readonly code = 'USAGE';
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
