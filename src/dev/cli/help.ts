/** Help texts, rendered from the command table. */
import { KIT_VERSION } from '../../bundle/version.js';
import type { CommandSpec, FlagSpec } from './command.js';
import { usageLine } from './parse.js';

export function generalHelp(commands: readonly CommandSpec[]): string {
  return [
    `clusterkit ${KIT_VERSION}: custom resource types for Windows Server Failover Clustering, in TypeScript`,
    '',
    'Usage: clusterkit <command> [flags]',
    '',
    'Commands:',
    ...table(commands.map((c) => [c.name, c.summary])),
    '',
    'Flags:',
    ...table([
      ['-h, --help', 'Show help (also: clusterkit <command> --help)'],
      ['-v, --version', 'Show the version'],
    ]),
    '',
  ].join('\n');
}

export function commandHelp(command: CommandSpec): string {
  const lines = [
    `Usage: clusterkit ${command.name} ${usageLine(command)}`.trimEnd(),
    '',
    command.summary,
    '',
  ];
  if (command.positionals && command.positionals.length > 0) {
    lines.push('Arguments:', ...table(command.positionals.map((p) => [p.name, p.description])), '');
  }
  lines.push(
    'Flags:',
    ...table([...command.flags.map(flagRow), ['-h, --help', 'Show this help']]),
    '',
  );
  if (command.notes && command.notes.length > 0) lines.push(...command.notes, '');
  return lines.join('\n');
}

function flagRow(flag: FlagSpec): [string, string] {
  const value = flag.value ?? '<value>';
  const left =
    flag.type !== 'string'
      ? `--${flag.name}`
      : flag.bareValue !== undefined
        ? `--${flag.name} [${value.replace(/^<(.*)>$/, '$1')}]`
        : `--${flag.name} ${value}`;
  let right = flag.description;
  if (flag.choices) right += ` (${flag.choices.join(' | ')})`;
  if (flag.repeatable) right += ' (may be repeated)';
  if (flag.default !== undefined) right += ` [default: ${flag.default}]`;
  return [left, right];
}

function table(rows: readonly (readonly [string, string])[]): string[] {
  const width = Math.max(...rows.map(([left]) => left.length));
  return rows.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`);
}
