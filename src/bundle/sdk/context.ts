/** The types a handler sees: the per-call context, managed processes and probes. */
import type { PropsOf, PublishOf } from './prop.js';

/** How a managed process ended. `code` is -1 when it was killed by a signal. */
export interface ExitInfo {
  code: number;
  signal: NodeJS.Signals | null;
}

/** A process the handler started with ctx.spawn; it runs in its own process group. */
export interface ManagedProcess {
  readonly pid: number;
  /** Resolves when the process has exited (never rejects). */
  readonly exited: Promise<ExitInfo>;
  /** True until the process has exited. */
  readonly running: boolean;
  /** The last lines it wrote to stdout/stderr (at most 50), for error messages. */
  readonly output: string[];
  /** Sends a signal to its whole process group (default SIGTERM). */
  kill(signal?: NodeJS.Signals): void;
}

export interface SpawnOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** 'forward' (default): stdout/stderr go to the cluster log line by line. */
  stdio?: 'forward' | 'ignore';
}

/** Health checks usable from isAlive/looksAlive/online. They resolve to booleans. */
export interface Probes {
  /** A TCP connection to host:port succeeds within timeoutMs (default 1000). */
  tcp(port: number, host?: string, timeoutMs?: number): Promise<boolean>;
  /** A GET of url answers 2xx or 3xx within timeoutMs (default 2000). */
  http(url: string, timeoutMs?: number): Promise<boolean>;
  /** The managed process is still running. */
  process(managed: ManagedProcess): boolean;
}

export interface ResourceLog {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** The context of one call into the handler. */
export interface ResourceContext<P = Record<string, never>> {
  /** The resource's name in the cluster. */
  readonly name: string;
  /** The resource type name. */
  readonly type: string;
  /** The read/write private properties, typed from the declaration, defaults applied. */
  readonly props: PropsOf<P>;
  /** Aborted on cancel, terminate, the call's deadline or the host shutting down. */
  readonly signal: AbortSignal;
  /** Lines for the cluster log. */
  readonly log: ResourceLog;
  /**
   * Reports progress of a pending online/offline: each call is one status report to RHS,
   * whose PendingTimeout (default 3 min) ends a pending call that stops reporting.
   */
  progress(note?: string): void;
  /** Reports an asynchronous failure of an online resource (any time after online). */
  fail(reason: string): void;
  /** Starts a managed process: own process group, output logged, killed on terminate. */
  spawn(command: string, args?: readonly string[], options?: SpawnOptions): ManagedProcess;
  /** Publishes read-only property values (GET_RO_PRIVATE_PROPERTIES answers with them). */
  publish(values: PublishOf<P>): void;
  /** Per-instance storage kept across calls (open to close). */
  readonly state: Record<string, any>;
  readonly probe: Probes;
}
