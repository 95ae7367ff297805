/**
 * The native build of every target (targets.ts), one pipeline: the target's tools, the type
 * project, the core built once per kit and target under a lock, the artifact unless nothing
 * it is made of changed, and the target's check. Build folders live in the kit's build/, or
 * in a per-user cache when the kit is installed read-only.
 */
import { createHash } from 'node:crypto';
import { accessSync, constants, existsSync, mkdirSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Schema } from '../src/bundle/sdk/schema.js';
import { configureAndBuild } from './cmake.js';
import { BuildError, ToolchainError } from './errors.js';
import { withLock } from './lock.js';
import {
  isCurrent,
  projectText,
  stampInputs,
  stampOf,
  typeSources,
  type TypeProjectInput,
} from './native-project.js';
import { filesUnder, stampMatches, statStamp } from './input-stamp.js';
import { writeIfChanged } from './out-dir.js';
import { runTool } from './run-tool.js';
import type { NativeTarget } from './targets.js';

type Log = (line: string) => void;

export interface NativeBuildInput {
  target: NativeTarget;
  kitRoot: string;
  outDir: string;
  schema: Schema;
  schemaHash: string;
  typeId: string;
  /** The handler bundle the caller wrote into outDir. */
  bundle: string;
  log?: Log;
}

export interface NativeBuildResult {
  /** `<outDir>/<target dir>/<file>`: the library (or, for an executable target, the program). */
  artifact: string;
  /** True when nothing changed and nothing was compiled. */
  skipped: boolean;
}

export async function buildNative(input: NativeBuildInput): Promise<NativeBuildResult> {
  const { target, kitRoot, outDir, typeId, log } = input;
  // 1. The target's own tools, before anything is configured.
  await checkTools(target);

  // 2. The type project's sources (the schema may still be refused here).
  const artifactDir = join(outDir, target.output.dir);
  const artifact = join(artifactDir, target.output.fileName(typeId));
  const projectDir = join(outDir, '.ck-build', target.name, typeId);
  const project: TypeProjectInput = { ...input, artifactDir };
  const sources = typeSources(project);
  mkdirSync(projectDir, { recursive: true });

  // 3. Under the core's lock (no other build rewrites the archive while this one links it):
  //    the core, then the artifact unless its stamp says nothing changed.
  return withCore(kitRoot, target, log, async (coreArchive) => {
    for (const [name, text] of Object.entries(sources))
      writeIfChanged(join(projectDir, name), text);
    const names = Object.keys(sources);
    writeIfChanged(
      join(projectDir, 'CMakeLists.txt'),
      projectText(project, projectDir, coreArchive, names),
    );
    const stamp = stampOf(stampInputs(project, projectDir, coreArchive, names));
    const stampFile = join(projectDir, 'stamp');
    if (isCurrent(artifact, stampFile, stamp)) return { artifact, skipped: true };
    rmSync(stampFile, { force: true });
    log?.(`compiling ${target.output.fileName(typeId)}`);
    await configureAndBuild({
      sourceDir: projectDir,
      buildDir: join(projectDir, 'build'),
      defines: [...toolchainDefines(kitRoot, target), '-DCMAKE_BUILD_TYPE=Release'],
      buildArgs: [],
      what: `${target.what} of ${typeId}`,
      log,
    });
    if (!existsSync(artifact))
      throw new BuildError('LIBRARY_MISSING', `the native build did not produce ${artifact}`);
    // 4. The target's check; only an artifact that passed it gets a stamp.
    await target.check?.(artifact);
    writeIfChanged(stampFile, stamp);
    return { artifact, skipped: false };
  });
}

/** Fails with how to install a missing tool of the target. */
export async function checkTools(target: NativeTarget): Promise<void> {
  for (const tool of target.tools) {
    const found = await runTool(tool.command, ['--version']).then(
      (r) => r.code === 0,
      () => false,
    );
    if (!found) {
      throw new ToolchainError(
        tool.command,
        `${tool.command} is needed to build ${target.what} but was not found on PATH: ` +
          `install ${tool.install}`,
      );
    }
  }
}

function toolchainDefines(kitRoot: string, target: NativeTarget): string[] {
  return target.toolchain ? [`-DCMAKE_TOOLCHAIN_FILE=${join(kitRoot, target.toolchain)}`] : [];
}

/**
 * Configures (first time) and builds the target's core, then runs `use` with the archive
 * while still holding the core's lock. cmake decides what is stale.
 */
async function withCore<T>(
  kitRoot: string,
  target: NativeTarget,
  log: Log | undefined,
  use: (archive: string) => Promise<T>,
): Promise<T> {
  const buildDir = join(coreBuildParent(kitRoot), `native-core-${target.core.folder}`);
  const libDir = join(buildDir, 'lib');
  let told = false;
  const onWait = (owner: number | undefined) => {
    if (!told) log?.(`waiting for the core build of another build (pid ${owner ?? '?'})`);
    told = true;
  };
  return withLock(
    `${buildDir}.lock`,
    async () => {
      const defines = [
        ...toolchainDefines(kitRoot, target),
        '-DCMAKE_BUILD_TYPE=Release',
        '-DCK_BUILD_TESTS=OFF',
        `-DCMAKE_ARCHIVE_OUTPUT_DIRECTORY=${libDir}`,
      ];
      const archive = join(libDir, target.core.archive);
      // Not even cmake runs when no file of native/ changed since the archive was built.
      const stampFile = join(buildDir, 'ck-core.stamp');
      const stamp = () => coreStamp(kitRoot, defines, archive);
      if (!stampMatches(stampFile, stamp())) {
        await configureAndBuild({
          sourceDir: join(kitRoot, 'native'),
          buildDir,
          defines,
          buildArgs: ['--target', target.core.target],
          what: `the clusterkit core for ${target.name}`,
          log,
        });
        if (existsSync(archive)) writeIfChanged(stampFile, stamp());
      }
      if (!existsSync(archive))
        throw new BuildError('CORE_MISSING', `the core build did not produce ${archive}`);
      return use(archive);
    },
    { onWait },
  );
}

/** The core's inputs (native/ but its tests, benchmarks, fuzzers and Wine project), its build
 * options and the archive itself. */
function coreStamp(kitRoot: string, defines: readonly string[], archive: string): string {
  const sources = filesUnder(join(kitRoot, 'native'), new Set(['test', 'bench', 'fuzz', 'wine']));
  return statStamp([...sources, archive], defines.join(' '));
}

/**
 * `<kitRoot>/build`, or a per-user cache folder when the kit is installed read-only
 * (e.g. a global npm install).
 */
function coreBuildParent(kitRoot: string): string {
  const inKit = join(kitRoot, 'build');
  try {
    mkdirSync(inKit, { recursive: true });
    accessSync(inKit, constants.W_OK);
    return inKit;
  } catch {
    const cache = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
    const dir = join(
      cache,
      'clusterkit',
      createHash('sha256').update(kitRoot).digest('hex').slice(0, 16),
    );
    mkdirSync(dir, { recursive: true });
    return dir;
  }
}
