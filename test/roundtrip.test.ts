/**
 * The user's path, for real: pack the kit, `clusterkit new` a project with --kit <tarball>,
 * install it offline, and run the new project's own `npm test`, unchanged. And a type whose
 * schema uses every property kind, built and driven through the library.
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateAdminModule } from '../generator/index.js';
import { buildType } from '../generator/index.js';
import { withLock } from '../generator/index.js';
import { ResourceMonitor } from '../src/dev/harness/index.js';

const root = resolve(import.meta.dirname, '..');
const main = join(root, 'dist/src/dev/cli/main.js');
const work = mkdtempSync(join(tmpdir(), 'ck-roundtrip-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

// npm variables inherited from an outer `npm test` of the kit would point npm at the kit.
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));

function run(cmd: string, args: string[], cwd: string): Promise<{ code: number; out: string }> {
  return new Promise((done) => {
    execFile(
      cmd,
      args,
      { cwd, env, timeout: 900_000, maxBuffer: 64 << 20 },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
        // Colour codes (vitest honours FORCE_COLOR from a parent run) would split the summary words.
        done({ code, out: `${stdout}\n${stderr}`.replace(/\u001b\[[0-9;]*m/g, '') });
      },
    );
  });
}

let tarball = '';

beforeAll(async () => {
  // Same lock as the CLI tests: one tsc at a time, and no pack while dist is being rewritten.
  mkdirSync(join(root, 'build'), { recursive: true });
  await withLock(join(root, 'build', 'tsc.lock'), async () => {
    try {
      execFileSync(
        process.execPath,
        [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.json')],
        { stdio: 'pipe' },
      );
    } catch {
      // Type errors elsewhere do not stop emit; a missing CLI fails below.
    }
    execFileSync('npm', ['pack', '--pack-destination', work], { cwd: root, env, stdio: 'pipe' });
  });
  expect(existsSync(main)).toBe(true);
  tarball = join(
    work,
    readdirSync(work).find((f) => f.endsWith('.tgz'))!,
  );
}, 600_000);

describe('round trip: pack, new, install, test', () => {
  it('a new project passes its own npm test with no edits', async () => {
    const created = await run(
      process.execPath,
      [main, 'new', 'Demo Type', 'demo', '--kit', tarball],
      work,
    );
    expect(created.out).toContain('created Demo Type (DemoType)');
    expect(created.code).toBe(0);
    const project = join(work, 'demo');
    const install = await run('npm', ['install', '--offline', '--no-audit', '--no-fund'], project);
    expect(install.code, install.out).toBe(0);
    const test = await run('npm', ['test'], project);
    expect(test.code, test.out).toBe(0);
    expect(test.out).toMatch(/Tests\s+1 passed/);
    // clusterkit build also generates the admin module.
    expect(existsSync(join(project, 'dist', 'DemoType.psd1'))).toBe(true);
    expect(existsSync(join(project, 'dist', 'DemoType.psm1'))).toBe(true);
    const types = await run('npm', ['run', 'typecheck'], project);
    expect(types.code, types.out).toBe(0);
    const packaged = await run('npm', ['run', 'package'], project);
    expect(packaged.code, packaged.out).toBe(0);
    expect(existsSync(join(project, 'dist', 'DemoType-1.0.0.zip'))).toBe(true);
  }, 900_000);
});

describe('round trip without --kit: the installed kit scaffolds a project that depends on it', () => {
  it('installs with nothing but the kit and passes its own npm test', async () => {
    // The kit as a user gets it: installed from its tarball into some folder.
    const tools = join(work, 'tools');
    mkdirSync(tools);
    writeFileSync(join(tools, 'package.json'), '{ "name": "tools", "private": true }\n');
    const installKit = await run(
      'npm',
      ['install', '--offline', '--no-audit', '--no-fund', tarball],
      tools,
    );
    expect(installKit.code, installKit.out).toBe(0);
    const installed = join(
      tools,
      'node_modules',
      'clusterkit',
      'dist',
      'src',
      'dev',
      'cli',
      'main.js',
    );
    const created = await run(process.execPath, [installed, 'new', 'Fresh Type', 'fresh'], work);
    expect(created.code, created.out).toBe(0);
    expect(created.out).toContain(`depending on clusterkit file:${tarball}`);
    const project = join(work, 'fresh');
    const install = await run('npm', ['install', '--offline', '--no-audit', '--no-fund'], project);
    expect(install.code, install.out).toBe(0);
    const test = await run('npm', ['test'], project);
    expect(test.code, test.out).toBe(0);
    expect(test.out).toMatch(/Tests\s+1 passed/);
    // The README the project got links the kit's docs, which the installed kit carries.
    expect(existsSync(join(project, 'node_modules', 'clusterkit', 'docs', 'sdk.md'))).toBe(true);
  }, 900_000);
});

const EVERY_KIND_HANDLER = `
import { defineResourceType, prop } from 'clusterkit';

export default defineResourceType({
  type: 'Every Kind',
  properties: {
    Port: prop.dword({ default: 7000, min: 1, max: 65535, description: 'TCP port' }),
    Offset: prop.long({ default: -3, min: -10, max: 10 }),
    Verbose: prop.bool({ default: false }),
    Greeting: prop.string({ default: "it's $x" }),
    DataDir: prop.expandString({ required: true }),
    Peers: prop.multiString({ default: ['a', 'b'] }),
    Token: prop.binary({}),
    Quota: prop.ulargeInteger({ default: 5n, max: 18446744073709551615n }),
    Delta: prop.largeInteger({ default: -5n, min: -9223372036854775808n }),
    Status: prop.string({ readOnly: true }),
  },
  async online(ctx) {
    ctx.publish({ Status: 'up' });
  },
  async offline() {},
  isAlive() {
    return true;
  },
});
`;

describe('a type using every property kind', () => {
  it('builds, and each kind round-trips through the library; the admin module types each one', async () => {
    const dir = join(work, 'every');
    mkdirSync(join(dir, 'src'), { recursive: true });
    writeFileSync(
      join(dir, 'package.json'),
      '{ "name": "every", "private": true, "type": "module" }\n',
    );
    writeFileSync(join(dir, 'src', 'handler.ts'), EVERY_KIND_HANDLER);
    const built = await buildType({
      handler: join(dir, 'src', 'handler.ts'),
      outDir: join(dir, 'dist'),
    });
    expect(built.schema.properties.map((p) => p.kind)).toEqual([
      'dword',
      'long',
      'bool',
      'string',
      'expandString',
      'multiString',
      'binary',
      'ulargeInteger',
      'largeInteger',
      'string',
    ]);

    const monitor = await ResourceMonitor.load({
      library: built.library,
      type: built.typeName,
      schema: built.schema,
    });
    try {
      const res = await monitor.createResource('E1', { DataDir: '%TEMP%\\every' });
      const values = {
        Port: 7100,
        Offset: -7,
        Verbose: true,
        Greeting: "quote ' dollar $ tick ` Ω",
        DataDir: '%ProgramData%\\every',
        Peers: ['x', 'y', 'z'],
        Token: new Uint8Array([0, 1, 254, 255]),
        Quota: 18446744073709551615n,
        Delta: -9223372036854775808n,
      };
      await res.setProperties(values);
      const got = (await res.getProperties()) as Record<string, unknown>;
      for (const [name, value] of Object.entries(values)) {
        const actual = got[name] instanceof Uint8Array ? [...(got[name] as Uint8Array)] : got[name];
        const expected = value instanceof Uint8Array ? [...value] : value;
        expect(actual, name).toEqual(expected);
      }
      await res.online();
      expect(res.state).toBe('Online');
      expect((await res.getReadOnlyProperties()).Status).toBe('up');
      await res.offline();
      await res.close();
    } finally {
      await monitor.close();
    }

    const psm1 = generateAdminModule(built.schema).find(
      (f) => f.name === 'EveryKind.psm1',
    )!.content;
    for (const decl of [
      '[uint32] $Port',
      '[int32] $Offset',
      '[bool] $VerboseProperty',
      '[string] $Greeting',
      '[string] $DataDir',
      '[string[]] $Peers',
      '[byte[]] $Token',
      '[uint64] $Quota',
      '[int64] $Delta',
    ]) {
      expect(psm1).toContain(decl);
    }
    expect(psm1).not.toContain('$Status');
  }, 600_000);
});
