// buildType end to end: a real esbuild bundle, the schema read by running it, the generated
// C compiled and linked with the core by CMake into a .so.
import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BuildError, buildType, type BuildTypeResult } from '../generator/index.js';
import { nativeBuildError } from '../generator/index.js';
import { schemaHash, type Schema } from '../src/bundle/sdk/schema.js';

const root = resolve(import.meta.dirname, '..');
const fixture = join(root, 'test/fixtures/handlers/gen-basic.ts');
const work = mkdtempSync(join(tmpdir(), 'ck-build-'));
const out = join(work, 'out');
let first: BuildTypeResult;

afterAll(() => rmSync(work, { recursive: true, force: true }));

async function failure(p: Promise<unknown>): Promise<BuildError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(BuildError);
  return err as BuildError;
}

describe('buildType', () => {
  beforeAll(async () => {
    first = await buildType({ handler: fixture, outDir: out });
  }, 600_000);

  it('produces the bundle and lib<TypeId>.so exporting only Startup and ck_bind_host_services', () => {
    expect(first.typeName).toBe('Gen Basic');
    expect(first.typeId).toBe('GenBasic');
    expect(first.bundle).toBe(join(out, 'GenBasic.handler.js'));
    expect(first.library).toBe(join(out, 'linux', 'libGenBasic.so'));
    const symbols = execFileSync('nm', ['-D', '--defined-only', first.library], {
      encoding: 'utf8',
    })
      .trim()
      .split('\n')
      .map((l) => l.split(' ').pop())
      .filter((s) => s && !s.startsWith('_'));
    expect(symbols.sort()).toEqual(['Startup', 'ck_bind_host_services']);
  });

  it('reads the schema from the bundle and hashes it like the SDK', () => {
    const printed = execFileSync(process.execPath, [first.bundle, '--clusterkit-schema'], {
      encoding: 'utf8',
    });
    expect(JSON.parse(printed)).toEqual(first.schema);
    expect(first.schemaHash).toBe(schemaHash(JSON.parse(printed) as Schema));
    expect(first.schema.properties.map((p) => p.name)).toEqual([
      'Port',
      'Offset',
      'Greeting',
      'Peers',
      'Status',
    ]);
    const typeC = readFileSync(join(out, '.ck-build/linux/GenBasic/GenBasic_type.c'), 'utf8');
    expect(typeC).toContain(`.schema_hash = "${first.schemaHash}"`);
    expect(typeC).toContain('.handler_file = "../GenBasic.handler.js"');
    expect(typeC).toContain(`.node_path = "${process.execPath}"`);
  });

  it('skips the compile when nothing changed, and rebuilds when the handler changes', async () => {
    const mtime = statSync(first.library).mtimeMs;
    const again = await buildType({ handler: fixture, outDir: out });
    expect(again.skipped).toBe(true);
    expect(again.schemaHash).toBe(first.schemaHash);
    expect(statSync(first.library).mtimeMs).toBe(mtime);

    const changed = join(work, 'gen-basic-changed.ts');
    writeFileSync(changed, readFileSync(fixture, 'utf8').replace('default: 7000', 'default: 7100'));
    const rebuilt = await buildType({ handler: changed, outDir: out });
    expect(rebuilt.skipped).toBe(false);
    expect(rebuilt.schemaHash).not.toBe(first.schemaHash);
    expect(rebuilt.schema.properties[0].default).toBe(7100);
  }, 600_000);

  it('builds two types side by side in one output directory', async () => {
    const other = join(work, 'gen-other.ts');
    writeFileSync(
      other,
      readFileSync(fixture, 'utf8').replace("type: 'Gen Basic'", "type: 'Gen Other'"),
    );
    const result = await buildType({ handler: other, outDir: out });
    expect(result.typeId).toBe('GenOther');
    expect(existsSync(result.library) && existsSync(first.library)).toBe(true);
  }, 600_000);

  it('rebuilds a copied output directory in place, leaving the original alone', async () => {
    const moved = join(work, 'out-moved');
    cpSync(out, moved, { recursive: true });
    const before = statSync(first.library).mtimeMs;
    const result = await buildType({ handler: fixture, outDir: moved });
    expect(result.library).toBe(join(moved, 'linux', 'libGenBasic.so'));
    expect(result.skipped).toBe(false);
    expect(statSync(first.library).mtimeMs).toBe(before);
    const cache = readFileSync(
      join(moved, '.ck-build/linux/GenBasic/build/CMakeCache.txt'),
      'utf8',
    );
    expect(cache).toContain(
      `CMAKE_CACHEFILE_DIR:INTERNAL=${join(moved, '.ck-build/linux/GenBasic/build')}`,
    );
  }, 600_000);

  it('refuses a missing handler before creating anything', async () => {
    const outDir = join(work, 'out-missing');
    const err = await failure(buildType({ handler: join(work, 'nope.ts'), outDir }));
    expect(err.code).toBe('HANDLER_NOT_FOUND');
    expect(existsSync(outDir)).toBe(false);
  });

  it('leaves nothing behind when it fails: no folder, no package.json, no .ck-build', async () => {
    const bad = join(work, 'bad-range.ts');
    writeFileSync(
      bad,
      "import { defineResourceType, prop } from 'clusterkit';\n" +
        "export default defineResourceType({ type: 'Bad', properties: { P: prop.dword({ default: 0, min: 1 }) },\n" +
        '  online() {}, offline() {}, isAlive: () => true });\n',
    );
    const fresh = join(work, 'out-failed');
    expect((await failure(buildType({ handler: bad, outDir: fresh }))).code).toBe('SCHEMA_INVALID');
    expect(existsSync(fresh)).toBe(false);
    // Into an existing empty folder: the folder stays, empty.
    const empty = join(work, 'out-empty');
    mkdirSync(empty);
    await failure(buildType({ handler: bad, outDir: empty }));
    expect(readdirSync(empty)).toEqual([]);
    // Over an earlier good build: that build stays whole.
    await failure(buildType({ handler: bad, outDir: out }));
    expect(existsSync(first.library) && existsSync(first.bundle)).toBe(true);
    expect(existsSync(join(out, 'package.json'))).toBe(true);
  });

  it('refuses to write its package.json into a folder of other files (--out src)', async () => {
    const folder = join(work, 'someone-elses');
    mkdirSync(folder);
    writeFileSync(join(folder, 'notes.txt'), 'mine');
    const err = await failure(buildType({ handler: fixture, outDir: folder }));
    expect(err.code).toBe('OUT_DIR_NOT_EMPTY');
    expect(err.message).toMatch(
      /holds other files and no earlier build: build into a new or empty folder/,
    );
    expect(readdirSync(folder)).toEqual(['notes.txt']);
  });

  it('refuses an unsupported target', async () => {
    const err = await failure(
      buildType({ handler: fixture, outDir: join(work, 'x'), target: 'mac' as 'linux' }),
    );
    expect(err.code).toBe('TARGET_UNSUPPORTED');
  });

  it('quotes the compiler file:line lines of a C error', () => {
    const bad = join(work, 'bad.c');
    writeFileSync(bad, 'int f(void) { return missing_symbol; }\n');
    let output = '';
    try {
      execFileSync('gcc', ['-c', bad, '-o', join(work, 'bad.o')], { stdio: 'pipe' });
    } catch (e) {
      output = String((e as { stderr: Buffer }).stderr);
    }
    const err = nativeBuildError(`noise\n${output}gmake: *** [all] Error 2\n`, 'compiling X');
    expect(err.message).toMatch(
      new RegExp(
        `^compiling X failed:\\n${bad.replace(/[.]/g, '\\.')}:1:\\d+: error: .*missing_symbol`,
      ),
    );
    expect(err.message).not.toContain('noise');
  });
});

describe('assets', () => {
  it('copies the project assets named in package.json next to the bundle', async () => {
    const project = join(work, 'project');
    const outDir = join(project, 'dist');
    execFileSync('mkdir', ['-p', join(project, 'src'), join(project, 'app')]);
    writeFileSync(
      join(project, 'package.json'),
      JSON.stringify({ type: 'module', clusterkit: { assets: ['app'] } }),
    );
    writeFileSync(join(project, 'app', 'tool.mjs'), 'console.log(1);\n');
    copyFileSync(fixture, join(project, 'src', 'handler.ts'));
    const result = await buildType({ handler: join(project, 'src', 'handler.ts'), outDir });
    expect(readFileSync(join(outDir, 'app', 'tool.mjs'), 'utf8')).toBe('console.log(1);\n');
    expect(existsSync(result.library)).toBe(true);
  }, 600_000);
});
