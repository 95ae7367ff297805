/**
 * The bundle step of a build on its own: handler → `<outDir>/<TypeId>.handler.js` (+ map),
 * with the schema read from it. `clusterkit run --watch` runs only this when the schema stays
 * the same, since the library does not change then and stays loaded.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Schema } from '../src/bundle/sdk/schema.js';
import { bundleHandler, renameBundle } from './bundle.js';
import { findKitRoot } from './kit-root.js';
import { typeIdFromName } from './naming.js';
import { ensureModuleScope, writeIfChanged } from './out-dir.js';
import { readSchemaCached } from './schema-cache.js';

export interface BundleStepOptions {
  handler: string;
  outDir: string;
  kitRoot?: string;
}

export interface BundleStepResult {
  schema: Schema;
  schemaHash: string;
  typeId: string;
  /** `<outDir>/<TypeId>.handler.js`. */
  bundle: string;
  /** False when the bundle came out byte for byte as it was (the file was not rewritten). */
  changed: boolean;
  /** Absolute paths of the files that went into the bundle. */
  inputs: string[];
}

export async function bundleStep(options: BundleStepOptions): Promise<BundleStepResult> {
  const kitRoot = options.kitRoot ? resolve(options.kitRoot) : findKitRoot();
  const outDir = resolve(options.outDir);
  mkdirSync(join(outDir, '.ck-build'), { recursive: true });
  ensureModuleScope(outDir);
  const bundled = await bundleHandler({ handler: options.handler, outDir, kitRoot });
  const { schema, schemaHash } = await readSchemaCached(bundled.code, outDir);
  const typeId = typeIdFromName(schema.type);
  const bundle = join(outDir, `${typeId}.handler.js`);
  const changed = writeIfChanged(bundle, renameBundle(bundled.code, `${typeId}.handler.js`));
  writeIfChanged(`${bundle}.map`, bundled.map);
  return { schema, schemaHash, typeId, bundle, changed, inputs: bundled.inputs };
}
