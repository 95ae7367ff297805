/**
 * The one Handlebars environment of the generators: isolated from the global instance,
 * `strict` (a missing value is an error, not an empty string) and `noEscape` (HTML escaping
 * would corrupt TypeScript, JSON and PowerShell). Helpers are few and named.
 */
import { createRequire } from 'node:module';
import type HandlebarsModule from 'handlebars';
import { ScaffoldError } from './scaffold-errors.js';
import { codeSpan, commentText, markdownText } from './text-escape.js';

type Hbs = typeof HandlebarsModule;
let instance: Hbs | undefined;

/** The environment, made on first use: a build whose outputs are current never loads Handlebars. */
function hbs(): Hbs {
  if (instance) return instance;
  const Handlebars = createRequire(import.meta.url)('handlebars') as Hbs;
  instance = Handlebars.create();
  // JSON literal of a value: the only safe way to put free text into package.json or TS source.
  instance.registerHelper('json', (value: unknown) => JSON.stringify(value));
  // A POSIX shell word: single-quoted, with ' written as '\''.
  instance.registerHelper('sh', (value: unknown) => `'${String(value).replace(/'/g, `'\\''`)}'`);
  // Markdown text, a Markdown code span (with its backticks), text inside a /* */ comment.
  instance.registerHelper('md', (value: unknown) => markdownText(String(value)));
  instance.registerHelper('code', (value: unknown) => codeSpan(String(value)));
  instance.registerHelper('comment', (value: unknown) => commentText(String(value)));
  return instance;
}

const cache = new Map<string, HandlebarsModule.TemplateDelegate>();

/** Renders `source` (named `where` in errors) with `view`; a missing field throws TEMPLATE_INVALID. */
export function renderTemplate(source: string, view: object, where: string): string {
  let compiled = cache.get(source);
  if (!compiled) {
    checkNoEscapedMustache(source, where);
    compiled = hbs().compile(source, { strict: true, noEscape: true });
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

/**
 * `\{{x}}` is Handlebars' escape for a literal `{{x}}`, so a Windows path written as
 * `.\{{typeId}}.psd1` renders the raw braces instead of the value. No template of the kit
 * means a literal mustache: put such paths in the view instead.
 */
function checkNoEscapedMustache(source: string, where: string): void {
  const at = source.indexOf('\\{{');
  if (at < 0) return;
  const line = source.slice(0, at).split('\n').length;
  throw new ScaffoldError(
    'TEMPLATE_INVALID',
    `template ${where} line ${line}: a backslash before {{ escapes the value (Handlebars prints the braces); pass the whole path in the view instead`,
  );
}
