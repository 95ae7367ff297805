/**
 * Comment-based help of the generated cmdlets, written as `#` line comments so no schema text
 * can close a block comment. Every line of schema text goes through psCommentLines.
 */
import type { AdminParam } from './admin-params.js';
import { psCommentLines } from './admin-quote.js';
import type { ResourceTypeSchema } from './schema-types.js';

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
  const facts = [`Cluster private property '${p.prop.name}' (${p.prop.kind}, [${p.psType}])`];
  if (p.prop.required) facts.push('required');
  if (p.prop.readOnly) facts.push('read-only, reported by the resource');
  if (p.prop.default !== undefined) facts.push(`default ${formatDefault(p.prop.default)}`);
  if (p.prop.min !== undefined) facts.push(`minimum ${p.prop.min}`);
  if (p.prop.max !== undefined) facts.push(`maximum ${p.prop.max}`);
  const summary = `${facts.join('; ')}.`;
  return p.prop.description ? `${p.prop.description}\n${summary}` : summary;
}

/** The property list of Get-<Type>Resource's output, for its .OUTPUTS section. */
export function outputsText(schema: ResourceTypeSchema, params: readonly AdminParam[]): string {
  const lines = [
    `One object per resource of type '${schema.type}': Name, State, OwnerGroup, OwnerNode, Resource`,
    '(the ClusterResource object), and the typed private properties:',
  ];
  for (const p of params) lines.push(`${p.param}: ${describeProp(p).replace(/\s*\n\s*/g, ' ')}`);
  return lines.join('\n');
}

function formatDefault(value: number | string | string[]): string {
  if (Array.isArray(value)) return `@(${value.map((v) => `'${v}'`).join(', ')})`;
  return typeof value === 'string' ? `'${value}'` : String(value);
}
