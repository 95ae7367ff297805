import { spawn } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isProcessRunning } from '../../src/dev/harness/index.js';
import { buildInTemp, ECHO_HANDLER, freePorts, ROOT, type BuiltType } from './helpers.js';

// A plain Node program using the harness, as a user script would: it must end by itself.
const SCRIPT = `
import { ResourceMonitor, descendantProcesses } from ${JSON.stringify(join(ROOT, 'src', 'dev', 'harness', 'index.ts'))};
const [library, type, p1, p2] = process.argv.slice(2);
const monitor = await ResourceMonitor.load({ library, type, timing: { looksAlive: 100, isAlive: 300 } });
const a = await monitor.createResource('A', { Port: Number(p1) });
const b = await monitor.createResource('B', { Port: Number(p2) });
await Promise.all([a.online(), b.online()]);
await b.offline();
const before = descendantProcesses().map((p) => p.pid);
const apps = [(await a.getReadOnlyProperties()).Pid];
await monitor.close();
const after = descendantProcesses().map((p) => ({ pid: p.pid, state: p.state, argv: p.argv }));
process.stdout.write(JSON.stringify({ before, apps, after }) + '\\n');
`;

describe('monitor.close()', () => {
  let built: BuiltType;
  let scriptDir: string;
  let script: string;

  beforeAll(async () => {
    built = await buildInTemp(ECHO_HANDLER);
    // Inside the kit so that the bundle's `import 'koffi'` resolves from node_modules.
    scriptDir = join(ROOT, 'build', `e2e-close-${process.pid}`);
    mkdirSync(scriptDir, { recursive: true });
    script = join(scriptDir, 'close.mjs');
    await build({
      stdin: { contents: SCRIPT, resolveDir: ROOT, loader: 'ts', sourcefile: 'close.ts' },
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      external: ['koffi'],
      outfile: script,
      logLevel: 'silent',
    });
  });

  afterAll(() => {
    built?.cleanup();
    if (scriptDir) rmSync(scriptDir, { recursive: true, force: true });
  });

  it('leaves no process behind, and the process then exits cleanly by itself', async () => {
    const ports = await freePorts(2);
    const child = spawn(
      process.execPath,
      [script, built.library, built.typeName, String(ports[0]), String(ports[1])],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    const guard = setTimeout(() => child.kill('SIGKILL'), 90_000);
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((ok) =>
      child.once('exit', (c, s) => ok([c, s])),
    );
    clearTimeout(guard);
    expect({ code, signal, err }).toEqual({ code: 0, signal: null, err: '' });
    const report = JSON.parse(out.trim()) as { before: number[]; apps: number[]; after: unknown[] };
    // While online there were the host and the app; after close(), nothing, not even a zombie.
    expect(report.before.length).toBeGreaterThanOrEqual(2);
    expect(report.after).toEqual([]);
    for (const pid of [...report.before, ...report.apps]) expect(isProcessRunning(pid)).toBe(false);
  });
});
