// The real compiled CLI (dist/src/dev/cli/main.js), run as a child process.
import { execFile, execFileSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withLock } from '../generator/index.js';

const root = resolve(import.meta.dirname, '..');
const main = join(root, 'dist/src/dev/cli/main.js');
const work = mkdtempSync(join(tmpdir(), 'ck-cli-'));
const version = (
  JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }
).version;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<Run> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [main, ...args],
      { cwd: options.cwd ?? work, env: options.env ?? process.env, timeout: 600_000 },
      (err, stdout, stderr) =>
        done({ code: err ? (typeof err.code === 'number' ? err.code : null) : 0, stdout, stderr }),
    );
  });
}

function newest(dir: string): number {
  return Math.max(
    ...readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts'))
      .map((f) => statSync(join(dir, f)).mtimeMs),
  );
}

/** Compiles the kit unless dist is newer than the CLI and generator sources (tsc type errors elsewhere do not stop emit). */
beforeAll(async () => {
  mkdirSync(join(root, 'build'), { recursive: true });
  await withLock(join(root, 'build', 'tsc.lock'), async () => {
    const fresh =
      existsSync(main) &&
      statSync(main).mtimeMs > Math.max(newest(join(root, 'src')), newest(join(root, 'generator')));
    if (fresh) return;
    try {
      execFileSync(
        process.execPath,
        [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.json')],
        { stdio: 'pipe' },
      );
    } catch {
      // Reported through the tests below if main.js is missing.
    }
  });
  expect(existsSync(main)).toBe(true);
}, 300_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

function oneLine(run: Run): string {
  const lines = run.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  return lines[0];
}

describe('clusterkit help and usage errors', () => {
  it('--help lists the commands from the table', async () => {
    const run = await cli(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Usage: clusterkit <command>/);
    expect(run.stdout).toMatch(/^ {2}build +Bundle the handler/m);
  });

  it('build --help shows every flag with its default', async () => {
    const run = await cli(['build', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/--handler <file> .*\[default: src\/handler\.ts\]/);
    expect(run.stdout).toMatch(/--out <dir> .*\[default: dist\]/);
    expect(run.stdout).toMatch(/--target <target> .*linux/);
  });

  it('--version prints the package version', async () => {
    const run = await cli(['--version']);
    expect([run.code, run.stdout.trim()]).toEqual([0, version]);
  });

  it.each([
    [['biuld'], /unknown command "biuld"; did you mean clusterkit build\?/],
    [['--frobnicate'], /unknown flag --frobnicate; run clusterkit --help/],
    [['build', '--outdir', 'x'], /unknown flag --outdir; did you mean --out\?/],
    [['build', '--out'], /--out needs a value: clusterkit build --out <dir>/],
    [['build', '--handler', '--out', 'x'], /--handler needs a value/],
    [['build', '--target', 'mac'], /--target mac is not valid; use one of: linux, windows, ocf/],
    [['build', 'stray'], /unexpected argument "stray"/],
  ])('%j → exit 2 with one line saying what to do', async (args, message) => {
    const run = await cli(args);
    expect(run.code).toBe(2);
    expect(oneLine(run)).toMatch(message);
  });
});

describe('clusterkit build', () => {
  it('fails with exit 1 naming the missing handler', async () => {
    const run = await cli(['build']);
    expect(run.code).toBe(1);
    expect(oneLine(run)).toContain(`no handler file at ${join(work, 'src/handler.ts')}`);
  });

  it('names the Debian packages when cmake is missing', async () => {
    const project = join(work, 'no-cmake');
    mkdirSync(join(project, 'src'), { recursive: true });
    copyFileSync(
      join(root, 'test/fixtures/handlers/gen-basic.ts'),
      join(project, 'src/handler.ts'),
    );
    const run = await cli(['build'], {
      cwd: project,
      env: { ...process.env, PATH: join(work, 'empty-path') },
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/cmake is needed .* apt-get install cmake gcc/);
  });

  it('builds a type project and reports an unchanged rebuild', async () => {
    const project = join(work, 'project');
    mkdirSync(join(project, 'src'), { recursive: true });
    copyFileSync(
      join(root, 'test/fixtures/handlers/gen-basic.ts'),
      join(project, 'src/handler.ts'),
    );
    const run = await cli(['build'], { cwd: project });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^built Gen Basic \(GenBasic\), schema [0-9a-f]{12}\n/);
    expect(run.stdout).toContain('library  dist/linux/libGenBasic.so\n');
    expect(existsSync(join(project, 'dist/linux/libGenBasic.so'))).toBe(true);
    const again = await cli(['build', '--out', 'dist'], { cwd: project });
    expect({ code: again.code, stderr: again.stderr }).toEqual({ code: 0, stderr: '' });
    expect(again.stdout).toContain('libGenBasic.so  (unchanged)');
  }, 600_000);

  it('builds examples/echo-server with its app copied next to the bundle', async () => {
    const out = join(work, 'echo');
    const run = await cli(['build', '--out', out], { cwd: join(root, 'examples/echo-server') });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const library = join(out, 'linux/libEchoServer.so');
    const symbols = execFileSync('nm', ['-D', '--defined-only', library], { encoding: 'utf8' });
    expect(symbols).toMatch(/ T Startup$/m);
    expect(readFileSync(join(out, 'app/echo-server.mjs'), 'utf8')).toContain('listening on');
    expect(existsSync(join(out, 'EchoServer.handler.js'))).toBe(true);
  }, 600_000);
});
