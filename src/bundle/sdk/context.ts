/** The types a handler sees: the per-call context, managed processes and probes. */
import type { PropsOf, PublishOf } from './prop.js';

/** How a managed process ended. `code` is -1 when it was killed by a signal. */
export interface ExitInfo {
  code: number;
  signal: NodeJS.Signals | null;
}

/**
 * Who a signal goes to: the process the handler started (`'leader'`, e.g. PostgreSQL's
 * postmaster, whose shutdown modes are signals to it alone) or its whole process group
 * (`'group'`: the process and everything it started that stayed in the group).
 */
export type SignalScope = 'leader' | 'group';

/** How the runtime stops a managed process (after offline(), or `child.stop()`). */
export interface StopOptions {
  /** The first signal (default SIGTERM). */
  signal?: NodeJS.Signals;
  /** Where it goes (default 'group'). */
  scope?: SignalScope;
  /** ms to wait for the whole group to be gone before SIGKILL to the group (default 5000). */
  graceMs?: number;
}

/** A process the handler started with ctx.spawn; it runs in its own process group. */
export interface ManagedProcess {
  readonly pid: number;
  /** Resolves when the process has exited (never rejects). */
  readonly exited: Promise<ExitInfo>;
  /** True until the process has exited. */
  readonly running: boolean;
  /** The last lines it wrote to stdout/stderr (`keepLines`, default 50), for error messages. */
  readonly output: string[];
  /** Sends a signal (default SIGTERM) to its whole process group, or to the process alone. */
  kill(signal?: NodeJS.Signals, scope?: SignalScope): void;
  /**
   * Stops it as its `stop` option says (default: SIGTERM to the group, SIGKILL to the group 5 s
   * later) and resolves once every process of its group is gone.
   */
  stop(): Promise<void>;
}

/** A POSIX account, as ctx.account() resolves it. */
export interface Account {
  readonly name: string;
  readonly uid: number;
  /** The primary group. */
  readonly gid: number;
  readonly home: string;
}

/** A log level a line of a managed process's output can be written at; 'none' drops it. */
export type OutputLevel = 'info' | 'warn' | 'error' | 'none';

export interface SpawnOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** 'forward' (default): stdout/stderr lines reach `onLine` and the cluster log. */
  stdio?: 'forward' | 'ignore';
  /**
   * Written to the process's standard input, which is then closed (a password for a pwfile of
   * `/dev/stdin`, a configuration). Without it standard input is /dev/null.
   */
  stdin?: string | Uint8Array;
  /**
   * POSIX: run as this account (name or uid) instead of the host's (root under the harness;
   * the OCF agent's root). The group is the account's primary group unless `group` is given;
   * HOME, USER and LOGNAME are the account's unless `env` sets them. Refused on Windows
   * (docs/sdk.md, "Running as another account").
   */
  user?: string | number;
  /** POSIX: run with this group (name or gid). */
  group?: string | number;
  /**
   * Each line of output: decide its log level (default 'info'; 'none' keeps it out of the
   * log), or react to it. A throw is logged once and the line goes out at 'info'.
   */
  onLine?(line: string, stream: 'stdout' | 'stderr'): OutputLevel | void;
  /** How many of the last lines `output` keeps (default 50). */
  keepLines?: number;
  /** How the runtime stops it after offline() and what `stop()` does. */
  stop?: StopOptions;
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

/** What every handler call can read about where it runs. */
export interface CallContext {
  /** The resource's name in the cluster. */
  readonly name: string;
  /** The resource type name. */
  readonly type: string;
  /**
   * The cluster node this host runs on: the Windows computer name, Pacemaker's node name, or
   * the simulated node of `clusterkit run` (`CLUSTERKIT_NODE_NAME`, docs/sdk.md).
   */
  readonly node: string;
  /** Aborted on cancel, terminate, the call's deadline or the host shutting down. */
  readonly signal: AbortSignal;
  /** Lines for the cluster log. */
  readonly log: ResourceLog;
  /** Per-instance storage kept across calls (open to close). */
  readonly state: Record<string, any>;
}

/** The context of one call into the handler. */
export interface ResourceContext<P = Record<string, never>> extends CallContext {
  /**
   * The values the resource runs with: those it came online with, plus what
   * propertiesChanged applied since. A SET while online changes them only then.
   */
  readonly props: PropsOf<P>;
  /**
   * Reports progress of a pending online/offline: each call is one status report to RHS,
   * whose PendingTimeout (default 3 min) ends a pending call that stops reporting.
   */
  progress(note?: string): void;
  /** Reports an asynchronous failure of an online resource (ignored once offline is under way). */
  fail(reason: string): void;
  /** Starts a managed process: own process group, output logged, stopped after offline. */
  spawn(command: string, args?: readonly string[], options?: SpawnOptions): ManagedProcess;
  /** Publishes read-only property values (GET_RO_PRIVATE_PROPERTIES answers with them). */
  publish(values: PublishOf<P>): void;
  /**
   * A folder of this resource's own (mode 0700), made on first use and removed with what is
   * in it once Offline or Terminate has stopped the managed processes, at Close, and by the
   * next host after a host crash. For sockets, pid files, a password file.
   */
  readonly scratch: string;
  /**
   * POSIX: the account `user` (name or uid) names, resolved as ctx.spawn's `user` option is,
   * e.g. to `chownSync(ctx.scratch, a.uid, a.gid)` for a server that runs as it. Throws a
   * ResourceError for an unknown account, and on Windows.
   */
  account(user: string | number): Account;
  readonly probe: Probes;
}

/** The context of validate(): no processes, no publishing; the values the resource runs with. */
export interface ValidateContext<P = Record<string, never>> extends CallContext {
  /** The values the resource runs with while online or coming online; undefined otherwise. */
  readonly running: PropsOf<P> | undefined;
}

/** What propertiesChanged is given when a SET changed properties of an online resource. */
export interface PropertyChange<P = Record<string, never>> {
  /** ctx.props with the changed live properties set: what ctx.props becomes once applied. */
  readonly next: PropsOf<P>;
  /** The live properties whose value changed: what the handler is asked to apply. */
  readonly changed: readonly (keyof PropsOf<P> & string)[];
  /** Changed properties that are not live: they take effect at the next online in any case. */
  readonly restart: readonly (keyof PropsOf<P> & string)[];
}

/**
 * propertiesChanged's answer: 'applied' (or nothing) — the application uses the new values,
 * ctx.props takes them; 'stored' — they wait for the next online.
 */
export type ChangeResult = 'applied' | 'stored';
