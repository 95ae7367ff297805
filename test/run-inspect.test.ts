/**
 * `clusterkit run --inspect [Resource]` through the real binary: only that resource's handler
 * host (in a monitor of its own) gets the inspector, the URL is printed and reported as an
 * event, a debugger attached to it evaluates code in the handler's host; bad flags are one line.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, ensureCliBuilt, MAIN, ROOT } from './cli-binary.helper.js';

type Line = Record<string, unknown>;

const work = mkdtempSync(join(tmpdir(), 'ck-run-inspect-'));
const project = join(work, 'debug-me');
afterAll(() => rmSync(work, { recursive: true, force: true }));
beforeAll(async () => {
  await ensureCliBuilt();
  mkdirSync(join(project, 'src'), { recursive: true });
  copyFileSync(
    join(ROOT, 'test/fixtures/handlers/a-debug-me.ts'),
    join(project, 'src', 'handler.ts'),
  );
  writeFileSync(join(project, 'package.json'), '{ "name": "debug-me", "type": "module" }\n');
}, 300_000);

/** Lines of a child's stdout as JSON, and a way to wait for one. */
function follow(stream: NodeJS.ReadableStream) {
  const lines: Line[] = [];
  const waiters = new Set<() => void>();
  createInterface({ input: stream }).on('line', (l) => {
    lines.push(JSON.parse(l) as Line);
    for (const w of [...waiters]) w();
  });
  const next = (match: (l: Line) => boolean, ms = 60_000) =>
    new Promise<Line>((resolve, reject) => {
      const check = () => {
        const hit = lines.find(match);
        if (!hit) return;
        waiters.delete(check);
        clearTimeout(timer);
        resolve(hit);
      };
      const timer = setTimeout(() => reject(new Error(`no such line in ${ms} ms`)), ms);
      waiters.add(check);
      check();
    });
  return { lines, next };
}

describe('clusterkit run --inspect', () => {
  it("starts only the named resource's host with the inspector, and a debugger can attach", async () => {
    const run = spawn(
      process.execPath,
      [MAIN, 'run', '--json', '--resources', 'A,B', '--inspect', 'B', '--inspect-port', '0'],
      { cwd: project, stdio: ['pipe', 'pipe', 'pipe'] },
    );
    let stderr = '';
    run.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const events = follow(run.stdout!);
    const inspector = await events.next((e) => e.kind === 'inspector');
    expect(inspector.resource).toBe('B');
    const url = String(inspector.url);
    expect(url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\//);
    await events.next((e) => e.kind === 'state' && e.resource === 'A' && e.to === 'Online');
    const monitors = events.lines
      .filter((e) => e.kind === 'monitor' && e.what === 'started')
      .map((e) => e.monitor);
    expect(monitors).toEqual(expect.arrayContaining(['rhs', 'rhs-b']));
    // One inspector only: A's host, in the shared monitor, has none.
    expect(events.lines.filter((e) => e.kind === 'inspector')).toHaveLength(1);
    // stderr is another pipe: its line may come a little after the event.
    const said = `inspector of B's handler host: ${url}`;
    for (let i = 0; i < 200 && !stderr.includes(said); i++)
      await new Promise((r) => setTimeout(r, 50));
    expect(stderr).toContain(said);

    const dbg = spawn(
      process.execPath,
      ['--experimental-websocket', join(ROOT, 'test', 'inspector-client.mjs'), url],
      { stdio: ['pipe', 'pipe', 'inherit'] },
    );
    const answers = follow(dbg.stdout!);
    dbg.stdin!.write("eval process.execArgv.concat(process.argv.slice(1)).join(' ')\n");
    const answer = await answers.next((l) => l.answer !== undefined);
    expect((answer.result as { result: { value: string } }).result.value).toMatch(
      /^--inspect=127\.0\.0\.1:0 .*DebugMe\.handler\.js$/,
    );
    dbg.stdin!.end();
    run.stdin!.write('quit\n');
    await new Promise((r) => run.on('exit', r));
  }, 300_000);

  it.each([
    [
      ['--inspect', 'Nope'],
      /--inspect Nope: no such resource of A Debug Me; resources are ADebugMe1$/,
    ],
    [['--inspect-port', '9229'], /--inspect-port goes with --inspect/],
    [['--inspect', '--inspect-port', 'x'], /--inspect-port x must be a TCP port/],
  ])(
    '%j → exit 2 with one line',
    async (args, message) => {
      const r = await cli(['run', '--json', '--duration', '1', ...args], { cwd: project });
      expect(r.code).toBe(2);
      const lines = r.stderr.trimEnd().split('\n');
      expect(lines, r.stderr).toHaveLength(1);
      expect(lines[0]).toMatch(message);
    },
    300_000,
  );
});
