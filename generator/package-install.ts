/** INSTALL.md of a package, rendered from templates/package with facts from the schema. */
import { join } from 'node:path';
import { kitInfo } from './scaffold-kit.js';
import { renderTemplateDir } from './scaffold-template.js';
import type { ResourceTypeSchema } from './schema-types.js';
import { codeSpan, markdownText } from './text-escape.js';

export interface InstallFacts {
  schema: ResourceTypeSchema;
  typeId: string;
  /** Library path inside the package, '/'-separated. */
  libraryPath: string;
  libraryKind: 'windows' | 'linux';
  /** Package files, '/'-separated, INSTALL.md included. */
  files: string[];
}

export function renderInstallReadme(facts: InstallFacts): string {
  const { schema } = facts;
  const libraryNote =
    facts.libraryKind === 'windows'
      ? `The resource library is the Windows DLL \`${facts.libraryPath}\`.`
      : `**This package holds the Linux library \`${facts.libraryPath}\`, not a Windows DLL**: it was built ` +
        'where no Windows build was available. It runs in the clusterkit harness; for a Windows cluster, ' +
        'rebuild with `clusterkit build --target windows` and package again.';
  const view = {
    typeName: schema.type,
    displayName: schema.displayName,
    typeId: facts.typeId,
    version: schema.version,
    kitVersion: kitInfo().version,
    libraryPath: facts.libraryPath.split('/').join('\\'),
    libraryNote,
    files: facts.files,
    properties: schema.properties.map((p) => ({ name: p.name, kind: p.kind, facts: propFacts(p) })),
  };
  const [file] = renderTemplateDir(join(kitInfo().templatesDir, 'package'), view);
  return file.content.toString('utf8');
}

function propFacts(p: ResourceTypeSchema['properties'][number]): string {
  const facts: string[] = [];
  if (p.required) facts.push('required');
  if (p.readOnly) facts.push('read-only');
  if (p.default !== undefined) facts.push(`default ${codeSpan(JSON.stringify(p.default))}`);
  if (p.min !== undefined || p.max !== undefined)
    facts.push(`range ${p.min ?? '…'}..${p.max ?? '…'}`);
  const text = [facts.join(', '), p.description ? markdownText(p.description) : '']
    .filter(Boolean)
    .join('. ');
  return text ? `: ${text}` : '';
}
