/**
 * A template is a plain folder under templates/ plus a `template.json` manifest. Files are
 * copied verbatim unless their name ends in `.hbs` (rendered, suffix dropped); names listed in
 * the manifest's `rename` change on output (`_gitignore` → `.gitignore`, since npm drops
 * dotfiles named .gitignore from published packages).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { renderTemplate } from './scaffold-render.js';
import { ScaffoldError } from './scaffold-errors.js';

export interface TemplateManifest {
  description: string;
  /** Output names for stored names, matched on the last path segment. */
  rename: Record<string, string>;
  /** Every field the view must provide; checked before rendering anything. */
  fields: string[];
}

export interface RenderedFile {
  /** Output path, '/'-separated, relative to the target folder. */
  path: string;
  content: Buffer;
}

const MANIFEST = 'template.json';

/** Reads and checks templates/<name>/template.json. */
export function readManifest(templateDir: string): TemplateManifest {
  const file = join(templateDir, MANIFEST);
  let raw: any;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ScaffoldError(
      'TEMPLATE_INVALID',
      `cannot read the template manifest ${file}: ${(err as Error).message}`,
    );
  }
  const ok =
    typeof raw?.description === 'string' &&
    typeof raw.rename === 'object' &&
    Array.isArray(raw.fields) &&
    raw.fields.every((f: unknown) => typeof f === 'string');
  if (!ok)
    throw new ScaffoldError(
      'TEMPLATE_INVALID',
      `${file} needs "description", "rename" and "fields"`,
    );
  return raw as TemplateManifest;
}

/** Renders every file of the template in a stable (sorted) order. */
export function renderTemplateDir(
  templateDir: string,
  view: Record<string, unknown>,
): RenderedFile[] {
  const manifest = readManifest(templateDir);
  const missing = manifest.fields.filter((f) => view[f] === undefined);
  if (missing.length > 0) {
    throw new ScaffoldError(
      'TEMPLATE_INVALID',
      `template ${templateDir} needs values for: ${missing.join(', ')}`,
    );
  }
  return listFiles(templateDir, '')
    .filter((rel) => rel !== MANIFEST)
    .map((rel) => {
      const bytes = readFileSync(join(templateDir, rel));
      const rendered = rel.endsWith('.hbs');
      const content = rendered
        ? Buffer.from(renderTemplate(bytes.toString('utf8'), view, rel), 'utf8')
        : bytes;
      return { path: outputName(rendered ? rel.slice(0, -4) : rel, manifest.rename), content };
    });
}

function outputName(rel: string, rename: Record<string, string>): string {
  const dir = posix.dirname(rel);
  const base = posix.basename(rel);
  const renamed = rename[base] ?? base;
  return dir === '.' ? renamed : `${dir}/${renamed}`;
}

function listFiles(root: string, rel: string): string[] {
  const out: string[] = [];
  const entries = readdirSync(join(root, rel), { withFileTypes: true }).sort((a, b) =>
    a.name < b.name ? -1 : 1,
  );
  for (const e of entries) {
    const child = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...listFiles(root, child));
    else if (e.isFile()) out.push(child);
  }
  return out;
}
