/**
 * The type author's path through the real `clusterkit` binary: usage errors (exit 2, one
 * line), `new`'s output, `run` refusing a required property left unset, `--set` values with
 * commas, required dependencies modeled with a stand-in, assets removed from dist/, and
 * `verify` inventing every required value and leaving nothing behind.
 */
import { spawn } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, ensureCliBuilt, ROOT, type CliRun } from './cli-binary.helper.js';

const work = mkdtempSync(join(tmpdir(), 'ck-author-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
beforeAll(() => ensureCliBuilt(), 300_000);

const fixture = (name: string) => join(ROOT, 'test', 'fixtures', 'handlers', `${name}.ts`);

/** A type project in `work` with `fixture` as its handler. */
function project(name: string, handler: string, pkg: object = {}): string {
  const dir = join(work, name);
  mkdirSync(join(dir, 'src'), { recursive: true });
  copyFileSync(fixture(handler), join(dir, 'src', 'handler.ts'));
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name, private: true, type: 'module', ...pkg }),
  );
  return dir;
}

function oneLine(r: CliRun): string {
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines, r.stderr).toHaveLength(1);
  return lines[0];
}

describe('usage', () => {
  it('clusterkit with no command exits 2 with the help on stderr', async () => {
    const r = await cli([], { cwd: work });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^Usage: clusterkit <command> \[flags\]$/m);
  });

  it('build --help names the admin module it generates', async () => {
    const r = await cli(['build', '--help'], { cwd: work });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('PowerShell admin module');
    expect(r.stdout).toContain('<out>/<TypeId>.psd1');
  });

  it('new prints the folder as it was given, and depends on the kit that runs it', async () => {
    const target = join(work, 'made by new');
    const r = await cli(['new', 'Made Type', target], { cwd: work });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`in ${target}, depending on clusterkit file:${ROOT}\n`);
    expect(r.stdout).toContain(`  cd '${target}'\n`);
  });
});

describe('clusterkit run', () => {
  let dir: string;
  beforeAll(() => {
    dir = project('required-dir', 'a-required-dir');
  });

  it('refuses to start a resource whose required property is unset, naming the --set (exit 2)', async () => {
    const r = await cli(['run', '--json', '--duration', '1'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(oneLine(r)).toBe(
      'clusterkit run: resource ARequiredDir1 has no value for the required property DataDir: pass --set DataDir=<text> (or "props" in a --config file)',
    );
  }, 300_000);

  it.each([
    [['--set', 'Port=80,DataDir=/x'], /--set Port=80: Port must be within 1024\.\.65535$/],
    [
      ['--set', 'DataDir=/x,Prot=6000'],
      /Prot is not a property of this type \(did you mean Port\?\).*--config/,
    ],
    [
      ['--set', 'DataDir=/x', '--set', 'Verbose=perhaps'],
      /Verbose is a bool; write true or false$/,
    ],
  ])(
    '%j → exit 2 with one line',
    async (args, message) => {
      const r = await cli(['run', '--json', '--duration', '1', ...args], { cwd: dir });
      expect(r.code).toBe(2);
      expect(oneLine(r)).toMatch(message);
    },
    300_000,
  );

  it('carries a value with commas, and models the disk the type requires with a stand-in', async () => {
    const alone = await cli(['run', '--json', '--duration', '200', '--set', 'DataDir=/srv/a,b'], {
      cwd: dir,
    });
    expect(alone.code, alone.stderr).toBe(0);
    expect(alone.stderr).toContain(
      'warning: ARequiredDir1 has no dependency on a resource of type "Physical Disk", which A Required Dir requires',
    );

    const config = join(dir, 'run.json');
    writeFileSync(
      config,
      JSON.stringify({
        resources: [
          { name: 'Disk1', type: 'Physical Disk', group: 'G' },
          { name: 'Pg1', group: 'G', dependsOn: ['Disk1'], props: { DataDir: '/srv/pg' } },
        ],
      }),
    );
    const child = spawn(
      process.execPath,
      [
        join(ROOT, 'dist/src/dev/cli/main.js'),
        'run',
        '--json',
        '--config',
        config,
        '--set',
        'ListenAddress=127.0.0.1,::1,Port=6000',
      ],
      { cwd: dir, stdio: ['pipe', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const onlineOrder: string[] = [];
    let parameters: { name: string; value: unknown }[] | undefined;
    await new Promise<void>((done) => {
      createInterface({ input: child.stdout! }).on('line', (line) => {
        const e = JSON.parse(line) as Record<string, unknown>;
        if (e.kind === 'state' && e.to === 'Online') {
          onlineOrder.push(String(e.resource));
          if (e.resource === 'Pg1')
            child.stdin!.write(
              `${JSON.stringify({ id: 1, command: 'get-parameters', resource: 'Pg1' })}\n`,
            );
        }
        if (e.kind === 'command' && e.id === 1) {
          parameters = e.result as typeof parameters;
          child.stdin!.write('quit\n');
        }
      });
      child.on('exit', () => done());
    });
    expect(stderr).not.toContain('warning:');
    expect(onlineOrder).toEqual(['Disk1', 'Pg1']);
    const value = (n: string) => parameters?.find((p) => p.name === n)?.value;
    expect(value('ListenAddress')).toBe('127.0.0.1,::1');
    expect(value('Port')).toBe(6000);
    expect(value('DataDir')).toBe('/srv/pg');
  }, 300_000);
});

describe('clusterkit build', () => {
  it('reuses the bundle only while none of its inputs changed, an imported module included', async () => {
    const dir = join(work, 'imports');
    mkdirSync(join(dir, 'src'), { recursive: true });
    writeFileSync(join(dir, 'package.json'), '{ "name": "imports", "type": "module" }');
    writeFileSync(join(dir, 'src', 'greeting.ts'), "export const greeting = 'first';\n");
    writeFileSync(
      join(dir, 'src', 'handler.ts'),
      [
        "import { defineResourceType, prop } from 'clusterkit';",
        "import { greeting } from './greeting.js';",
        'export default defineResourceType({',
        "  type: 'Imports', properties: { Port: prop.dword({ default: 1 }) },",
        '  online(ctx) { ctx.log.info(greeting); }, offline() {}, isAlive: () => true,',
        '});',
        '',
      ].join('\n'),
    );
    const bundle = join(dir, 'dist', 'Imports.handler.js');
    expect((await cli(['build'], { cwd: dir })).code).toBe(0);
    expect(readFileSync(bundle, 'utf8')).toContain('"first"');
    const again = await cli(['build'], { cwd: dir });
    expect(again.stdout).toContain('(unchanged)');
    writeFileSync(join(dir, 'src', 'greeting.ts'), "export const greeting = 'second';\n");
    expect((await cli(['build'], { cwd: dir })).code).toBe(0);
    expect(readFileSync(bundle, 'utf8')).toContain('"second"');
  }, 300_000);

  it('removes from dist/ what was removed from the assets', async () => {
    const dir = project('assets', 'gen-basic', { clusterkit: { assets: ['app', 'extra.conf'] } });
    mkdirSync(join(dir, 'app'));
    writeFileSync(join(dir, 'app', 'keep.mjs'), 'keep');
    writeFileSync(join(dir, 'app', 'gone.mjs'), 'gone');
    writeFileSync(join(dir, 'extra.conf'), 'x');
    expect((await cli(['build'], { cwd: dir })).code).toBe(0);
    expect(existsSync(join(dir, 'dist', 'app', 'gone.mjs'))).toBe(true);
    expect(existsSync(join(dir, 'dist', 'extra.conf'))).toBe(true);
    writeFileSync(join(dir, 'dist', 'mine.txt'), 'not an asset');

    rmSync(join(dir, 'app', 'gone.mjs'));
    writeFileSync(
      join(dir, 'package.json'),
      JSON.stringify({ name: 'assets', type: 'module', clusterkit: { assets: ['app'] } }),
    );
    const again = await cli(['build'], { cwd: dir });
    expect(again.code, again.stderr).toBe(0);
    expect(readdirSync(join(dir, 'dist', 'app'))).toEqual(['keep.mjs']);
    expect(existsSync(join(dir, 'dist', 'extra.conf'))).toBe(false);
    expect(existsSync(join(dir, 'dist', 'mine.txt'))).toBe(true);
  }, 300_000);
});

describe('clusterkit verify', () => {
  it('passes a type with a required property of every kind with no --set, and leaves nothing behind', async () => {
    const dir = project('required-every-kind', 'v-required-every-kind');
    // A private temporary folder: anything verify invents lands here and must be gone after.
    const temp = join(work, 'verify-tmp');
    mkdirSync(temp);
    const r = await cli(['verify'], { cwd: dir, env: { ...process.env, TMPDIR: temp } });
    expect(r.stdout).toMatch(/VRequiredEveryKind: 28 rules, 28 passed, 0 failed/);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(readdirSync(temp)).toEqual([]);
  }, 600_000);

  it('says that it models no provider for a required dependency', async () => {
    const dir = project('required-dir-verify', 'a-required-dir');
    const r = await cli(['verify', '--rule', 'open-offline'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(
      'note: A Required Dir requires a dependency on a resource of type "Physical Disk"; verify runs each resource alone, with no provider',
    );
    const json = await cli(['verify', '--rule', 'open-offline', '--json'], { cwd: dir });
    expect((JSON.parse(json.stdout) as { notes: string[] }).notes[0]).toMatch(/Physical Disk/);
  }, 300_000);

  it('refuses a bad --set with one line (exit 2)', async () => {
    const dir = project('required-every-kind-set', 'v-required-every-kind');
    const r = await cli(['verify', '--set', 'Port=x'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(oneLine(r)).toBe('clusterkit verify: --set Port=x: Port is a dword; write an integer');
  }, 300_000);
});
