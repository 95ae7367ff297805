/**
 * `<outDir>/clusterkit-build.json`: what the last build of an output directory produced, for
 * the tools and tests that use it (the scaffolded test reads the library path and the type
 * name from it instead of guessing them), and so a build can remove what an earlier build of
 * another type left behind: a renamed type must not leave an old library a test could load.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, normalize, relative, sep } from 'node:path';

export const BUILD_MANIFEST = 'clusterkit-build.json';

/** One handler's last build into the folder. */
export interface BuiltType {
  /** The handler source, relative to the output directory, '/'-separated. */
  handler: string;
  typeName: string;
  typeId: string;
  schemaHash: string;
  /** The handler bundle, relative to the output directory, '/'-separated. */
  bundle: string;
  /** Files every target shares (bundle, source map, admin module, assets). */
  common: string[];
  /** Per built target: the artifact and every file it consists of. */
  targets: Record<string, { artifact: string; files: string[] }>;
}

export interface BuildManifest {
  format: 'clusterkit-build';
  version: 1;
  /** One entry per handler built into this folder (several types may share it). */
  builds: BuiltType[];
}

export interface BuildRecord {
  handler: string;
  typeName: string;
  typeId: string;
  schemaHash: string;
  target: string;
  /** Absolute paths inside outDir. */
  bundle: string;
  common: readonly string[];
  artifact: string;
}

/** The manifest of outDir, or undefined when there is none (or it is not ours). */
export function readBuildManifest(outDir: string): BuildManifest | undefined {
  const file = join(outDir, BUILD_MANIFEST);
  if (!existsSync(file)) return undefined;
  try {
    const m = JSON.parse(readFileSync(file, 'utf8')) as BuildManifest;
    if (m.format !== 'clusterkit-build' || m.version !== 1 || !Array.isArray(m.builds))
      return undefined;
    return m;
  } catch {
    return undefined;
  }
}

/**
 * Records a finished build and removes what it replaces: the outputs of this handler's
 * previous build that it no longer produces (all of them when the type was renamed, since
 * every file name carries the type id), and the entry of another handler that built the same
 * type id. Types of other handlers built into the same folder stay. Only paths a manifest
 * listed inside outDir are ever removed.
 */
export function recordBuild(outDir: string, build: BuildRecord): BuildManifest {
  const previous = readBuildManifest(outDir)?.builds ?? [];
  const rel = (p: string) => relative(outDir, p).split(sep).join('/');
  const handler = rel(build.handler);
  const mine = previous.find((b) => b.handler === handler);
  const sameType = mine?.typeId === build.typeId;
  const entry: BuiltType = {
    handler,
    typeName: build.typeName,
    typeId: build.typeId,
    schemaHash: build.schemaHash,
    bundle: rel(build.bundle),
    common: [...new Set(build.common.map(rel))],
    targets: {
      ...(sameType ? mine.targets : {}),
      [build.target]: { artifact: rel(build.artifact), files: [rel(build.artifact)] },
    },
  };
  const replaced = previous.filter((b) => b.handler === handler || b.typeId === build.typeId);
  const builds = [...previous.filter((b) => !replaced.includes(b)), entry];
  const keep = new Set(
    builds.flatMap((b) => [...b.common, ...Object.values(b.targets).flatMap((t) => t.files)]),
  );
  for (const old of replaced) {
    const oldFiles = [...old.common, ...Object.values(old.targets).flatMap((t) => t.files)];
    for (const f of oldFiles) if (!keep.has(f)) removeListed(outDir, f);
  }
  const next: BuildManifest = { format: 'clusterkit-build', version: 1, builds };
  writeFileSync(join(outDir, BUILD_MANIFEST), `${JSON.stringify(next, null, 2)}\n`);
  return next;
}

function removeListed(outDir: string, file: unknown): void {
  if (typeof file !== 'string' || file === '' || isAbsolute(file)) return;
  const path = normalize(join(outDir, file));
  const inside = relative(outDir, path);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return;
  rmSync(path, { recursive: true, force: true });
}
