import { spawn, execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseLogLine } from '../src/dev/cluster/cluster-log.js';
import { readProcess } from '../src/dev/harness/processes.js';
import { cliWithRunAndVerify } from './cluster-run.helper.js';

let cli: string;
const handler = resolve('examples/echo-server/src/handler.ts');

beforeAll(async () => {
  cli = await cliWithRunAndVerify();
}, 120_000);

/** Processes whose command line mentions `dir` (hosts and apps of a build in dir). */
function processesUsing(dir: string): number[] {
  return readdirSync('/proc')
    .filter((n) => /^\d+$/.test(n))
    .map(Number)
    .filter((pid) => {
      const p = readProcess(pid);
      return p !== undefined && p.state !== 'Z' && p.argv.some((a) => a.includes(dir));
    });
}

function startRun(extra: string[]) {
  const out = mkdtempSync(join(tmpdir(), 'ck-run-'));
  const port = 20000 + Math.floor(Math.random() * 20000);
  const child = spawn(
    process.execPath,
    [
      cli,
      'run',
      '--json',
      '--handler',
      handler,
      '--out',
      out,
      '--log',
      join(out, 'cluster.log'),
      '--resources',
      'E1',
      '--set',
      `Port=${port}`,
      ...extra,
    ],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );
  const events: Record<string, unknown>[] = [];
  const waiters: { pred: (e: Record<string, unknown>) => boolean; resolve: () => void }[] = [];
  createInterface({ input: child.stdout! }).on('line', (line) => {
    const e = JSON.parse(line) as Record<string, unknown>;
    events.push(e);
    for (const w of [...waiters])
      if (w.pred(e)) (waiters.splice(waiters.indexOf(w), 1), w.resolve());
  });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += String(d)));
  const waitFor = (pred: (e: Record<string, unknown>) => boolean, what: string, ms = 60_000) =>
    events.some(pred)
      ? Promise.resolve()
      : new Promise<void>((res, rej) => {
          const t = setTimeout(
            () =>
              rej(
                new Error(
                  `timed out waiting for ${what}; stderr: ${stderr}; events: ${events
                    .filter((e) => e.kind !== 'log')
                    .map((e) => JSON.stringify(e))
                    .join('\n')}`,
                ),
              ),
            ms,
          );
          waiters.push({ pred, resolve: () => (clearTimeout(t), res()) });
        });
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return { child, events, waitFor, exited, out, stderr: () => stderr };
}

describe('clusterkit run --json (end to end, real library, host and echo server)', () => {
  it('streams events as JSON lines, takes commands on stdin, recovers from faults and leaves nothing running on quit', async () => {
    const r = startRun(['--nodes', 'a,b', '--time-scale', '0.05']);
    const online = (node: string) => (e: Record<string, unknown>) =>
      e.kind === 'state' && e.resource === 'E1' && e.to === 'Online' && e.node === node;
    await r.waitFor(online('a'), 'E1 online on a', 120_000);
    r.child.stdin!.write('kill-app E1\n');
    await r.waitFor((e) => e.kind === 'restart' && e.resource === 'E1', 'a restart');
    await r.waitFor(
      () => r.events.filter(online('a')).length >= 2,
      'E1 online again after the restart',
    );
    r.child.stdin!.write('lose-node a\n');
    await r.waitFor((e) => e.kind === 'failover' && e.to === 'b', 'failover to b');
    await r.waitFor(online('b'), 'E1 online on b');
    r.child.stdin!.write('bogus\n');
    await r.waitFor((e) => e.kind === 'command' && e.ok === false, 'an error answer');
    expect(String(r.events.find((e) => e.kind === 'command' && e.ok === false)!.error)).toMatch(
      /unknown command "bogus"/,
    );
    r.child.stdin!.write('quit\n');
    expect(await r.exited).toBe(0);
    expect(processesUsing(r.out)).toEqual([]);
    const lines = readFileSync(join(r.out, 'cluster.log'), 'utf8').trim().split('\n');
    expect(lines.every((l) => parseLogLine(l) !== undefined)).toBe(true);
    expect(lines.some((l) => / \[RES\] EchoServer <E1>: /.test(l))).toBe(true);
  }, 240_000);

  it('Ctrl-C (SIGINT) stops the cluster and leaves nothing running', async () => {
    const r = startRun([]);
    await r.waitFor((e) => e.kind === 'state' && e.to === 'Online', 'E1 online', 120_000);
    r.child.kill('SIGINT');
    expect(await r.exited).toBe(0);
    expect(processesUsing(r.out)).toEqual([]);
  }, 240_000);

  it('refuses a bad flag value or config with a one-line usage error (exit 2)', async () => {
    const out = mkdtempSync(join(tmpdir(), 'ck-run-bad-'));
    // The config lives beside the output folder: a build refuses a folder of other files.
    const cfg = join(mkdtempSync(join(tmpdir(), 'ck-run-cfg-')), 'c.json');
    writeFileSync(cfg, JSON.stringify({ resources: [{ name: 'A', colour: 'red' }] }));
    const run = (args: string[]) =>
      new Promise<{ code: number | null; stderr: string }>((res) => {
        const c = execFile(
          process.execPath,
          [cli, 'run', '--handler', handler, '--out', out, ...args],
          (_e, _o, stderr) => res({ code: c.exitCode, stderr }),
        );
      });
    const a = await run(['--nodes', '0']);
    expect(a.code).toBe(2);
    expect(a.stderr).toMatch(/--nodes 0: give 1\.\.16 nodes/);
    // Numbers that are not a count never become node names.
    for (const n of ['-1', '2.5']) {
      const r = await run(['--nodes', n]);
      expect(r.code, n).toBe(2);
      expect(r.stderr).toMatch(
        new RegExp(`--nodes ${n.replace('.', '\\.')}: give 1\\.\\.16 nodes`),
      );
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
    const b = await run(['--config', cfg]);
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/unknown key\(s\) colour/);
  }, 240_000);
});

describe('clusterkit run live view in a pseudo-terminal', () => {
  it('shows the resource table and log, reacts to x (fail) and quits on q with nothing left running', async () => {
    const out = mkdtempSync(join(tmpdir(), 'ck-run-tty-'));
    const port = 20000 + Math.floor(Math.random() * 20000);
    // python's pty gives the CLI a real terminal; the script types keys once the screen shows what it waits for.
    const script = [
      'import os, pty, sys, time, select',
      'argv = sys.argv[1:]',
      'pid, fd = pty.fork()',
      'if pid == 0:',
      '    os.execv(argv[0], argv)',
      'buf = b""',
      'def wait_for(token, limit):',
      '    global buf',
      '    end = time.time() + limit',
      '    while time.time() < end:',
      '        r, _, _ = select.select([fd], [], [], 0.2)',
      '        if r:',
      '            try: buf += os.read(fd, 65536)',
      '            except OSError: return False',
      '        if token in buf[-200000:]: return True',
      '    return False',
      'ok = wait_for(b"Online", 120)',
      'buf = b""',
      'os.write(fd, b"x")',
      'ok = ok and wait_for(b"restarting", 60)',
      'ok = ok and wait_for(b"Online", 60)',
      'os.write(fd, b"q")',
      'wait_for(b"stopped: every monitor", 60)',
      '_, status = os.waitpid(pid, 0)',
      'print("OK" if ok else "MISSING", os.waitstatus_to_exitcode(status))',
    ].join('\n');
    const res = await new Promise<{ stdout: string; stderr: string }>((r) =>
      execFile(
        'python3',
        [
          '-c',
          script,
          process.execPath,
          cli,
          'run',
          '--handler',
          handler,
          '--out',
          out,
          '--log',
          join(out, 'cluster.log'),
          '--resources',
          'T1',
          '--set',
          `Port=${port}`,
          '--time-scale',
          '0.05',
        ],
        { timeout: 200_000 },
        (_e, stdout, stderr) => r({ stdout, stderr }),
      ),
    );
    expect(res.stdout.trim(), res.stderr).toBe('OK 0');
    expect(processesUsing(out)).toEqual([]);
  }, 240_000);
});
