/**
 * Managed processes: started with their own process group (detached), never via a
 * shell, output forwarded line by line, stopped by group (docs/sdk.md, "Managed processes").
 */
import { spawn, type StdioOptions } from 'node:child_process';
import { constants } from 'node:os';
import type {
  ExitInfo,
  ManagedProcess,
  OutputLevel,
  SignalScope,
  SpawnOptions,
  StopOptions,
} from '../sdk/context.js';
import { ResourceError } from '../sdk/errors.js';
import { lookupGroup, lookupUser } from './accounts.js';
import { forwardLines } from './output-lines.js';
import { signalGroup, signalProcess, stopGroup } from './process-group.js';

export interface ManagedHooks {
  /** One output line, at the level the handler's onLine chose. */
  line(text: string, level: Exclude<OutputLevel, 'none'>): void;
  spawned(pid: number, processGroup: number): void;
  exited(pid: number, exitCode: number): void;
}

const DEFAULT_KEEP_LINES = 50;
const MAX_KEEP_LINES = 10_000;
/** What the runtime sends after offline() when the process says nothing else. */
export const DEFAULT_STOP: Readonly<Required<StopOptions>> = Object.freeze({
  signal: 'SIGTERM',
  scope: 'group',
  graceMs: 5000,
});

export class Managed implements ManagedProcess {
  readonly output: string[] = [];
  readonly exited: Promise<ExitInfo>;
  running = true;

  constructor(
    readonly pid: number,
    exited: Promise<ExitInfo>,
    private readonly keep: number,
    readonly stopOptions: Readonly<Required<StopOptions>>,
  ) {
    this.exited = exited.then((info) => {
      this.running = false;
      return info;
    });
  }

  kill(signal: NodeJS.Signals = 'SIGTERM', scope: SignalScope = 'group'): void {
    checkSignal(signal, 'kill');
    if (scope === 'leader') signalProcess(this.pid, signal);
    else if (scope === 'group') signalGroup(this.pid, signal);
    else throw new ResourceError(`kill: scope must be 'leader' or 'group', got ${String(scope)}`);
  }

  async stop(): Promise<void> {
    const { signal, scope, graceMs } = this.stopOptions;
    await stopGroup(this.pid, graceMs, signal, scope === 'leader');
  }

  remember(line: string): void {
    if (this.keep === 0) return;
    this.output.push(line);
    if (this.output.length > this.keep) this.output.shift();
  }
}

function checkSignal(signal: unknown, what: string): asserts signal is NodeJS.Signals {
  if (typeof signal !== 'string' || !(signal in constants.signals))
    throw new ResourceError(
      `${what}: ${JSON.stringify(signal)} is not a signal name such as SIGTERM`,
    );
}

/** The stop options with defaults, checked. */
function stopOptions(given: StopOptions | undefined): Readonly<Required<StopOptions>> {
  const out = { ...DEFAULT_STOP, ...(given ?? {}) };
  checkSignal(out.signal, 'spawn: stop.signal');
  if (out.scope !== 'leader' && out.scope !== 'group')
    throw new ResourceError(
      `spawn: stop.scope must be 'leader' or 'group', got ${String(out.scope)}`,
    );
  if (!Number.isInteger(out.graceMs) || out.graceMs < 0 || out.graceMs > 3_600_000)
    throw new ResourceError(
      `spawn: stop.graceMs must be an integer 0..3600000, got ${out.graceMs}`,
    );
  return Object.freeze(out);
}

/**
 * The OCF agent marks every process of a resource with this variable (native/ocf/agent.h
 * CK_OCF_MARK) to find them at stop even after setsid; a handler's own `env` keeps it.
 */
const RESOURCE_MARK = 'CLUSTERKIT_OCF_RESOURCE';

/** uid, gid and the account's variables for the user/group options (POSIX), or nothing. */
function identity(options: SpawnOptions): { uid?: number; gid?: number; vars: NodeJS.ProcessEnv } {
  if (options.user === undefined && options.group === undefined) return { vars: {} };
  const account = options.user === undefined ? undefined : lookupUser(options.user);
  const gid = options.group === undefined ? account?.gid : lookupGroup(options.group);
  const vars: NodeJS.ProcessEnv = account
    ? { HOME: account.home, USER: account.name, LOGNAME: account.name }
    : {};
  return { uid: account?.uid, gid, vars };
}

function environment(
  options: SpawnOptions,
  vars: NodeJS.ProcessEnv,
): NodeJS.ProcessEnv | undefined {
  if (options.env === undefined && Object.keys(vars).length === 0) return undefined;
  const env: NodeJS.ProcessEnv = { ...(options.env ?? process.env) };
  // The account's HOME/USER/LOGNAME replace the host's, never what the handler's env gives.
  for (const [k, v] of Object.entries(vars)) if (options.env?.[k] === undefined) env[k] = v;
  const mark = process.env[RESOURCE_MARK];
  if (mark !== undefined) env[RESOURCE_MARK] = mark;
  return env;
}

function stdinBytes(value: SpawnOptions['stdin']): Buffer | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return Buffer.from(value, 'utf8');
  if (value instanceof Uint8Array)
    return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  throw new ResourceError('spawn: stdin must be a string or a Uint8Array');
}

function keepLines(value: unknown): number {
  if (value === undefined) return DEFAULT_KEEP_LINES;
  if (!Number.isInteger(value) || (value as number) < 0 || (value as number) > MAX_KEEP_LINES)
    throw new ResourceError(
      `spawn: keepLines must be an integer 0..${MAX_KEEP_LINES}, got ${String(value)}`,
    );
  return value as number;
}

/** Starts a managed process; throws ResourceError if it cannot be started. */
export function spawnManaged(
  command: string,
  args: readonly string[],
  options: SpawnOptions,
  hooks: ManagedHooks,
): Managed {
  if (typeof command !== 'string' || command === '')
    throw new ResourceError('spawn: the command must be a non-empty string');
  if (!Array.isArray(args) || args.some((a) => typeof a !== 'string')) {
    throw new ResourceError('spawn: args must be an array of strings');
  }
  const forward = (options.stdio ?? 'forward') === 'forward';
  const input = stdinBytes(options.stdin);
  const keep = keepLines(options.keepLines);
  const stop = stopOptions(options.stop);
  const { uid, gid, vars } = identity(options);
  const name = command.split(/[\\/]/).pop();
  const stdio: StdioOptions = [
    input ? 'pipe' : 'ignore',
    forward ? 'pipe' : 'ignore',
    forward ? 'pipe' : 'ignore',
  ];
  let child;
  try {
    child = spawn(command, [...args], {
      cwd: options.cwd,
      env: environment(options, vars),
      detached: true,
      shell: false,
      stdio,
      ...(uid !== undefined ? { uid } : {}),
      ...(gid !== undefined ? { gid } : {}),
    });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    const who = options.user !== undefined ? ` as user ${JSON.stringify(options.user)}` : '';
    const hint =
      code === 'EPERM' && who
        ? ': only a host running as root can start processes as another account'
        : '';
    throw new ResourceError(
      `spawn: cannot start ${JSON.stringify(command)}${who} (${code})${hint}`,
    );
  }
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
  const managed = new Managed(pid, exited, keep, stop);
  hooks.spawned(pid, pid);
  if (input && child.stdin) {
    child.stdin.on('error', () => {}); // a process that does not read its input
    child.stdin.end(input);
  }
  const level = lineLevel(options.onLine, (text) => hooks.line(text, 'warn'));
  for (const [stream, which] of [
    [child.stdout, 'stdout'],
    [child.stderr, 'stderr'],
  ] as const) {
    if (!stream) continue;
    forwardLines(stream, (line) => {
      managed.remember(line);
      const chosen = level(line, which);
      if (chosen !== 'none') hooks.line(`${name}[${pid}]: ${line}`, chosen);
    });
  }
  return managed;
}

/** The level of each line: the handler's onLine answer, 'info' by default. */
function lineLevel(
  onLine: SpawnOptions['onLine'],
  warn: (text: string) => void,
): (line: string, stream: 'stdout' | 'stderr') => OutputLevel {
  if (onLine === undefined) return () => 'info';
  if (typeof onLine !== 'function') throw new ResourceError('spawn: onLine must be a function');
  let warned = false;
  return (line, stream) => {
    try {
      const answer = onLine(line, stream);
      return answer === 'warn' || answer === 'error' || answer === 'none' ? answer : 'info';
    } catch (err) {
      if (!warned)
        warn(
          `onLine threw (${(err as Error)?.message ?? String(err)}); its lines are logged at info`,
        );
      warned = true;
      return 'info';
    }
  };
}
