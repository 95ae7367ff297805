/**
 * The options of `clusterkit new`, as one typed table: the CLI derives its flags and help
 * from it, prompts for missing values on a TTY from it, and validates with it.
 */
import { validateTypeName } from './naming.js';
import { ScaffoldError } from './scaffold-errors.js';

export interface NewProjectOptions {
  typeName: string;
  dir?: string;
  kit?: string;
  force?: boolean;
  displayName?: string;
}

export interface NewOptionSpec {
  key: keyof NewProjectOptions;
  /** Position among the positional arguments, or absent for a flag. */
  position?: number;
  /** `--flag` spelling for flags. */
  flag?: string;
  /** Placeholder of a string flag's value in help. */
  placeholder?: string;
  kind: 'string' | 'boolean';
  required: boolean;
  summary: string;
  /** Question asked on a TTY when the value is missing; absent = never asked. */
  prompt?: string;
  /** Throws an error naming the problem; returns the value to use. */
  check?: (value: string) => string;
}

export const NEW_OPTIONS: readonly NewOptionSpec[] = [
  {
    key: 'typeName',
    position: 0,
    kind: 'string',
    required: true,
    summary: 'cluster resource type name (spaces allowed, e.g. "Echo Server")',
    prompt: 'Resource type name',
    check: (v) => validateTypeName(v),
  },
  {
    key: 'dir',
    position: 1,
    kind: 'string',
    required: false,
    summary: 'target folder (default: the type name in kebab-case)',
    check: (v) => nonEmpty(v, 'the target folder'),
  },
  {
    key: 'displayName',
    flag: '--display-name',
    placeholder: '<text>',
    kind: 'string',
    required: false,
    summary: 'display name shown by cluster tools (default: the type name)',
    prompt: 'Display name',
    check: (v) => nonEmpty(v, '--display-name'),
  },
  {
    key: 'kit',
    flag: '--kit',
    placeholder: '<path-or-tarball>',
    kind: 'string',
    required: false,
    summary:
      'depend on this clusterkit checkout or packed tarball instead of the published version',
    check: (v) => nonEmpty(v, '--kit'),
  },
  {
    key: 'force',
    flag: '--force',
    kind: 'boolean',
    required: false,
    summary: 'write into a non-empty folder (existing files with the same names are replaced)',
  },
];

function nonEmpty(value: string, what: string): string {
  if (value.trim().length === 0)
    throw new ScaffoldError('BAD_OPTION', `${what} is empty; give a value or leave the option out`);
  return value;
}
