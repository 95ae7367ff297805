/**
 * The one Handlebars environment of the generators: isolated from the global instance,
 * `strict` (a missing value is an error, not an empty string) and `noEscape` (HTML escaping
 * would corrupt TypeScript, JSON and PowerShell). Helpers are few and named.
 */
import Handlebars from 'handlebars';
import { ScaffoldError } from './scaffold-errors.js';
import { codeSpan, commentText, markdownText } from './text-escape.js';

const hbs = Handlebars.create();

// JSON literal of a value: the only safe way to put free text into package.json or TS source.
hbs.registerHelper('json', (value: unknown) => JSON.stringify(value));
// A POSIX shell word: single-quoted, with ' written as '\''.
hbs.registerHelper('sh', (value: unknown) => `'${String(value).replace(/'/g, `'\\''`)}'`);
// Markdown text, a Markdown code span (with its backticks), text inside a /* */ comment.
hbs.registerHelper('md', (value: unknown) => markdownText(String(value)));
hbs.registerHelper('code', (value: unknown) => codeSpan(String(value)));
hbs.registerHelper('comment', (value: unknown) => commentText(String(value)));

const cache = new Map<string, Handlebars.TemplateDelegate>();

/** Renders `source` (named `where` in errors) with `view`; a missing field throws TEMPLATE_INVALID. */
export function renderTemplate(source: string, view: object, where: string): string {
  let compiled = cache.get(source);
  if (!compiled) {
    compiled = hbs.compile(source, { strict: true, noEscape: true });
    cache.set(source, compiled);
  }
  try {
    return compiled(view);
  } catch (err) {
    throw new ScaffoldError(
      'TEMPLATE_INVALID',
      `template ${where} failed to render: ${(err as Error).message}`,
    );
  }
}
