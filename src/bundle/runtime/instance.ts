/** Per-resource state in the host, and the ctx handed to handlers. */
import { encodeExited, encodeSpawned, encodeText, Ev, LogLevel } from '../protocol/index.js';
import type { ManagedProcess, ResourceContext } from '../sdk/context.js';
import type { Call } from './call.js';
import type { ResourceTypeDefinition } from '../sdk/define.js';
import { ResourceError } from '../sdk/errors.js';
import type { Channel } from './channel.js';
import { groupAlive, killGroup, spawnManaged, stopGroup } from './managed.js';
import { probes } from './probes.js';
import { defaultsOf, encodePublished, type PropValues } from './props.js';

export class Instance {
  name: string;
  private frozenProps!: Readonly<PropValues>;
  online = false;
  /** True while ONLINE runs (ctx.fail then fails that call). */
  onlinePending = false;
  /** Set by ctx.fail once online, cleared by the next ONLINE: health checks answer FALSE. */
  failedReason: string | undefined;
  readonly state: Record<string, any> = {};
  /** Every call in progress (aborted by TERMINATE / shutdown). */
  readonly calls = new Set<Call>();
  /** The pending ONLINE/OFFLINE (aborted by CANCEL). */
  pending: Call | undefined;
  readonly processes = new Set<ManagedProcess>();
  private published: Record<string, unknown> = {};

  constructor(
    readonly id: number,
    name: string,
    readonly def: ResourceTypeDefinition,
    private readonly channel: Channel,
  ) {
    this.name = name;
    this.props = defaultsOf(def.schema);
  }

  /** performance.now() of the last PROGRESS sent. */
  lastProgress = 0;

  log(level: number, text: string): void {
    this.channel.log(this.id, level, text);
  }

  /** One PROGRESS event: the library turns it into a pending status report with the next CheckPoint. */
  reportProgress(note: string): void {
    this.lastProgress = performance.now();
    this.channel.event(Ev.PROGRESS, this.id, encodeText(note));
  }

  /** The property values ctx.props shows (a frozen copy, made once per change). */
  get props(): Readonly<PropValues> {
    return this.frozenProps;
  }

  set props(values: PropValues) {
    this.frozenProps = Object.freeze({ ...values });
  }

  /** The parts of ctx every call of this instance shares: made once, not per call. */
  readonly contextApi: ContextApi = {
    log: {
      info: (m: string) => this.log(LogLevel.INFO, String(m)),
      warn: (m: string) => this.log(LogLevel.WARNING, String(m)),
      error: (m: string) => this.log(LogLevel.ERROR, String(m)),
    },
    progress: (note?: string) => this.reportProgress(String(note ?? '')),
    fail: (reason: string) => this.fail(String(reason)),
    spawn: (command, args = [], options = {}) => this.spawn(command, args, options),
    publish: (values) => this.publish(values as Record<string, unknown>),
  };

  /** The context of one call, with that call's abort signal. */
  context(call: Call): ResourceContext<any> {
    return new CallContext(this, call);
  }

  /**
   * Asynchronous failure. While ONLINE is pending it fails that call (5038 + reason);
   * once online it sends FAILED; otherwise it is only logged.
   */
  fail(reason: string): void {
    if (this.onlinePending && this.pending) {
      this.pending.abort(new ResourceError(reason));
      return;
    }
    if (!this.online) {
      this.log(
        LogLevel.WARNING,
        `fail(${JSON.stringify(reason)}) ignored: the resource is not online`,
      );
      return;
    }
    this.online = false;
    this.failedReason = reason;
    this.channel.event(Ev.FAILED, this.id, encodeText(reason));
  }

  spawn(command: string, args: readonly string[], options: object): ManagedProcess {
    const managed = spawnManaged(command, args, options, {
      line: (text) => this.log(LogLevel.INFO, text),
      spawned: (pid, pgid) => this.channel.event(Ev.SPAWNED, this.id, encodeSpawned(pid, pgid)),
      exited: (pid, code) => this.channel.event(Ev.EXITED, this.id, encodeExited(pid, code)),
    });
    this.processes.add(managed);
    // Forget a process once its whole group is gone, so a reused pid is never signalled.
    void managed.exited.then(() => {
      if (!groupAlive(managed.pid)) this.processes.delete(managed);
    });
    return managed;
  }

  publish(values: Record<string, unknown>): void {
    const merged = { ...this.published, ...values };
    const list = encodePublished(this.def.schema, merged); // throws on unknown names or bad values
    this.published = merged;
    this.channel.event(Ev.PUBLISH, this.id, list);
  }

  /** Aborts every call in progress. */
  abortAll(reason: string): void {
    for (const c of this.calls) c.abort(new Error(reason));
  }

  /** SIGTERM then SIGKILL to every managed process group; resolves when they are gone. */
  async stopProcesses(graceMs: number): Promise<void> {
    const groups = [...this.processes].map((p) => p.pid);
    this.processes.clear();
    await Promise.all(groups.map((pgid) => stopGroup(pgid, graceMs)));
  }

  /** SIGKILL to every managed process group; resolves when they are gone (bounded). */
  async killProcesses(): Promise<void> {
    const groups = [...this.processes].map((p) => p.pid);
    this.processes.clear();
    await Promise.all(groups.map((pgid) => killGroup(pgid, 2000)));
  }
}

type ContextApi = Pick<ResourceContext<any>, 'log' | 'progress' | 'fail' | 'spawn' | 'publish'>;

/** ctx: one small object per call; everything but the name and the signal is the instance's. */
class CallContext implements ResourceContext<any> {
  readonly type: string;
  readonly props: ResourceContext<any>['props'];
  readonly log: ContextApi['log'];
  readonly progress: ContextApi['progress'];
  readonly fail: ContextApi['fail'];
  readonly spawn: ContextApi['spawn'];
  readonly publish: ContextApi['publish'];
  readonly state: Record<string, any>;
  readonly probe = probes;
  readonly #inst: Instance;
  readonly #call: Call;

  constructor(inst: Instance, call: Call) {
    this.#inst = inst;
    this.#call = call;
    const api = inst.contextApi;
    this.type = inst.def.schema.type;
    this.props = inst.props as ResourceContext<any>['props'];
    this.log = api.log;
    this.progress = api.progress;
    this.fail = api.fail;
    this.spawn = api.spawn;
    this.publish = api.publish;
    this.state = inst.state;
  }

  get name(): string {
    return this.#inst.name;
  }

  get signal(): AbortSignal {
    return this.#call.signal;
  }
}
