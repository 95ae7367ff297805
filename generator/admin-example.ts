/**
 * The `New-<TypeId>Resource` command line shown in its help and in INSTALL.md: every
 * mandatory parameter, with a placeholder an administrator replaces, so the example never
 * leaves out what the cmdlet would prompt for, and -DependsOn when the type requires a
 * dependency (the cluster would not bring the resource online without it).
 */
import type { PropKind } from '../src/bundle/clusprop/kinds.js';
import type { Schema } from '../src/bundle/sdk/schema.js';
import type { AdminParam } from './admin-params.js';

const PLACEHOLDER: Readonly<Record<PropKind, string>> = {
  dword: '<number>',
  long: '<number>',
  bool: '$true',
  string: "'<text>'",
  expandString: "'<text>'",
  multiString: "'<item>', '<item>'",
  binary: '([byte[]](1, 2))',
  ulargeInteger: '<number>',
  largeInteger: '<number>',
  choice: "'<choice>'",
  secret: '(Read-Host -AsSecureString)',
};

/** Schema text never reaches the line: only parameter names (identifiers) and fixed text. */
export function newResourceExample(
  schema: Schema,
  typeId: string,
  writable: readonly AdminParam[],
): string {
  const args = writable
    .filter((p) => p.prop.required)
    .map((p) => `-${p.param} ${PLACEHOLDER[p.prop.kind]}`);
  if (schema.requiredDependencies.types.length > 0) args.push(`-DependsOn '<provider resource>'`);
  return [`New-${typeId}Resource -Name 'Resource1' -Group 'Group1'`, ...args].join(' ');
}

/** One sentence naming what a resource of the type must depend on, or '' when nothing. */
export function dependencySentence(schema: Schema): string {
  const { types, classes } = schema.requiredDependencies;
  const parts = [
    ...types.map((t) => `a resource of type '${t}'`),
    ...classes.map((c) => `a resource of class ${CLASS_NAMES[c] ?? c}`),
  ];
  if (parts.length === 0) return '';
  return `Every resource of this type must depend on ${parts.join(' and on ')} in its group; the cluster does not bring it online otherwise.`;
}

const CLASS_NAMES: Readonly<Record<number, string>> = { 1: 'storage (1)', 2: 'network (2)' };
