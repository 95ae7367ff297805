/**
 * Argument parsing driven by a command's table entry: flags (--name value, --name=value,
 * booleans), positionals, and one-line usage errors that say what to type instead.
 */
import { closest } from '../cluster/closest.js';
import { UsageError, type CommandSpec, type FlagSpec, type ParsedArgs } from './command.js';

export function parseCommandArgs(command: CommandSpec, argv: readonly string[]): ParsedArgs {
  const flags: ParsedArgs['flags'] = {};
  const lists: Record<string, string[]> = {};
  const positionals: string[] = [];
  const where = `clusterkit ${command.name}`;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') ? arg.slice(2, eq < 0 ? undefined : eq) : '';
    const spec = command.flags.find((f) => f.name === name);
    if (!spec) throw unknownFlag(command, arg.slice(0, eq < 0 ? undefined : eq));
    if (spec.type === 'boolean') {
      if (eq >= 0) throw new UsageError(`${where}: --${name} takes no value; write just --${name}`);
      flags[name] = true;
      continue;
    }
    let value: string | undefined = eq >= 0 ? arg.slice(eq + 1) : argv[i + 1];
    if (eq < 0) {
      if (value !== undefined && value.startsWith('--')) value = undefined;
      else if (value !== undefined) i++;
    }
    if (value === undefined && spec.bareValue !== undefined) {
      flags[name] = spec.bareValue;
      continue;
    }
    if (value === undefined || value === '') {
      throw new UsageError(
        `${where}: --${name} needs a value: ${where} --${name} ${spec.value ?? '<value>'}`,
      );
    }
    checkChoice(where, spec, value);
    flags[name] = value;
    if (spec.repeatable) (lists[name] ??= []).push(value);
  }
  checkPositionals(command, positionals);
  return { flags, positionals, lists };
}

function checkChoice(where: string, spec: FlagSpec, value: string): void {
  if (spec.choices && !spec.choices.includes(value)) {
    throw new UsageError(
      `${where}: --${spec.name} ${value} is not valid; use one of: ${spec.choices.join(', ')}`,
    );
  }
}

function checkPositionals(command: CommandSpec, given: string[]): void {
  const specs = command.positionals ?? [];
  const where = `clusterkit ${command.name}`;
  if (given.length > specs.length) {
    const extra = given[specs.length];
    const hint =
      extra.includes('=') || specs.length === 0
        ? `; flags start with -- (see ${where} --help)`
        : '';
    throw new UsageError(`${where}: unexpected argument "${extra}"${hint}`);
  }
  const missing = specs.slice(given.length).find((p) => p.required);
  if (missing)
    throw new UsageError(`${where}: missing <${missing.name}>: ${where} ${usageLine(command)}`);
}

function unknownFlag(command: CommandSpec, flag: string): UsageError {
  const name = flag.replace(/^-+/, '');
  const guess = closest(
    name,
    command.flags.map((f) => f.name),
  );
  const hint = guess
    ? `did you mean --${guess}?`
    : `run clusterkit ${command.name} --help for its flags`;
  return new UsageError(`clusterkit ${command.name}: unknown flag ${flag}; ${hint}`);
}

/** `<name> [name]` for the positionals and `[flags]`. */
export function usageLine(command: CommandSpec): string {
  const parts = (command.positionals ?? []).map((p) =>
    p.required ? `<${p.name}>` : `[${p.name}]`,
  );
  if (command.flags.length > 0) parts.push('[flags]');
  return parts.join(' ');
}
