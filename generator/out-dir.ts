/**
 * File helpers of the build output: the ESM marker, writes that keep unchanged files
 * untouched, content hashes and project assets.
 */
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { BUILD_MANIFEST } from './build-manifest.js';
import { BuildError } from './errors.js';

/**
 * The bundle is ESM with a .js name, so its directory must not be a CommonJS scope.
 * A package.json {"type":"module"} in the output directory makes that true wherever
 * the output directory sits.
 */
export function ensureModuleScope(outDir: string): boolean {
  const manifest = join(outDir, 'package.json');
  if (!existsSync(manifest)) {
    writeFileSync(manifest, '{ "type": "module" }\n');
    return true;
  }
  let type: unknown;
  try {
    type = (JSON.parse(readFileSync(manifest, 'utf8')) as { type?: unknown }).type;
  } catch {
    type = undefined;
  }
  if (type !== 'module') {
    throw new BuildError(
      'OUT_DIR_NOT_ESM',
      `${manifest} does not say "type": "module", so node would not load the ESM handler bundle there: ` +
        'build into a separate directory (--out dist) or add "type": "module" to it',
    );
  }
  return false;
}

/** What a build created in its output folder, so that a failed build can take it back. */
export interface OutDirClaim {
  outDir: string;
  createdDir: boolean;
  created: string[];
}

/**
 * Takes the output folder for a build: a new or empty folder, one an earlier build made (it
 * holds clusterkit-build.json or .ck-build), or one that already says "type": "module". Any
 * other folder is refused before anything is written: the build would drop a package.json
 * and its outputs among someone else's files.
 */
export function claimOutDir(outDir: string): OutDirClaim {
  const existed = existsSync(outDir);
  if (existed && !statSync(outDir).isDirectory())
    throw new BuildError(
      'OUT_DIR_INVALID',
      `${outDir} is a file, not a folder: build into a folder (--out dist)`,
    );
  const entries = existed ? readdirSync(outDir) : [];
  const ours =
    entries.length === 0 || entries.includes(BUILD_MANIFEST) || entries.includes('.ck-build');
  if (!ours && !entries.includes('package.json'))
    throw new BuildError(
      'OUT_DIR_NOT_EMPTY',
      `${outDir} holds other files and no earlier build: build into a new or empty folder ` +
        '(--out dist), or add a package.json with "type": "module" there if the build belongs in it',
    );
  const claim: OutDirClaim = { outDir, createdDir: !existed, created: [] };
  const cache = join(outDir, '.ck-build');
  if (!existsSync(cache)) claim.created.push(cache);
  mkdirSync(cache, { recursive: true });
  try {
    if (ensureModuleScope(outDir)) claim.created.push(join(outDir, 'package.json'));
  } catch (err) {
    releaseOutDir(claim);
    throw err;
  }
  return claim;
}

/** After a failed build: removes what claimOutDir created (the whole folder if it made it). */
export function releaseOutDir(claim: OutDirClaim): void {
  if (claim.createdDir) {
    rmSync(claim.outDir, { recursive: true, force: true });
    return;
  }
  for (const p of claim.created) rmSync(p, { recursive: true, force: true });
}

/** Writes `data` unless the file already holds exactly it; returns true when it wrote. */
export function writeIfChanged(file: string, data: Uint8Array | string): boolean {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data);
  if (existsSync(file) && readFileSync(file).equals(bytes)) return false;
  writeFileSync(file, bytes);
  return true;
}

export function sha256(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * Assets of the type project (files or folders the handler needs next to its bundle at
 * run time): `"clusterkit": { "assets": ["app"] }` in the nearest package.json above the
 * handler, unless given explicitly. Paths are relative to that package.json.
 */
export function resolveAssets(
  handler: string,
  explicit?: readonly string[],
): { projectDir: string; assets: string[] } {
  const projectDir = findProjectDir(dirname(resolve(handler)));
  let assets = explicit;
  if (!assets && projectDir) {
    const json = readManifest(join(projectDir, 'package.json'));
    const listed = json.clusterkit?.assets;
    if (
      listed !== undefined &&
      (!Array.isArray(listed) || !listed.every((a) => typeof a === 'string'))
    ) {
      throw new BuildError(
        'ASSETS_INVALID',
        `"clusterkit.assets" in ${join(projectDir, 'package.json')} must be an array of paths`,
      );
    }
    assets = listed as string[] | undefined;
  }
  const base = projectDir ?? dirname(resolve(handler));
  return { projectDir: base, assets: (assets ?? []).map((a) => resolve(base, a)) };
}

/**
 * Copies each asset into `outDir` under its own base name, as a mirror: a file removed from an
 * asset folder is removed from the copy, and an asset no longer listed (recorded in
 * `.ck-build/assets.json` by the previous build) is removed from `outDir`. Nothing the build
 * did not copy there is ever removed.
 */
export function copyAssets(assets: readonly string[], outDir: string): string[] {
  const record = join(outDir, '.ck-build', 'assets.json');
  const names = assets.map((a) => basename(a));
  for (const old of previousAssets(record)) {
    if (!names.includes(old)) rmSync(join(outDir, old), { recursive: true, force: true });
  }
  const copied = assets.map((asset) => {
    if (!existsSync(asset)) {
      throw new BuildError(
        'ASSET_NOT_FOUND',
        `the asset ${asset} does not exist: fix "clusterkit.assets" in package.json`,
      );
    }
    const target = join(outDir, basename(asset));
    const rel = relative(asset, outDir);
    if (rel === '' || (!rel.startsWith('..') && !isAbsolute(rel))) {
      throw new BuildError(
        'ASSET_INVALID',
        `the asset ${asset} contains the output directory ${outDir}; list a narrower path`,
      );
    }
    mirror(asset, target);
    return target;
  });
  mkdirSync(dirname(record), { recursive: true });
  writeIfChanged(record, `${JSON.stringify(names)}\n`);
  return copied;
}

function previousAssets(record: string): string[] {
  try {
    const list: unknown = JSON.parse(readFileSync(record, 'utf8'));
    // Only plain base names: a corrupt record must not point anywhere else.
    return Array.isArray(list)
      ? list.filter(
          (n): n is string => typeof n === 'string' && n === basename(n) && !/^\.*$/.test(n),
        )
      : [];
  } catch {
    return [];
  }
}

/**
 * Makes `to` hold exactly what `from` holds. A file is copied again only when it changed since
 * its copy was made (size, or a newer modification time), so big assets cost nothing per build.
 */
function mirror(from: string, to: string): void {
  const source = statSync(from);
  if (!source.isDirectory()) {
    const copy = statSync(to, { throwIfNoEntry: false });
    if (copy?.isDirectory()) rmSync(to, { recursive: true, force: true });
    const fresh = copy?.isFile() && copy.size === source.size && copy.mtimeMs >= source.mtimeMs;
    if (!fresh) cpSync(from, to, { force: true });
    return;
  }
  if (existsSync(to) && !statSync(to).isDirectory()) rmSync(to, { force: true });
  mkdirSync(to, { recursive: true });
  const wanted = new Set(readdirSync(from));
  for (const name of readdirSync(to)) {
    if (!wanted.has(name)) rmSync(join(to, name), { recursive: true, force: true });
  }
  for (const name of wanted) mirror(join(from, name), join(to, name));
}

function findProjectDir(start: string): string | undefined {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

function readManifest(file: string): { clusterkit?: { assets?: unknown } } {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as { clusterkit?: { assets?: unknown } };
  } catch (err) {
    throw new BuildError(
      'PROJECT_INVALID',
      `cannot read ${file}: ${(err as Error).message}; fix the JSON`,
    );
  }
}
