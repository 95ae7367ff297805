// buildType --target windows through the one native pipeline: the mingw-built DLL and its
// type project, a no-change rebuild that compiles nothing (like Linux), a rebuild when the
// handler changes, and the missing cross compiler named with its Debian package.
// Needs mingw-w64 and cmake, not Wine.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildType, ToolchainError, type BuildTypeResult } from '../../generator/index.js';

const root = resolve(import.meta.dirname, '..', '..');
const fixture = join(root, 'test/fixtures/handlers/gen-basic.ts');
const hasMingw = spawnSync('x86_64-w64-mingw32-gcc', ['--version']).status === 0;
const work = mkdtempSync(join(tmpdir(), 'ck-win-build-'));

afterAll(() => rmSync(work, { recursive: true, force: true }));

const build = (handler: string, outDir: string) =>
  buildType({ handler, outDir, target: 'windows', kitRoot: root });

describe.skipIf(!hasMingw)('buildType --target windows', () => {
  const out = join(work, 'out');
  let first: BuildTypeResult;

  it('builds windows/<TypeId>.dll from the type table, version.rc and exports.def', async () => {
    first = await build(fixture, out);
    expect(first.library).toBe(join(out, 'windows', 'GenBasic.dll'));
    expect(first.skipped).toBe(false);
    const project = join(out, '.ck-build', 'windows', 'GenBasic');
    const typeC = readFileSync(join(project, 'GenBasic_type.c'), 'utf8');
    expect(typeC).toContain('.handler_file = "../GenBasic.handler.js"');
    expect(typeC).toContain('.node_path = ""');
    const cmake = readFileSync(join(project, 'CMakeLists.txt'), 'utf8');
    expect(cmake).toContain('target_sources(ck_type_GenBasic PRIVATE version.rc exports.def)');
    expect(cmake).toContain('target_link_libraries(ck_type_GenBasic PRIVATE clusapi)');
    expect(existsSync(join(root, 'build', 'native-core-windows', 'lib', 'libck_core.a'))).toBe(
      true,
    );
  }, 600_000);

  it('skips the compile when nothing changed, and rebuilds when the handler changes', async () => {
    const mtime = statSync(first.library).mtimeMs;
    const again = await build(fixture, out);
    expect(again.skipped).toBe(true);
    expect(again.library).toBe(first.library);
    expect(statSync(first.library).mtimeMs).toBe(mtime);

    const changed = join(work, 'gen-basic-changed.ts');
    writeFileSync(changed, readFileSync(fixture, 'utf8').replace('default: 7000', 'default: 7100'));
    const rebuilt = await build(changed, out);
    expect(rebuilt.skipped).toBe(false);
    expect(rebuilt.schemaHash).not.toBe(first.schemaHash);
  }, 600_000);
});

describe('buildType --target windows without mingw-w64', () => {
  it('names the cross compiler and the Debian package that provides it', async () => {
    const path = process.env.PATH;
    process.env.PATH = join(work, 'empty-path');
    let err: unknown;
    try {
      await build(fixture, join(work, 'out-no-mingw'));
    } catch (e) {
      err = e;
    } finally {
      process.env.PATH = path;
    }
    expect(err).toBeInstanceOf(ToolchainError);
    expect((err as ToolchainError).tool).toBe('x86_64-w64-mingw32-gcc');
    expect((err as Error).message).toMatch(/apt-get install gcc-mingw-w64-x86-64/);
  }, 120_000);
});
