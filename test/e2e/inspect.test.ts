/**
 * CLUSTERKIT_INSPECT with a real debugger attached to the real host (docs/debugging.md): the
 * inspector listens on loopback, the bundle carries its source map for breakpoints in the
 * TypeScript, and a host held at a pause is a hung host to RHS: the library still answers
 * every call at its deadline (IsAlive FALSE), the host survives that and serves again once
 * resumed, and Terminate of a paused host ends it (and the debugging session) in time.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  isProcessRunning,
  ResourceMonitor,
  type HarnessEvent,
  type Resource,
} from '../../src/dev/harness/index.js';
import { buildInTemp, fixture, ROOT, waitUntil, type BuiltType } from './helpers.js';

type Line = Record<string, unknown>;

let built: BuiltType;
let monitor: ResourceMonitor;
let res: Resource;
let url = '';
const logs: string[] = [];

/** The test debugger: a child process speaking the inspector protocol. */
function attach(): { send: (line: string) => void; lines: Line[]; child: ChildProcess } {
  const child = spawn(
    process.execPath,
    ['--experimental-websocket', join(ROOT, 'test', 'inspector-client.mjs'), url],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const lines: Line[] = [];
  createInterface({ input: child.stdout! }).on('line', (l) => lines.push(JSON.parse(l) as Line));
  return { send: (line) => child.stdin!.write(`${line}\n`), lines, child };
}

/** Resolves once the child has exited (at once when it already has). */
function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((r) => child.once('exit', () => r()));
}

beforeAll(async () => {
  built = await buildInTemp(fixture('a-debug-me.ts'));
  // The library reads it when it starts the host: 0 = a free port.
  process.env.CLUSTERKIT_INSPECT = '0';
  monitor = await ResourceMonitor.load({
    library: built.library,
    type: built.typeName,
    // No polling: each check below is an explicit call.
    timing: { looksAlive: 3_600_000, isAlive: 3_600_000 },
  });
  monitor.on('event', (e: HarnessEvent) => {
    if (e.type === 'log') logs.push(e.text);
  });
  res = await monitor.createResource('D1');
  await res.online();
  await waitUntil(
    () => logs.some((l) => l.includes('Debugger listening on ws://')),
    10_000,
    'the inspector URL',
  );
  url = /ws:\/\/\S+/.exec(logs.find((l) => l.includes('Debugger listening'))!)![0];
}, 300_000);

afterAll(async () => {
  delete process.env.CLUSTERKIT_INSPECT;
  await monitor?.close();
  built?.cleanup();
});

describe('the Node inspector of the handler host', () => {
  it('listens on loopback only, and the library says so loudly', () => {
    expect(url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\//);
    expect(logs.join('\n')).toContain(
      'DEBUGGING ON: the handler host starts with the Node inspector on 127.0.0.1:0 (CLUSTERKIT_INSPECT)',
    );
  });

  it('shows the bundle with its source map, so breakpoints go in the TypeScript', async () => {
    const dbg = attach();
    dbg.send('scripts');
    await waitUntil(
      () => dbg.lines.some((l) => String(l.url).endsWith('.handler.js')),
      10_000,
      'the bundle among the parsed scripts',
    );
    const bundle = dbg.lines.find((l) => String(l.url).endsWith('.handler.js'))!;
    expect(bundle.sourceMapURL).toBe(`${built.typeId}.handler.js.map`);
    dbg.child.stdin!.end();
    await exited(dbg.child);
  });

  it('a paused host is a hung host: IsAlive answers FALSE at its deadline, and the host serves again once resumed', async () => {
    const dbg = attach();
    dbg.send('pause');
    await waitUntil(
      () => dbg.lines.filter((l) => l.answer !== undefined).length >= 2,
      10_000,
      'the pause request',
    );
    const started = performance.now();
    const alive = await res.isAlive();
    const ms = performance.now() - started;
    expect(alive).toBe(false);
    // The fixture's isAlive deadline is 1000 ms; the library answered RHS, not the paused host.
    expect(ms).toBeGreaterThanOrEqual(900);
    expect(ms).toBeLessThan(5000);
    expect(dbg.lines.some((l) => l.event === 'Debugger.paused')).toBe(true);
    const host = monitor.hostProcesses()[0].pid;

    dbg.send('resume');
    await waitUntil(() => dbg.lines.some((l) => l.event === 'Debugger.resumed'), 10_000, 'resume');
    await waitUntil(() => res.isAlive(), 10_000, 'IsAlive TRUE after resuming');
    expect(monitor.hostProcesses()[0].pid).toBe(host);
    dbg.child.stdin!.end();
    await exited(dbg.child);
  });

  it('Terminate of a paused host returns in time and ends the host, and with it the session', async () => {
    const dbg = attach();
    dbg.send('pause');
    await waitUntil(
      () => dbg.lines.filter((l) => l.answer !== undefined).length >= 2,
      10_000,
      'the pause request',
    );
    const host = monitor.hostProcesses()[0].pid;
    const started = performance.now();
    await res.terminate();
    expect(performance.now() - started).toBeLessThan(10_000);
    await waitUntil(() => !isProcessRunning(host), 10_000, 'the paused host to end');
    await waitUntil(() => dbg.lines.some((l) => l.closed === true), 10_000, 'the session to close');
    await exited(dbg.child);
    // RHS's restart: a new host, with the inspector again.
    await res.online();
    expect(res.state).toBe('Online');
  });
});
