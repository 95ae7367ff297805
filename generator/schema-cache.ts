/**
 * The schema of a bundle, read by running it once per distinct bundle content: a rebuild
 * with no change reuses it instead of starting node again.
 */
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { sha256 } from './out-dir.js';
import { checkSchema, readSchema, type ReadSchemaOptions, type SchemaRead } from './schema-read.js';

let probeCounter = 0;
// Enough for a few handlers built into one directory; older entries are dropped.
const KEEP = 16;

export async function readSchemaCached(
  code: Uint8Array,
  outDir: string,
  options: ReadSchemaOptions = {},
): Promise<SchemaRead> {
  const dir = join(outDir, '.ck-build', 'schemas');
  mkdirSync(dir, { recursive: true });
  const cacheFile = join(dir, `${sha256(code)}-node${process.versions.node}.json`);
  const cached = readCache(cacheFile);
  if (cached) return cached;
  // A probe file next to the real bundle, unique per call so parallel builds do not collide.
  const probe = join(outDir, '.ck-build', `probe-${process.pid}-${++probeCounter}.handler.js`);
  writeFileSync(probe, code);
  try {
    // The probe is temporary: errors name the handler, never the probe file.
    const read = await readSchema(probe, { handlerName: 'the handler', ...options });
    writeFileSync(cacheFile, JSON.stringify(read));
    prune(dir);
    return read;
  } finally {
    rmSync(probe, { force: true });
  }
}

function readCache(file: string): SchemaRead | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const json = JSON.parse(readFileSync(file, 'utf8')) as SchemaRead;
    if (typeof json.schemaHash !== 'string') return undefined;
    return { schema: checkSchema(json.schema), schemaHash: json.schemaHash };
  } catch {
    return undefined;
  }
}

function prune(dir: string): void {
  const entries = readdirSync(dir)
    .map((name) => join(dir, name))
    .map((file) => ({ file, mtime: statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? 0 }))
    .sort((a, b) => b.mtime - a.mtime);
  for (const { file } of entries.slice(KEEP)) rmSync(file, { force: true });
}
