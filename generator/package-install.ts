/**
 * INSTALL.md of a package, rendered from templates/package with facts from the schema. It
 * holds only instructions that work for the library the package carries: a Linux library gets
 * no registration steps, since the admin module registers a Windows DLL.
 */
import { join } from 'node:path';
import type { Schema } from '../src/bundle/sdk/schema.js';
import { newResourceExample } from './admin-example.js';
import { propFacts as adminPropFacts } from './admin-help.js';
import { adminParams } from './admin-params.js';
import { kitInfo } from './scaffold-kit.js';
import { renderTemplateDir } from './scaffold-template.js';
import { codeSpan, markdownText } from './text-escape.js';

export interface InstallFacts {
  schema: Schema;
  typeId: string;
  /** Library path inside the package, '/'-separated. */
  libraryPath: string;
  libraryKind: 'windows' | 'linux';
  /** Package files, '/'-separated, INSTALL.md included. */
  files: string[];
}

const CLASS_NAMES: Readonly<Record<number, string>> = { 1: 'storage', 2: 'network' };

export function renderInstallReadme(facts: InstallFacts): string {
  const { schema, typeId } = facts;
  const writable = adminParams(schema.properties).filter((p) => !p.prop.readOnly);
  const dependencies = [
    ...schema.requiredDependencies.types.map((t) => `a resource of type ${codeSpan(t)}`),
    ...schema.requiredDependencies.classes.map(
      (c) => `a resource of class ${CLASS_NAMES[c] ?? 'number'} (${c})`,
    ),
  ];
  const view = {
    windows: facts.libraryKind === 'windows',
    typeName: schema.type,
    displayName: schema.displayName,
    typeId,
    version: schema.version,
    kitVersion: kitInfo().version,
    libraryPath: facts.libraryPath,
    moduleFile: `.\\${typeId}.psd1`,
    exampleInstallPath: `D:\\ClusterTypes\\${typeId}`,
    defaultInstallPath: `C:\\Program Files\\clusterkit\\${typeId}`,
    files: facts.files,
    hasDependencies: dependencies.length > 0,
    dependencies,
    newExample: newResourceExample(schema, typeId, writable),
    properties: schema.properties.map((p) => ({ name: p.name, kind: p.kind, facts: propFacts(p) })),
  };
  const [file] = renderTemplateDir(join(kitInfo().templatesDir, 'package'), view);
  return file.content.toString('utf8');
}

/** The cmdlets' own facts (admin-help.ts), values as code spans: one wording in both places. */
function propFacts(p: Schema['properties'][number]): string {
  const facts = adminPropFacts(p, codeSpan);
  const text = [facts.join(', '), p.description ? markdownText(p.description) : '']
    .filter(Boolean)
    .join('. ');
  return text ? `: ${text}` : '';
}
