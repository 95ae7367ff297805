/**
 * Starts the real CLI (`dist/src/dev/cli/main.js run --web --json ...`, so `npm run build`
 * must have run) and hands back the console URL it printed, the JSON event stream it writes
 * and a way to stop it. Nothing here sleeps: callers wait on events.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

export const KIT = resolve(import.meta.dirname, '..', '..');
export const CLI = join(KIT, 'dist', 'src', 'dev', 'cli', 'main.js');

export type RunEvent = Record<string, unknown> & { kind: string };

export interface WebRun {
  url: string;
  origin: string;
  port: number;
  token: string;
  events: RunEvent[];
  /** Resolves with the first event (already seen or coming) that matches. */
  waitFor(pred: (e: RunEvent) => boolean, what: string, timeoutMs?: number): Promise<RunEvent>;
  /** A line on the --json stdin channel, e.g. "fail R1". */
  send(line: string): void;
  stop(): Promise<number | null>;
  child: ChildProcess;
}

export async function startWebRun(args: string[], timeoutMs = 150_000): Promise<WebRun> {
  const out = mkdtempSync(join(tmpdir(), 'ck-console-'));
  const child = spawn(
    process.execPath,
    [
      CLI,
      'run',
      '--web',
      '--json',
      '--out',
      join(out, 'dist'),
      '--log',
      join(out, 'cluster.log'),
      ...args,
    ],
    { cwd: KIT, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  const events: RunEvent[] = [];
  const waiters = new Set<(e: RunEvent) => void>();
  createInterface({ input: child.stdout! }).on('line', (line) => {
    let e: RunEvent;
    try {
      e = JSON.parse(line) as RunEvent;
    } catch {
      return;
    }
    events.push(e);
    for (const w of [...waiters]) w(e);
  });
  let stderr = '';
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  const url = await new Promise<string>((ok, fail) => {
    const timer = setTimeout(
      () => fail(new Error(`no console URL within ${timeoutMs} ms:\n${stderr}`)),
      timeoutMs,
    );
    createInterface({ input: child.stderr! }).on('line', (line) => {
      stderr += `${line}\n`;
      const m = /^web console: (http:\/\/\S+)$/.exec(line);
      if (m) {
        clearTimeout(timer);
        ok(m[1]);
      }
    });
    void exited.then((code) => fail(new Error(`clusterkit run exited with ${code}:\n${stderr}`)));
  });
  const u = new URL(url);
  const waitFor: WebRun['waitFor'] = (pred, what, ms = 60_000) => {
    const seen = events.find(pred);
    if (seen) return Promise.resolve(seen);
    return new Promise((ok, fail) => {
      const timer = setTimeout(() => {
        waiters.delete(on);
        fail(new Error(`timed out after ${ms} ms waiting for ${what}`));
      }, ms);
      const on = (e: RunEvent) => {
        if (!pred(e)) return;
        clearTimeout(timer);
        waiters.delete(on);
        ok(e);
      };
      waiters.add(on);
    });
  };
  return {
    url,
    origin: u.origin,
    port: Number(u.port),
    token: u.searchParams.get('token')!,
    events,
    waitFor,
    send: (line) => child.stdin!.write(`${line}\n`),
    stop: async () => {
      if (child.exitCode === null) child.stdin!.write('quit\n');
      return exited;
    },
    child,
  };
}

/** Waits until every named resource has reached `state` (by the event stream). */
export async function allInState(run: WebRun, names: string[], state: string): Promise<void> {
  const last = (n: string) =>
    [...run.events].reverse().find((e) => e.kind === 'state' && e.resource === n)?.to;
  // Only a transition still to come counts: an earlier one (before a failure) is history.
  const past = new Set(run.events);
  await Promise.all(
    names.map((n) =>
      last(n) === state
        ? undefined
        : run.waitFor(
            (e) => !past.has(e) && e.kind === 'state' && e.resource === n && e.to === state,
            `${n} ${state}`,
            120_000,
          ),
    ),
  );
}
