// The bundle and schema steps on their own (no native build): esbuild output, the kit
// aliases, CommonJS dependencies, and the errors a handler author sees.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleHandler, renameBundle } from '../generator/index.js';
import { BuildError } from '../generator/index.js';
import { readSchemaCached } from '../generator/index.js';
import { copyAssets, ensureModuleScope, resolveAssets } from '../generator/index.js';

const root = resolve(import.meta.dirname, '..');
const fixture = join(root, 'test/fixtures/handlers/gen-basic.ts');
const work = mkdtempSync(join(tmpdir(), 'ck-bundle-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function bundleAndRead(handler: string, outDir: string, timeoutMs?: number) {
  mkdirSync(join(outDir, '.ck-build'), { recursive: true });
  ensureModuleScope(outDir);
  const bundled = await bundleHandler({ handler, outDir, kitRoot: root });
  return { bundled, ...(await readSchemaCached(bundled.code, outDir, { timeoutMs })) };
}

/** Processes whose command line mentions `text` (zombies excluded). */
function processesWith(text: string): number[] {
  return readdirSync('/proc')
    .filter((n) => /^\d+$/.test(n))
    .filter((n) => {
      try {
        const stat = readFileSync(`/proc/${n}/stat`, 'utf8');
        if (stat.slice(stat.lastIndexOf(')') + 2)[0] === 'Z') return false;
        return readFileSync(`/proc/${n}/cmdline`, 'utf8').includes(text);
      } catch {
        return false;
      }
    })
    .map(Number);
}

async function failure(p: Promise<unknown>): Promise<BuildError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(BuildError);
  return err as BuildError;
}

describe('bundle and schema', () => {
  it('bundles the handler with the kit runtime and reads its schema by running it', async () => {
    const outDir = join(work, 'basic');
    const { bundled, schema, schemaHash } = await bundleAndRead(fixture, outDir);
    expect(schema.type).toBe('Gen Basic');
    expect(schemaHash).toMatch(/^[0-9a-f]{64}$/);
    const file = join(outDir, 'GenBasic.handler.js');
    writeFileSync(file, renameBundle(bundled.code, 'GenBasic.handler.js'));
    writeFileSync(`${file}.map`, bundled.map);
    const text = execFileSync('tail', ['-n', '1', file], { encoding: 'utf8' });
    expect(text.trim()).toBe('//# sourceMappingURL=GenBasic.handler.js.map');
    // The bundle is self-contained: it runs from a directory with no node_modules.
    const printed = execFileSync(process.execPath, [file, '--clusterkit-schema'], {
      cwd: tmpdir(),
      encoding: 'utf8',
    });
    expect(JSON.parse(printed).type).toBe('Gen Basic');
  });

  it('gives CommonJS dependencies a working require', async () => {
    const dir = join(work, 'cjs');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'dep.cjs'),
      "const os = require('node:os'); module.exports = { name: 'Cjs ' + typeof os.platform() };\n",
    );
    writeFileSync(
      join(dir, 'handler.ts'),
      [
        "import { defineResourceType } from 'clusterkit';",
        "import dep from './dep.cjs';",
        'export default defineResourceType({ type: dep.name, properties: {},',
        '  async online() {}, async offline() {}, async isAlive() { return true; } });',
        '',
      ].join('\n'),
    );
    const { schema } = await bundleAndRead(join(dir, 'handler.ts'), join(dir, 'out'));
    expect(schema.type).toBe('Cjs string');
  });

  it('reports a syntax error in the handler with file:line:column', async () => {
    const broken = join(work, 'broken.ts');
    writeFileSync(
      broken,
      "import { prop } from 'clusterkit';\nexport default {\n  type: 'X',,\n};\n",
    );
    const err = await failure(
      bundleHandler({ handler: broken, outDir: join(work, 'out-broken'), kitRoot: root }),
    );
    expect(err.code).toBe('BUNDLE_FAILED');
    expect(err.message).toMatch(/broken\.ts:3:\d+: error: /);
  });

  it('rejects an import of a clusterkit subpath that does not exist', async () => {
    const h = join(work, 'subpath.ts');
    writeFileSync(h, "import x from 'clusterkit/internal';\nexport default x;\n");
    const err = await failure(
      bundleHandler({ handler: h, outDir: join(work, 'out-sub'), kitRoot: root }),
    );
    expect(err.message).toMatch(
      /subpath\.ts:1:\d+: error: "clusterkit\/internal" is not an export of clusterkit/,
    );
  });

  it('says so when the default export is not a defineResourceType(...) result', async () => {
    const plain = join(work, 'plain.ts');
    writeFileSync(plain, 'export default { type: "Plain" };\n');
    const err = await failure(bundleAndRead(plain, join(work, 'out-plain')));
    expect(err.code).toBe('SCHEMA_FAILED');
    expect(err.message).toContain('not a defineResourceType(...) result');
  });

  it('a schema rule broken at load time is one line: the property, the rule, what to do; no stack, no probe file', async () => {
    const h = join(work, 'range.ts');
    writeFileSync(
      h,
      "import { defineResourceType, prop } from 'clusterkit';\n" +
        "export default defineResourceType({ type: 'Range', properties: { Port: prop.dword({ default: 0, min: 1 }) },\n" +
        '  online() {}, offline() {}, isAlive: () => true });\n',
    );
    const err = await failure(bundleAndRead(h, join(work, 'out-range')));
    expect(err.code).toBe('SCHEMA_INVALID');
    expect(err.message.split('\n')).toHaveLength(1);
    expect(err.message).toMatch(
      /property Port: default 0 is below min 1; give a default from min to max, or lower min$/,
    );
    expect(err.message).not.toMatch(/probe-|BAD_RANGE|at /);
  });

  it('a handler that ignores SIGTERM and never finishes its top-level await cannot hang the build', async () => {
    const h = join(work, 'stubborn.ts');
    writeFileSync(
      h,
      "import { defineResourceType } from 'clusterkit';\n" +
        "process.on('SIGTERM', () => {});\n" +
        "import { spawn } from 'node:child_process';\n" +
        "spawn('sleep', ['1000'], { stdio: 'ignore' });\n" +
        'await new Promise(() => setInterval(() => {}, 1000));\n' +
        "export default defineResourceType({ type: 'Stubborn', properties: {}, online() {}, offline() {}, isAlive: () => true });\n",
    );
    const outDir = join(work, 'out-stubborn');
    const started = Date.now();
    const err = await failure(bundleAndRead(h, outDir, 500));
    expect(err.code).toBe('SCHEMA_TIMEOUT');
    // The deadline, the 2 s grace before SIGKILL, and slack for a busy machine.
    expect(Date.now() - started).toBeLessThan(500 + 2000 + 10_000);
    const probes = readdirSync(join(outDir, '.ck-build')).filter((f) => f.startsWith('probe-'));
    expect(probes).toEqual([]);
    expect(processesWith(join(outDir, '.ck-build', 'probe-'))).toEqual([]);
    expect(processesWith('sleep\u00001000')).toEqual([]);
  });

  it('refuses a property declared twice instead of keeping only the second', async () => {
    const h = join(work, 'dup.ts');
    writeFileSync(
      h,
      "import { defineResourceType, prop } from 'clusterkit';\n" +
        "export default defineResourceType({ type: 'Dup', properties: {\n" +
        '  Port: prop.dword({ default: 1 }),\n' +
        '  Port: prop.dword({ default: 2 }),\n' +
        '}, online() {}, offline() {}, isAlive: () => true });\n',
    );
    const err = await failure(
      bundleHandler({ handler: h, outDir: join(work, 'out-dup'), kitRoot: root }),
    );
    expect(err.code).toBe('DUPLICATE_KEY');
    expect(err.message).toMatch(
      /dup\.ts:4:3: error: Duplicate key "Port" in object literal; write each key once/,
    );
  });

  it('refuses an output directory that is a CommonJS package scope', () => {
    const dir = join(work, 'cjs-scope');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'package.json'), '{ "name": "x" }');
    expect(() => ensureModuleScope(dir)).toThrow(/does not say "type": "module"/);
  });

  it('names a missing asset, a malformed assets list and a broken package.json', () => {
    const project = join(work, 'assets-project');
    mkdirSync(join(project, 'src'), { recursive: true });
    const handler = join(project, 'src', 'handler.ts');
    writeFileSync(
      join(project, 'package.json'),
      JSON.stringify({ clusterkit: { assets: ['app'] } }),
    );
    const { assets } = resolveAssets(handler);
    expect(assets).toEqual([join(project, 'app')]);
    expect(() => copyAssets(assets, join(project, 'dist'))).toThrow(
      /the asset .*app does not exist/,
    );
    writeFileSync(join(project, 'package.json'), JSON.stringify({ clusterkit: { assets: 'app' } }));
    expect(() => resolveAssets(handler)).toThrow(
      /"clusterkit.assets" in .* must be an array of paths/,
    );
    writeFileSync(join(project, 'package.json'), '{ "clusterkit": ');
    expect(() => resolveAssets(handler)).toThrow(/cannot read .*package\.json: .*fix the JSON/);
  });
});
