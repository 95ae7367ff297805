/**
 * `<outDir>/clusterkit-build.json`: what the last build of an output directory produced, for
 * the tools and tests that use it (the scaffolded test reads the library path and the type
 * name from it instead of guessing them), and so a build can remove what an earlier build of
 * another type left behind: a renamed type must not leave an old library a test could load.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, normalize, relative, sep } from 'node:path';

export const BUILD_MANIFEST = 'clusterkit-build.json';

export interface BuildManifest {
  format: 'clusterkit-build';
  version: 1;
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

export interface BuildRecord {
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
    if (m.format !== 'clusterkit-build' || m.version !== 1 || typeof m.typeId !== 'string')
      return undefined;
    return m;
  } catch {
    return undefined;
  }
}

/**
 * Records a finished build and removes the outputs of the previous one it replaces: all of
 * them when the type changed, else the shared files and this target's files it no longer
 * produces. Only paths the previous manifest listed inside outDir are ever removed.
 */
export function recordBuild(outDir: string, build: BuildRecord): BuildManifest {
  const previous = readBuildManifest(outDir);
  const rel = (p: string) => relative(outDir, p).split(sep).join('/');
  const common = [...new Set(build.common.map(rel))];
  const files = [rel(build.artifact)];
  const sameType = previous?.typeId === build.typeId;
  const next: BuildManifest = {
    format: 'clusterkit-build',
    version: 1,
    typeName: build.typeName,
    typeId: build.typeId,
    schemaHash: build.schemaHash,
    bundle: rel(build.bundle),
    common,
    targets: {
      ...(sameType ? previous.targets : {}),
      [build.target]: { artifact: rel(build.artifact), files },
    },
  };
  if (previous) {
    const keep = new Set([...common, ...Object.values(next.targets).flatMap((t) => t.files)]);
    const old = [
      ...previous.common,
      ...Object.entries(previous.targets)
        .filter(([t]) => !sameType || t === build.target)
        .flatMap(([, t]) => t.files),
    ];
    for (const f of old) if (!keep.has(f)) removeListed(outDir, f);
  }
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
