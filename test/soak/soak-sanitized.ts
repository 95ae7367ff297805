/**
 * The soak's type library built again against a sanitizer build of the core (a native/
 * build tree configured with -DCK_SANITIZE=..., e.g. build/native-asan), next to a copy of
 * the bundle. Node loads it with the sanitizer runtime preloaded (LD_PRELOAD; see
 * scripts/run-tests.mjs), so the library's memory errors abort the soak.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { BuildTypeResult } from '../../generator/index.js';

function cacheValue(coreDir: string, name: string): string {
  const cache = readFileSync(join(coreDir, 'CMakeCache.txt'), 'utf8');
  const m = new RegExp(`^${name}:[A-Z]+=(.*)$`, 'm').exec(cache);
  if (!m?.[1]) throw new Error(`${coreDir} is not a sanitizer build of native/ (no ${name})`);
  return m[1];
}

export function sanitizedLibrary(
  root: string,
  built: BuildTypeResult,
  outDir: string,
  coreDir: string,
): { library: string; bundle: string } {
  coreDir = resolve(coreDir);
  const dir = join(outDir, 'sanitized');
  const project = join(dir, 'project');
  mkdirSync(project, { recursive: true });
  const native = join(root, 'native');
  const typeC = join(outDir, '.ck-build', 'linux', built.typeId, `${built.typeId}_type.c`);
  writeFileSync(
    join(project, 'CMakeLists.txt'),
    `cmake_minimum_required(VERSION 3.24)
project(ck_soak_sanitized LANGUAGES C)
set(CK_SANITIZE "${cacheValue(coreDir, 'CK_SANITIZE')}" CACHE STRING "" FORCE)
include([=[${native}/cmake/ck_sanitize.cmake]=])
add_library(ck_core STATIC IMPORTED)
set_property(TARGET ck_core PROPERTY IMPORTED_LOCATION [=[${coreDir}/libck_core.a]=])
set_property(TARGET ck_core PROPERTY INTERFACE_INCLUDE_DIRECTORIES [=[${native}/include]=] [=[${native}/src]=])
include([=[${native}/cmake/ck_resource_library.cmake]=])
ck_add_resource_library(soak_type [=[${typeC}]=] [=[${join(dir, 'linux')}]=] ${built.typeId})
`,
  );
  const cc = cacheValue(coreDir, 'CMAKE_C_COMPILER');
  const run = (args: string[]) => {
    try {
      execFileSync('cmake', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (err) {
      const e = err as { stdout?: string; stderr?: string; message: string };
      throw new Error(`${e.message}\n${e.stdout ?? ''}${e.stderr ?? ''}`);
    }
  };
  run([
    '-S',
    project,
    '-B',
    join(project, 'build'),
    `-DCMAKE_C_COMPILER=${cc}`,
    '-DCMAKE_BUILD_TYPE=Debug',
  ]);
  run(['--build', join(project, 'build')]);
  const bundle = join(dir, basename(built.bundle));
  copyFileSync(built.bundle, bundle);
  return { library: join(dir, 'linux', basename(built.library)), bundle };
}
