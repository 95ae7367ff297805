/**
 * Comment-based help of the generated cmdlets, written as `#` line comments so no schema text
 * can close a block comment. Every line of schema text goes through psCommentLines.
 */
import type { Schema, SchemaProperty } from '../src/bundle/sdk/schema.js';
import type { AdminParam } from './admin-params.js';
import { psCommentLines, psConstString } from './admin-quote.js';

type Section = [keyword: string, text: string];

/** Renders sections as `# .KEYWORD` headers followed by indented text lines. */
export function helpBlock(sections: readonly Section[]): string {
  const lines: string[] = [];
  for (const [keyword, text] of sections) {
    lines.push(`# .${keyword}`);
    lines.push(...psCommentLines(text));
  }
  return lines.join('\n');
}

/** `.PARAMETER` sections of the property parameters. */
export function propertySections(params: readonly AdminParam[]): Section[] {
  return params.map((p) => [`PARAMETER ${p.param}`, describeProp(p)]);
}

/** One paragraph per property: its description, then cluster name, kind, default and range. */
export function describeProp(p: AdminParam): string {
  const summary = `Cluster private property '${p.prop.name}' (${p.prop.kind}, [${p.psType}]); ${propFacts(p.prop).join('; ')}.`;
  return p.prop.description ? `${p.prop.description}\n${summary}` : summary;
}

/**
 * What an administrator needs to know of a property, in sentences' parts: the help of the
 * cmdlets and INSTALL.md say the same (one wording, one source).
 */
export function propFacts(
  prop: SchemaProperty,
  value: (text: string) => string = (t) => t,
): string[] {
  const facts: string[] = [];
  if (prop.required) facts.push('required');
  if (prop.readOnly) facts.push('read-only, reported by the resource');
  if (prop.kind === 'secret') facts.push('write-only: never read back, never logged');
  if (prop.choices)
    facts.push(`one of ${prop.choices.map((c) => value(psConstString(c))).join(', ')}`);
  if (prop.default !== undefined) facts.push(`default ${value(psDefault(prop))}`);
  if (prop.min !== undefined) facts.push(`minimum ${prop.min}`);
  if (prop.max !== undefined) facts.push(`maximum ${prop.max}`);
  if (!prop.readOnly)
    facts.push(
      prop.live
        ? 'applies at once while the resource is online'
        : 'a change takes effect at the next online',
    );
  return facts;
}

/** A default as PowerShell writes it: $true/$false, 'text', @('a', 'b'), 0x0a 0x1b. */
export function psDefault(prop: SchemaProperty): string {
  const value = prop.default;
  if (prop.kind === 'bool') return value === 1 ? '$true' : '$false';
  if (prop.kind === 'binary')
    return value === ''
      ? '(no bytes)'
      : (String(value).match(/../g) ?? []).map((b) => `0x${b}`).join(' ');
  if (Array.isArray(value)) return `@(${value.map((v) => psConstString(String(v))).join(', ')})`;
  return typeof value === 'string' && prop.kind !== 'ulargeInteger' && prop.kind !== 'largeInteger'
    ? psConstString(value)
    : String(value);
}

/** The property list of Get-<Type>Resource's output, for its .OUTPUTS section. */
export function outputsText(schema: Schema, params: readonly AdminParam[]): string {
  const lines = [
    `One object per resource of type '${schema.type}': Name, State, OwnerGroup, OwnerNode, Resource`,
    '(the ClusterResource object), and the typed private properties:',
  ];
  for (const p of params) lines.push(`${p.param}: ${describeProp(p).replace(/\s*\n\s*/g, ' ')}`);
  return lines.join('\n');
}
