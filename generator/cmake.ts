/**
 * Running CMake for the native build (native-build.ts): configure when there is no usable
 * build tree, build (cmake decides what is stale), and turn a failure into an error that
 * quotes the compiler. Every call passes an argument array; nothing goes through a shell.
 */
import { existsSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { BuildError } from './errors.js';
import { missingTool, runTool } from './run-tool.js';

type Log = (line: string) => void;

export interface CmakeProject {
  sourceDir: string;
  buildDir: string;
  defines: string[];
  buildArgs: string[];
  what: string;
  log?: Log;
}

/**
 * Configures when there is no usable build tree, then builds (cmake decides what is stale).
 * A tree left by a moved checkout or a broken configure is thrown away and made again once.
 */
export async function configureAndBuild(p: CmakeProject): Promise<void> {
  const configure = () => {
    p.log?.(`configuring ${p.what} in ${p.buildDir}`);
    return cmake(
      ['-S', p.sourceDir, '-B', p.buildDir, ...p.defines],
      `configuring ${p.what}`,
      p.log,
    );
  };
  const build = () =>
    runTool('cmake', ['--build', p.buildDir, ...p.buildArgs, '--parallel', String(jobs())], {
      log: p.log,
    });
  if (!isUsableTree(p.buildDir, p.sourceDir)) {
    rmSync(p.buildDir, { recursive: true, force: true });
    await configure();
  }
  const result = await build();
  if (result.code !== 0) throw nativeBuildError(result.output, `building ${p.what}`);
}

/**
 * A build tree cmake can reuse: configured to the end, for this very build and source
 * directory. A tree copied or moved along with its folder still points at the old place,
 * and building it would write there.
 */
function isUsableTree(buildDir: string, sourceDir: string): boolean {
  const cacheFile = join(buildDir, 'CMakeCache.txt');
  if (!existsSync(cacheFile)) return false;
  if (!existsSync(join(buildDir, 'Makefile')) && !existsSync(join(buildDir, 'build.ninja')))
    return false;
  const cache = readFileSync(cacheFile, 'utf8');
  const entry = (name: string) => new RegExp(`^${name}:INTERNAL=(.*)$`, 'm').exec(cache)?.[1];
  const same = (a: string | undefined, b: string) =>
    a !== undefined && existsSync(a) && realpathSync(a) === realpathSync(b);
  return (
    same(entry('CMAKE_CACHEFILE_DIR'), buildDir) && same(entry('CMAKE_HOME_DIRECTORY'), sourceDir)
  );
}

async function cmake(args: string[], what: string, log?: Log): Promise<void> {
  const result = await runTool('cmake', args, { log });
  if (result.code !== 0) throw nativeBuildError(result.output, what);
}

/** The error for a failed cmake run: a missing compiler, or the compiler's file:line lines. */
export function nativeBuildError(output: string, what: string): Error {
  if (/CMAKE_C_COMPILER|C compiler .* is not able/.test(output)) {
    return missingTool('gcc', 'no working C compiler was found by cmake');
  }
  const diagnostics = output
    .split('\n')
    .filter(
      (l) =>
        /^\S.*:\d+(:\d+)?: (fatal error|error|undefined reference)/.test(l) ||
        /undefined reference to/.test(l),
    );
  const body =
    diagnostics.length > 0 ? diagnostics.slice(0, 20) : output.trim().split('\n').slice(-15);
  return new BuildError('NATIVE_BUILD_FAILED', `${what} failed:\n${body.join('\n')}`);
}

/** A CMake bracket argument: taken literally, no variable or escape processing. */
export function lit(value: string): string {
  let eq = '=';
  while (value.includes(`]${eq}]`)) eq += '=';
  return `[${eq}[${value}]${eq}]`;
}

function jobs(): number {
  return Math.max(1, availableParallelism());
}
