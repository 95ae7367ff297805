/** Per-resource state in the host, and the ctx handed to handlers. */
import { encodeExited, encodeSpawned, encodeText, Ev, LogLevel } from '../protocol/index.js';
import type { ManagedProcess, ResourceContext, ValidateContext } from '../sdk/context.js';
import type { ResourceTypeDefinition } from '../sdk/define.js';
import { ResourceError } from '../sdk/errors.js';
import { lookupUser } from './accounts.js';
import type { Channel } from './channel.js';
import { spawnManaged, type Managed } from './managed.js';
import { groupAlive, killGroup } from './process-group.js';
import { probes } from './probes.js';
import { defaultsOf, encodePublished, type PropValues } from './props.js';
import { makeScratch, removeScratch } from './scratch.js';
import type { Call } from './call-state.js';

const LEVELS = { info: LogLevel.INFO, warn: LogLevel.WARNING, error: LogLevel.ERROR } as const;

export class Instance {
  name: string;
  /** ctx.props, frozen once per change (not once per call: health checks are frequent). */
  private frozenProps!: Readonly<PropValues>;
  /**
   * The stored values as this host last saw them (ONLINE, then each PROPERTIES it answered
   * 0 or 5024): what a SET changes is told apart from changes an earlier SET left waiting.
   */
  stored: PropValues;
  online = false;
  /** True while ONLINE runs (ctx.fail then fails that call). */
  onlinePending = false;
  /** From the start of OFFLINE or TERMINATE to the next ONLINE: ctx.fail is expected noise. */
  stopping = false;
  /**
   * Counts ONLINEs. A ctx remembers the one it was made in, so a ctx.fail from a callback of
   * an earlier online period (an old process's `exited` firing late) cannot fail the next one.
   */
  generation = 0;
  /** Set by ctx.fail once online, cleared by the next ONLINE: health checks answer FALSE. */
  failedReason: string | undefined;
  readonly state: Record<string, any> = {};
  /** Every call in progress (aborted by TERMINATE / shutdown). */
  readonly calls = new Set<Call>();
  /** The pending ONLINE/OFFLINE (aborted by CANCEL). */
  pending: Call | undefined;
  readonly processes = new Set<Managed>();
  private published: Record<string, unknown> = {};
  private scratchDir: string | undefined;

  constructor(
    readonly id: number,
    name: string,
    readonly def: ResourceTypeDefinition,
    private readonly channel: Channel,
    readonly node: string,
  ) {
    this.name = name;
    this.props = defaultsOf(def.schema);
    this.stored = this.props;
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

  /** The values the resource runs with (ctx.props): set by ONLINE, changed by applied SETs. */
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
    publish: (values) => this.publish(values as Record<string, unknown>),
    account: (user: string | number) => lookupUser(user),
  };

  /** The context of one call: a small object; its signal is made when the handler reads it. */
  context(call: Call): ResourceContext<any> {
    return new CallCtx(this, call, this.generation);
  }

  /** validate()'s context: the running values while online (or coming online). */
  validateContext(signal: AbortSignal): ValidateContext<any> {
    const api = this.contextApi;
    return {
      name: this.name,
      type: this.def.schema.type,
      node: this.node,
      signal,
      log: api.log,
      state: this.state,
      running: this.online || this.onlinePending ? this.props : undefined,
    } as ValidateContext<any>;
  }

  /** This instance's scratch folder, made on first use. */
  scratch(): string {
    this.scratchDir ??= makeScratch(this.def.schema.type);
    return this.scratchDir;
  }

  /** Removes the scratch folder (once the processes that used it are gone). */
  clearScratch(): void {
    const dir = this.scratchDir;
    this.scratchDir = undefined;
    try {
      removeScratch(dir);
    } catch (err) {
      this.log(
        LogLevel.WARNING,
        `the scratch folder ${dir} could not be removed: ${(err as Error).message}`,
      );
    }
  }

  /**
   * Asynchronous failure. While ONLINE is pending it fails that call (5038 + reason); once
   * online it sends FAILED. While Offline or Terminate is under way, or after them (an
   * application the handler stopped exits), once failed, or from a ctx of an earlier online
   * period, it is ignored without a word; from a resource that never came online it is logged.
   */
  fail(reason: string, generation = this.generation): void {
    if (generation !== this.generation) return;
    if (this.onlinePending && this.pending) {
      this.pending.abort(new ResourceError(reason));
      return;
    }
    if (this.stopping || this.failedReason !== undefined) return;
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
      line: (text, level) => this.log(LEVELS[level], text),
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

  /**
   * Stops every managed process as its `stop` option says; resolves when they are gone.
   * Each stays in `processes` until its stop finished, so a TERMINATE, CLOSE or host exit
   * arriving during the grace period still kills its group.
   */
  async stopProcesses(): Promise<void> {
    await Promise.all(
      [...this.processes].map((p) => p.stop().finally(() => this.processes.delete(p))),
    );
  }

  /** SIGKILL to every managed process group; resolves when they are gone (bounded). */
  async killProcesses(): Promise<void> {
    const groups = [...this.processes].map((p) => p.pid);
    this.processes.clear();
    await Promise.all(groups.map((pgid) => killGroup(pgid, 2000)));
  }
}

type ContextApi = Pick<ResourceContext<any>, 'log' | 'progress' | 'publish' | 'account'>;

function abortedText(reason: unknown): string {
  const why = reason instanceof Error ? reason.message : String(reason);
  return `the call was aborted (${why})`;
}

/** ctx of one call: the name, signal and spawn are the call's, the rest the instance's. */
class CallCtx implements ResourceContext<any> {
  readonly type: string;
  readonly node: string;
  readonly props: ResourceContext<any>['props'];
  readonly log: ContextApi['log'];
  readonly progress: ContextApi['progress'];
  readonly publish: ContextApi['publish'];
  readonly account: ContextApi['account'];
  readonly state: Record<string, any>;
  readonly probe = probes;
  readonly #inst: Instance;
  readonly #call: Call;
  readonly #generation: number;
  // Made on first use (health checks rarely need them), and bound, so they may be destructured.
  #spawn: ResourceContext<any>['spawn'] | undefined;
  #fail: ResourceContext<any>['fail'] | undefined;

  constructor(inst: Instance, call: Call, generation: number) {
    this.#inst = inst;
    this.#call = call;
    const api = inst.contextApi;
    this.type = inst.def.schema.type;
    this.node = inst.node;
    this.props = inst.props as ResourceContext<any>['props'];
    this.log = api.log;
    this.progress = api.progress;
    this.publish = api.publish;
    this.account = api.account;
    this.#generation = generation;
    this.state = inst.state;
  }

  get spawn(): ResourceContext<any>['spawn'] {
    const inst = this.#inst;
    const call = this.#call;
    // A call already aborted (Terminate, cancel, deadline) is being left behind: a process it
    // started now would be stopped by nobody, so it is refused.
    return (this.#spawn ??= (command, args = [], options = {}) => {
      if (call.aborted) throw new ResourceError(`spawn: refused, ${abortedText(call.reason)}`);
      return inst.spawn(command, args, options);
    });
  }

  get fail(): ResourceContext<any>['fail'] {
    const inst = this.#inst;
    const generation = this.#generation;
    // A ctx remembers its online period: a late ctx.fail of an earlier one is ignored.
    return (this.#fail ??= (reason: string) => inst.fail(String(reason), generation));
  }

  get name(): string {
    return this.#inst.name;
  }

  get signal(): AbortSignal {
    return this.#call.signal;
  }

  get scratch(): string {
    return this.#inst.scratch();
  }
}
