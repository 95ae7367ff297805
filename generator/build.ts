/**
 * buildType: handler → bundle → schema → generated C → the target's artifact (targets.ts).
 * Output: `<outDir>/<TypeId>.handler.js` and `<outDir>/linux/lib<TypeId>.so`
 * (`<outDir>/windows/<TypeId>.dll` for --target windows), and `<outDir>/clusterkit-build.json`
 * saying so (build-manifest.ts).
 */
import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { Schema } from '../src/bundle/sdk/schema.js';
import { writeAdminModule } from './admin.js';
import { recordBuild } from './build-manifest.js';
import { bundleHandler, checkHandlerExists, renameBundle } from './bundle.js';
import { BuildError } from './errors.js';
import { findKitRoot } from './kit-root.js';
import { buildNative } from './native-build.js';
import { typeIdFromName } from './naming.js';
import {
  claimOutDir,
  copyAssets,
  releaseOutDir,
  resolveAssets,
  writeIfChanged,
  type OutDirClaim,
} from './out-dir.js';
import { readSchemaCached } from './schema-cache.js';
import { TARGETS, type BuildTarget } from './targets.js';

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
  schema: Schema;
  schemaHash: string;
  /** True when nothing changed and the library was not compiled again. */
  skipped: boolean;
}

export const SUPPORTED_TARGETS = Object.keys(TARGETS) as readonly BuildTarget[];

export async function buildType(options: BuildTypeOptions): Promise<BuildTypeResult> {
  // 1. Options and folders: nothing is written before they are checked, and a failed build
  //    takes back what it created (the folder, its package.json, .ck-build).
  const target = checkTarget(options.target ?? 'linux');
  checkHandlerExists(options.handler);
  const kitRoot = options.kitRoot ? resolve(options.kitRoot) : findKitRoot();
  const outDir = resolve(options.outDir);
  const { assets } = resolveAssets(options.handler, options.assets);
  const claim = claimOutDir(outDir);
  try {
    return await buildInto(claim, target, kitRoot, assets, options);
  } catch (err) {
    releaseOutDir(claim);
    throw err;
  }
}

async function buildInto(
  claim: OutDirClaim,
  target: BuildTarget,
  kitRoot: string,
  assets: readonly string[],
  options: BuildTypeOptions,
): Promise<BuildTypeResult> {
  const { outDir } = claim;
  const log = options.log;
  // 2. Bundle, then read the schema from it (cached by the bundle's bytes).
  log?.(`bundling ${options.handler}`);
  const bundled = await bundleHandler({ handler: options.handler, outDir, kitRoot });
  const { schema, schemaHash } = await readSchemaCached(bundled.code, outDir, {
    handlerName: relative(process.cwd(), resolve(options.handler)) || options.handler,
  });
  const typeId = typeIdFromName(schema.type);
  const bundle = join(outDir, `${typeId}.handler.js`);
  for (const f of [bundle, `${bundle}.map`]) if (!existsSync(f)) claim.created.push(f);
  writeIfChanged(bundle, renameBundle(bundled.code, `${typeId}.handler.js`));
  writeIfChanged(`${bundle}.map`, bundled.map);
  const copied = copyAssets(assets, outDir);

  // 3. The target's artifact through the one native pipeline (skipped when nothing changed).
  const { artifact: library, skipped } = await buildNative({
    target: TARGETS[target],
    kitRoot,
    outDir,
    schema,
    schemaHash,
    typeId,
    bundle,
    log,
  });

  // 4. The PowerShell admin module (<TypeId>.psd1/.psm1), rewritten only when it changes.
  const admin = writeAdminModule(schema, outDir, { bundleFile: `${typeId}.handler.js` });

  // 5. The manifest (clusterkit-build.json); outputs of an earlier type name go.
  recordBuild(outDir, {
    handler: resolve(options.handler),
    typeName: schema.type,
    typeId,
    schemaHash,
    target,
    bundle,
    common: [bundle, `${bundle}.map`, ...admin, ...copied],
    artifact: library,
  });
  return { typeName: schema.type, typeId, library, bundle, schema, schemaHash, skipped };
}

function checkTarget(target: string): BuildTarget {
  if ((SUPPORTED_TARGETS as readonly string[]).includes(target)) return target as BuildTarget;
  throw new BuildError(
    'TARGET_UNSUPPORTED',
    `the build target "${target}" is not supported yet; supported: ${SUPPORTED_TARGETS.join(', ')}`,
  );
}
