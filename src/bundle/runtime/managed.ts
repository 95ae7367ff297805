/**
 * Managed processes: started with their own process group (detached), never via a
 * shell, output forwarded to the cluster log line by line, stopped by group.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import type { Readable } from 'node:stream';
import type { ExitInfo, ManagedProcess, SpawnOptions } from '../sdk/context.js';
import { ResourceError } from '../sdk/errors.js';

export interface ManagedHooks {
  line(text: string): void;
  spawned(pid: number, processGroup: number): void;
  exited(pid: number, exitCode: number): void;
}

const KEEP_LINES = 50;
const MAX_LINE = 4096;

class Managed implements ManagedProcess {
  readonly output: string[] = [];
  readonly exited: Promise<ExitInfo>;
  running = true;

  constructor(
    readonly pid: number,
    exited: Promise<ExitInfo>,
  ) {
    this.exited = exited.then((info) => {
      this.running = false;
      return info;
    });
  }

  kill(signal: NodeJS.Signals = 'SIGTERM'): void {
    signalGroup(this.pid, signal);
  }

  remember(line: string): void {
    this.output.push(line);
    if (this.output.length > KEEP_LINES) this.output.shift();
  }
}

/**
 * The OCF agent marks every process of a resource with this variable (native/ocf/agent.h
 * CK_OCF_MARK) to find them at stop even after setsid; a handler's own `env` keeps it.
 */
const RESOURCE_MARK = 'CLUSTERKIT_OCF_RESOURCE';

function withResourceMark(env: NodeJS.ProcessEnv | undefined): NodeJS.ProcessEnv | undefined {
  const mark = process.env[RESOURCE_MARK];
  return env === undefined || mark === undefined ? env : { ...env, [RESOURCE_MARK]: mark };
}

/** Starts a managed process; throws ResourceError if it cannot be started. */
export function spawnManaged(
  command: string,
  args: readonly string[],
  options: SpawnOptions,
  hooks: ManagedHooks,
): ManagedProcess & { remember(line: string): void } {
  if (typeof command !== 'string' || command === '')
    throw new ResourceError('spawn: the command must be a non-empty string');
  if (!Array.isArray(args) || args.some((a) => typeof a !== 'string')) {
    throw new ResourceError('spawn: args must be an array of strings');
  }
  const forward = (options.stdio ?? 'forward') === 'forward';
  const child = spawn(command, [...args], {
    cwd: options.cwd,
    env: withResourceMark(options.env),
    detached: true,
    shell: false,
    stdio: ['ignore', forward ? 'pipe' : 'ignore', forward ? 'pipe' : 'ignore'],
  });
  child.on('error', () => {}); // reported below (no pid) or through 'exit'
  if (child.pid === undefined) {
    throw new ResourceError(
      `spawn: cannot start ${JSON.stringify(command)}: not found or not executable (use an absolute path)`,
    );
  }
  const pid = child.pid;
  const exited = new Promise<ExitInfo>((resolve) => {
    child.on('exit', (code, signal) => {
      const info = { code: code ?? -1, signal };
      hooks.exited(pid, info.code);
      resolve(info);
    });
  });
  const managed = new Managed(pid, exited);
  hooks.spawned(pid, pid);
  const name = command.split(/[\\/]/).pop();
  for (const stream of [child.stdout, child.stderr]) {
    if (stream)
      forwardLines(stream, (line) => {
        managed.remember(line);
        hooks.line(`${name}[${pid}]: ${line}`);
      });
  }
  return managed;
}

function forwardLines(stream: Readable, onLine: (line: string) => void): void {
  const decoder = new StringDecoder('utf8');
  let partial = '';
  stream.on('data', (chunk: Buffer) => {
    partial += decoder.write(chunk);
    let nl: number;
    while ((nl = partial.indexOf('\n')) >= 0) {
      onLine(partial.slice(0, nl).replace(/\r$/, ''));
      partial = partial.slice(nl + 1);
    }
    if (partial.length > MAX_LINE) {
      onLine(partial);
      partial = '';
    }
  });
  stream.on('end', () => {
    partial += decoder.end();
    if (partial !== '') onLine(partial);
  });
  stream.on('error', () => {});
}

/** Sends a signal to a process group; false when the group no longer exists. */
export function signalGroup(pgid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    // Windows has no process groups: the host's job object holds the whole tree, and
    // here the managed process itself is signalled (libuv ends it with TerminateProcess).
    process.kill(process.platform === 'win32' ? pgid : -pgid, signal);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * True while the group has a member that is not a zombie. A killed grandchild stays
 * a zombie until init reaps it (slowly in some containers); it is already dead.
 */
export function groupAlive(pgid: number): boolean {
  if (!signalGroup(pgid, 0)) return false;
  if (process.platform !== 'linux') return true;
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return true;
  }
  return pids.some((pid) => {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // Fields after "comm)": state ppid pgrp ...
      const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return Number(pgrp) === pgid && state !== 'Z';
    } catch {
      return false; // exited while we looked
    }
  });
}

/** Waits until the group is gone or `ms` elapsed; true when gone. */
export async function waitGroupGone(pgid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (groupAlive(pgid)) {
    if (Date.now() >= deadline) return false;
    await new Promise((r) => setTimeout(r, 25));
  }
  return true;
}

/** SIGTERM to the group, SIGKILL after `graceMs`, then waits (bounded) until it is gone. */
export async function stopGroup(pgid: number, graceMs: number): Promise<boolean> {
  if (!signalGroup(pgid, 'SIGTERM')) return true;
  if (await waitGroupGone(pgid, graceMs)) return true;
  return killGroup(pgid, 2000);
}

/** SIGKILL to the group, then waits (bounded) until it is gone. */
export async function killGroup(pgid: number, waitMs: number): Promise<boolean> {
  if (!signalGroup(pgid, 'SIGKILL')) return true;
  return waitGroupGone(pgid, waitMs);
}
