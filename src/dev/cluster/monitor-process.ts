import { fork, type ChildProcess } from 'node:child_process';
import { INFINITE } from '../../bundle/resapi/index.js';
import { EventEmitter } from 'node:events';
import { SystemClock, type Clock } from './clock.js';
import { ResettableDeadline } from './deadline.js';
import { entryScript } from './entry-script.js';
import { ClusterError, CallFailedError } from './errors.js';
import type {
  InjectedFault,
  CreateRequest,
  LoadRequest,
  MonitorMessage,
  MonitorRequest,
  RequestBody,
  ResourceMethod,
  SerializedError,
} from './monitor-ipc.js';
import { descendantProcesses, isProcessRunning } from '../harness/processes.js';
import { killTree } from './process-tree.js';

export interface MonitorProcessOptions {
  /** A name for logs, e.g. "node1/rhs0". */
  name: string;
  library: string;
  type: string;
  /** Type-level harness timing (looksAlive, isAlive, pendingTimeout, deadlockTimeout). */
  timing: { looksAlive: number; isAlive: number; pendingTimeout: number; deadlockTimeout: number };
  databaseFile?: string;
  /** The handler's schema (property kinds, poll intervals), passed on to the harness. */
  schema?: unknown;
  /** Extra environment of the monitor process, which the library and its host inherit. */
  env?: Record<string, string>;
  clock?: Clock;
}

interface InFlight {
  id: number;
  what: string;
  resource: string | null;
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
  deadline?: ResettableDeadline;
}

/** A call into a monitor failed because the whole monitor process died or was killed as hung. */
export class MonitorGoneError extends ClusterError {
  constructor(code: 'MONITOR_DIED' | 'MONITOR_HUNG', message: string) {
    super(code, message);
    this.name = 'MonitorGoneError';
  }
}

function revive(e: SerializedError): Error {
  const err = new CallFailedError(e.message, e.win32);
  err.name = e.name;
  (err as { harnessCode?: string }).harnessCode = e.code;
  return err;
}

/**
 * One simulated RHS process. Every call carries a DeadlockTimeout watchdog (pushed back by the
 * resource's status reports, so a long pending operation that keeps reporting is not a hang);
 * when the harness reports a deadlock or the watchdog expires the whole process tree is
 * killed and 'hung' is emitted. Events: 'event' (harness events), 'hung', 'exit'.
 */
export class MonitorProcess extends EventEmitter {
  readonly name: string;
  private child!: ChildProcess;
  private nextId = 1;
  private inflight = new Map<number, InFlight>();
  private dead: MonitorGoneError | undefined;
  private tree: number[] = [];
  /** Per-resource DeadlockTimeout (the resource's own value overrides the type's). */
  private readonly deadlocks = new Map<string, number>();
  private readonly clock: Clock;

  private constructor(private readonly options: MonitorProcessOptions) {
    super();
    this.name = options.name;
    this.clock = options.clock ?? new SystemClock();
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get alive(): boolean {
    return this.dead === undefined;
  }

  static async start(options: MonitorProcessOptions): Promise<MonitorProcess> {
    const m = new MonitorProcess(options);
    await m.spawn();
    return m;
  }

  private async spawn(): Promise<void> {
    const script = await entryScript('cluster/monitor-entry');
    this.child = fork(script, [], {
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      ...(this.options.env ? { env: { ...process.env, ...this.options.env } } : {}),
    });
    this.child.on('message', (m) => this.onMessage(m as MonitorMessage));
    this.child.on('exit', (code, signal) => this.onExit(code, signal));
    await new Promise<void>((resolve, reject) => {
      const onReady = (m: MonitorMessage) => {
        if (m.kind === 'ready') (this.child.off('message', onReady), resolve());
      };
      this.child.on('message', onReady);
      this.child.once('exit', () =>
        reject(new MonitorGoneError('MONITOR_DIED', `monitor ${this.name} exited during start`)),
      );
    });
    const load: LoadRequest = {
      op: 'load',
      library: this.options.library,
      type: this.options.type,
      timing: this.options.timing,
      ...(this.options.databaseFile ? { databaseFile: this.options.databaseFile } : {}),
      ...(this.options.schema !== undefined ? { schema: this.options.schema } : {}),
    };
    await this.request(load, 'Startup', null);
  }

  create(
    name: string,
    props?: Record<string, unknown>,
    timing?: Record<string, number>,
  ): Promise<unknown> {
    const req: CreateRequest = {
      op: 'create',
      name,
      ...(props ? { props } : {}),
      ...(timing ? { timing } : {}),
    };
    const dl = timing?.deadlockTimeout;
    if (dl !== undefined && dl !== INFINITE) this.deadlocks.set(name.toLowerCase(), dl);
    return this.request(req, 'Open', name);
  }

  call(name: string, method: ResourceMethod, ...args: unknown[]): Promise<unknown> {
    return this.request({ op: 'call', name, method, args }, method, name);
  }

  inject(name: string, what: InjectedFault): Promise<unknown> {
    return this.request({ op: 'inject', name, what }, `inject ${what}`, name);
  }

  /** Closes every resource and the library, then lets the process exit; kills it if that takes too long. */
  async shutdown(timeoutMs = 15_000): Promise<void> {
    if (this.dead) return;
    const exited = new Promise<void>((r) => this.child.once('exit', () => r()));
    const timer = setTimeout(() => this.kill('did not shut down in time'), timeoutMs);
    this.request({ op: 'shutdown' }, 'shutdown', null).catch(() => undefined);
    await exited;
    clearTimeout(timer);
  }

  /** Kills the monitor and everything it started (handler hosts, applications). */
  kill(why: string, code: 'MONITOR_DIED' | 'MONITOR_HUNG' = 'MONITOR_DIED'): number[] {
    if (!this.dead)
      this.dead = new MonitorGoneError(code, `monitor ${this.name} was killed: ${why}`);
    if (!this.child.pid) return [];
    this.snapshotTree();
    return killTree(this.child.pid);
  }

  private request(body: RequestBody, what: string, resource: string | null): Promise<unknown> {
    if (this.dead) return Promise.reject(this.dead);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const f: InFlight = { id, what, resource, resolve, reject };
      // Backstop for a monitor whose own JS thread is stuck: the harness normally reports a
      // deadlock itself at DeadlockTimeout, so give it a margin before acting here.
      if (body.op !== 'shutdown') {
        const dl =
          (resource && this.deadlocks.get(resource.toLowerCase())) ||
          this.options.timing.deadlockTimeout;
        f.deadline = new ResettableDeadline(this.clock, dl + Math.max(1000, dl / 2), () =>
          this.onHung(what, resource, 'the monitor process did not answer'),
        );
        f.deadline.start();
      }
      this.inflight.set(id, f);
      this.child.send({ ...body, id } as MonitorRequest, (err) => {
        if (err)
          this.settle(
            id,
            new MonitorGoneError('MONITOR_DIED', `monitor ${this.name} is gone: ${err.message}`),
          );
      });
    });
  }

  private settle(id: number, error: Error | undefined, value?: unknown): void {
    const f = this.inflight.get(id);
    if (!f) return;
    this.inflight.delete(id);
    f.deadline?.stop();
    if (error) f.reject(error);
    else f.resolve(value);
    if (!error && (f.what === 'online' || f.what === 'Open')) this.snapshotTree();
  }

  private onMessage(m: MonitorMessage): void {
    if (m.kind === 'reply')
      this.settle(m.id, m.ok ? undefined : revive(m.error), m.ok ? m.value : undefined);
    else if (m.kind === 'event') {
      const e = m.event;
      if (e.type === 'status')
        for (const f of this.inflight.values()) if (f.resource === e.resource) f.deadline?.report();
      this.emit('event', e);
      if (e.type === 'deadlock')
        this.onHung(
          String(e.call),
          e.resource,
          `${String(e.call)} did not return within DeadlockTimeout`,
        );
    }
  }

  private onHung(call: string, resource: string | null, why: string): void {
    if (this.dead) return;
    this.emit('hung', { call, resource, why });
    this.kill(why, 'MONITOR_HUNG');
  }

  /** Remembers what the monitor started, so it can still be killed once the monitor is gone (orphans are re-parented). */
  private snapshotTree(): void {
    if (this.child.pid) this.tree = descendantProcesses(this.child.pid).map((p) => p.pid);
  }

  private onExit(code: number | null, signal: NodeJS.Signals | null): void {
    // Whatever killed it, nothing it started may outlive it.
    for (const p of this.tree) if (isProcessRunning(p)) killTree(p);
    if (!this.dead)
      this.dead = new MonitorGoneError(
        'MONITOR_DIED',
        `monitor ${this.name} exited (${signal ?? `code ${code}`})`,
      );
    for (const id of [...this.inflight.keys()]) this.settle(id, this.dead);
    this.emit('exit', { code, signal, reason: this.dead });
  }
}
