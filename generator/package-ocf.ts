/**
 * `clusterkit package --target ocf` (packageType builds, then calls packageOcf): the Pacemaker
 * package of a type. A folder `dist/package-ocf/<TypeId>/` (the agent, the handler bundle and
 * its assets, install and uninstall scripts, a README) and `dist/<TypeId>-<version>-ocf.tar.gz`
 * of it.
 */
import { chmodSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Schema } from '../src/bundle/sdk/schema.js';
import type { BuildTypeResult } from './build.js';
import { ocfParams, type OcfParam } from './ocf-params.js';
import { resolveAssets } from './out-dir.js';
import { copyInto, fileSafeVersion, listTree, zipEntries } from './package-files.js';
import { createTarGz } from './package-tar.js';
import { kitInfo } from './scaffold-kit.js';
import { PackageError } from './scaffold-errors.js';
import { renderTemplateDir } from './scaffold-template.js';
import { codeSpan, markdownText, oneLine } from './text-escape.js';

export interface OcfPackage {
  dir: string;
  tarball: string;
  /** The agent inside the package, '/'-separated (`ocf/<TypeId>`). */
  library: string;
  files: string[];
}

/** `clusterkit package --target ocf` (packageType): the package and what it was made from. */
export interface OcfPackageTypeResult extends OcfPackage {
  typeName: string;
  typeId: string;
  version: string;
  libraryKind: 'ocf';
  build: BuildTypeResult;
}

const EXECUTABLE = new Set(['install.sh', 'uninstall.sh']);

export function packageOcf(
  build: BuildTypeResult,
  handler: string,
  outDir: string,
  date?: Date,
): OcfPackage {
  const { typeId, schema } = build;
  // Checked before the previous package folder goes: a failure leaves it as it was.
  if (!existsSync(build.library))
    throw new PackageError(
      'NO_LIBRARY',
      `the build did not leave the agent ${build.library}; run clusterkit build --target ocf`,
    );
  if (!existsSync(build.bundle))
    throw new PackageError(
      'NO_BUNDLE',
      `the build did not leave the bundle ${build.bundle}; run clusterkit build --target ocf`,
    );
  const dir = join(outDir, 'package-ocf', typeId);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const library = `ocf/${typeId}`;
  copyInto(build.library, join(dir, ...library.split('/')));
  chmodSync(join(dir, ...library.split('/')), 0o755);
  copyInto(build.bundle, join(dir, basename(build.bundle)));
  for (const extra of [`${build.bundle}.map`, join(outDir, 'package.json')])
    if (existsSync(extra)) copyInto(extra, join(dir, basename(extra)));
  for (const asset of resolveAssets(handler).assets)
    copyInto(join(outDir, basename(asset)), join(dir, basename(asset)));
  for (const file of renderTemplateDir(
    join(kitInfo().templatesDir, 'ocf-package'),
    view(schema, typeId),
  )) {
    const path = join(dir, ...file.path.split('/'));
    writeFileSync(path, file.content);
    if (EXECUTABLE.has(file.path)) chmodSync(path, 0o755);
  }
  const tarball = join(outDir, `${typeId}-${fileSafeVersion(schema.version)}-ocf.tar.gz`);
  writeFileSync(tarball, createTarGz(zipEntries(dir, typeId), date));
  return { dir, tarball, library, files: listTree(dir) };
}

function view(schema: Schema, typeId: string): Record<string, unknown> {
  const params = ocfParams(schema);
  return {
    typeId,
    displayName: markdownText(schema.displayName),
    typeName: codeSpan(schema.type),
    version: codeSpan(schema.version),
    kitVersion: kitInfo().version,
    params: params.map((p) => ({
      name: p.name,
      type: p.contentType,
      facts: facts(p),
      description: p.prop.description ? `: ${markdownText(p.prop.description)}` : '',
    })),
    example: examples(typeId, params),
  };
}

function facts(p: OcfParam): string {
  const out: string[] = [];
  if (p.prop.required) out.push('required');
  if (p.defaultText !== undefined) out.push(`default ${codeSpan(p.defaultText)}`);
  if (p.prop.min !== undefined || p.prop.max !== undefined)
    out.push(`range ${p.prop.min ?? '…'}..${p.prop.max ?? '…'}`);
  if (p.name !== p.prop.name) out.push(`cluster property ${codeSpan(p.prop.name)}`);
  return out.length > 0 ? `, ${out.join(', ')}` : '';
}

/** Command lines an administrator can paste: every required parameter with a placeholder. */
function examples(typeId: string, params: OcfParam[]): { pcs: string; crm: string } {
  const required = params
    .filter((p) => p.prop.required)
    .map((p) => `${p.name}=<${oneLine(p.prop.kind)}>`)
    .join(' ');
  const args = required ? ` ${required}` : '';
  return {
    pcs: `pcs resource create ${typeId}1 ocf:clusterkit:${typeId}${args} op monitor interval=10s`,
    crm: `crm configure primitive ${typeId}1 ocf:clusterkit:${typeId}${required ? ` params${args}` : ''} op monitor interval=10s`,
  };
}
