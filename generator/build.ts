/**
 * buildType: handler → bundle → schema → generated C → resource library.
 * Output: `<outDir>/<TypeId>.handler.js` and `<outDir>/linux/lib<TypeId>.so`.
 */
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { writeAdminModule } from './admin.js';
import { bundleHandler, checkHandlerExists, renameBundle } from './bundle.js';
import { buildTypeProject, withCore, writeTypeProject, type BuildTarget } from './cmake.js';
import { generateTypeSource } from './ctype.js';
import { BuildError } from './errors.js';
import { findKitRoot } from './kit-root.js';
import { typeIdFromName } from './naming.js';
import { buildWindowsType } from './windows-build.js';
import { copyAssets, ensureModuleScope, resolveAssets, sha256, writeIfChanged } from './out-dir.js';
import { readSchemaCached } from './schema-cache.js';
import type { ResourceTypeSchema } from './schema-types.js';

export interface BuildTypeOptions {
  /** The handler module (its default export is a defineResourceType(...) result). */
  handler: string;
  outDir: string;
  target?: BuildTarget;
  kitRoot?: string;
  /** Files or folders copied next to the bundle; default: "clusterkit.assets" of the project's package.json. */
  assets?: readonly string[];
  log?: (line: string) => void;
}

export interface BuildTypeResult {
  typeName: string;
  typeId: string;
  library: string;
  bundle: string;
  schema: ResourceTypeSchema;
  schemaHash: string;
  /** True when nothing changed and the library was not compiled again. */
  skipped: boolean;
}

export const SUPPORTED_TARGETS: readonly BuildTarget[] = ['linux', 'windows'];

export async function buildType(options: BuildTypeOptions): Promise<BuildTypeResult> {
  // 1. Options and folders.
  const target = checkTarget(options.target ?? 'linux');
  checkHandlerExists(options.handler);
  const kitRoot = options.kitRoot ? resolve(options.kitRoot) : findKitRoot();
  const outDir = resolve(options.outDir);
  const log = options.log;
  mkdirSync(join(outDir, '.ck-build'), { recursive: true });
  ensureModuleScope(outDir);
  const { assets } = resolveAssets(options.handler, options.assets);

  // 2. Bundle, then read the schema from it (cached by the bundle's bytes).
  log?.(`bundling ${options.handler}`);
  const bundled = await bundleHandler({ handler: options.handler, outDir, kitRoot });
  const { schema, schemaHash } = await readSchemaCached(bundled.code, outDir);
  const typeId = typeIdFromName(schema.type);
  const bundle = join(outDir, `${typeId}.handler.js`);
  writeIfChanged(bundle, renameBundle(bundled.code, `${typeId}.handler.js`));
  writeIfChanged(`${bundle}.map`, bundled.map);
  copyAssets(assets, outDir);

  // 3. The core, then the type's library unless nothing it depends on changed.
  if (target === 'windows') {
    const library = await buildWindowsType({
      kitRoot,
      outDir,
      schema,
      schemaHash,
      typeId,
      bundle,
      log,
    });
    writeAdminModule(schema, outDir, { bundleFile: `${typeId}.handler.js` });
    return { typeName: schema.type, typeId, library, bundle, schema, schemaHash, skipped: false };
  }
  const libraryDir = join(outDir, target);
  const library = join(libraryDir, `lib${typeId}.so`);
  const projectDir = join(outDir, '.ck-build', target, typeId);
  mkdirSync(projectDir, { recursive: true });
  const typeSource = join(projectDir, `${typeId}_type.c`);
  const source = generate(schema, schemaHash, relative(libraryDir, bundle));
  const skipped = await withCore(kitRoot, target, log, async (coreArchive) => {
    writeIfChanged(typeSource, source);
    writeTypeProject({ projectDir, typeSource, coreArchive, kitRoot, libraryDir, typeId });
    const stamp = stampOf([
      bundle,
      typeSource,
      coreArchive,
      join(projectDir, 'CMakeLists.txt'),
      join(kitRoot, 'native', 'cmake', 'ck_resource_library.cmake'),
    ]);
    const stampFile = join(projectDir, 'stamp');
    if (existsSync(library) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp)
      return true;
    rmSync(stampFile, { force: true });
    log?.(`compiling lib${typeId}.so`);
    await buildTypeProject(projectDir, typeId, log);
    if (!existsSync(library))
      throw new BuildError('LIBRARY_MISSING', `the native build did not produce ${library}`);
    writeIfChanged(stampFile, stamp);
    return false;
  });
  // The PowerShell admin module (<TypeId>.psd1/.psm1), rewritten only when it changes.
  writeAdminModule(schema, outDir, { bundleFile: `${typeId}.handler.js` });
  return { typeName: schema.type, typeId, library, bundle, schema, schemaHash, skipped };
}

function checkTarget(target: string): BuildTarget {
  if ((SUPPORTED_TARGETS as readonly string[]).includes(target)) return target as BuildTarget;
  throw new BuildError(
    'TARGET_UNSUPPORTED',
    `the build target "${target}" is not supported yet; supported: ${SUPPORTED_TARGETS.join(', ')}`,
  );
}

function generate(schema: ResourceTypeSchema, schemaHash: string, handlerFile: string): string {
  try {
    return generateTypeSource({
      schema,
      schemaHash,
      handlerFile: handlerFile.split('\\').join('/'),
      nodePath: process.execPath,
    });
  } catch (err) {
    throw new BuildError(
      'SCHEMA_INVALID',
      `the handler's schema cannot be turned into C: ${(err as Error).message}`,
    );
  }
}

function stampOf(files: string[]): string {
  return files.map((f) => `${sha256(readFileSync(f))} ${f}`).join('\n') + '\n';
}
