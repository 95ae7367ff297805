/*
 * One resource as RHS sees it: its state, the serialized entry-point calls, the pending
 * protocol and health polling. The monitor owns the library; a Resource only calls it
 * through the ResourceHost the monitor gives it.
 */
import { ERROR_IO_PENDING, ERROR_RESOURCE_FAILED, ERROR_SUCCESS } from './entry-points.js';
import {
  OfflineFailedError,
  OnlineFailedError,
  PendingTimeoutError,
  ResourceClosedError,
  StateTimeoutError,
  TerminatedError,
} from './errors.js';
import type { ResourceState } from './events.js';
import {
  ClusterResourceFailed,
  ClusterResourceOffline,
  ClusterResourceOfflinePending,
  ClusterResourceOnline,
  ClusterResourceOnlinePending,
  ResourceExitStateContinue,
  ResourceExitStateTerminate,
} from './events.js';
import type { RawStatus } from './library.js';
import type { ResourceHost } from './resource-host.js';
import { PendingOperation } from './pending-op.js';
import { HealthPoller } from './health-poller.js';
import { ResourceControls } from './resource-controls.js';
import type { Timing } from './timing.js';

export class Resource extends ResourceControls {
  state: ResourceState = 'Offline';
  private pending: PendingOperation | null = null;
  private inflight: { op: 'Online' | 'Offline'; reports: RawStatus[] } | null = null;
  private terminated = false;
  private terminating: Promise<void> | null = null;
  private closed = false;
  private readonly poller: HealthPoller;
  private stateWaiters = new Set<() => void>();
  eventHandle: bigint | null = null;

  constructor(
    host: ResourceHost,
    readonly name: string,
    readonly resid: bigint,
    readonly handle: bigint,
    readonly timing: Timing,
  ) {
    super(host, name, resid, timing);
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const self = this;
    this.poller = new HealthPoller(
      {
        name,
        resid,
        entryPoints: host.entry,
        get state() {
          return self.state;
        },
        now: () => host.now(),
        run: (task) => this.queue.run(task),
        call: (n, fn) => this.call(n, fn),
        emit: (body) => this.emit(body),
        failAndTerminate: (why) => this.failAndTerminate(why),
      },
      timing,
    );
  }

  /** Online; resolves once Online, rejects (state Failed, resource terminated) otherwise. */
  async online(): Promise<void> {
    this.checkOpen();
    if (this.state === 'Online') return;
    if (this.pending?.op === 'Online') return this.pending.promise;
    if (this.pending) await this.pending.promise.catch(() => undefined);
    return this.transition('Online');
  }

  /** Offline; resolves once Offline. Offline of an offline resource is passed to the library too. */
  async offline(): Promise<void> {
    this.checkOpen();
    if (this.pending?.op === 'Offline') return this.pending.promise;
    if (this.pending) await this.pending.promise.catch(() => undefined);
    this.poller.stop();
    return this.transition('Offline');
  }

  private async transition(op: 'Online' | 'Offline'): Promise<void> {
    const mark = this.host.logs.mark();
    const result = await this.queue.run(async () => {
      this.terminated = false;
      this.inflight = { op, reports: [] };
      try {
        if (op === 'Online') {
          const r = await this.call('Online', () => this.host.entry.online(this.resid));
          this.eventHandle = this.host.ignoreEventHandles ? null : r.eventHandle;
          return r.status;
        }
        return await this.call('Offline', () => this.host.entry.offline(this.resid));
      } finally {
        // Reports that raced ahead of the call's return are replayed below.
        const reports = this.inflight?.reports ?? [];
        this.inflight = null;
        this.early = reports;
      }
    });
    const early = this.early;
    this.early = [];
    if (result === ERROR_SUCCESS) return this.reached(op, `${op} returned ERROR_SUCCESS`);
    if (result !== ERROR_IO_PENDING) {
      if (early.length > 0)
        this.anomaly(
          `${early.length} SetResourceStatus call(s) during an ${op} that did not return ERROR_IO_PENDING`,
        );
      const why = `${op} returned ${result}`;
      await this.failAndTerminate(why);
      await settleLogs();
      const logs = this.host.logs.since(mark, this.name);
      throw op === 'Online'
        ? new OnlineFailedError(this.name, why, result, logs)
        : new OfflineFailedError(this.name, why, result, logs);
    }
    const pendingState: ResourceState = op === 'Online' ? 'OnlinePending' : 'OfflinePending';
    this.setState(pendingState, `${op} returned ERROR_IO_PENDING`);
    const pending = new PendingOperation(op, this.timing.pendingTimeout, () =>
      this.pendingTimedOut(pending, mark),
    );
    this.pending = pending;
    for (const st of early) this.applyStatus(st, mark);
    try {
      await pending.promise;
    } finally {
      if (this.pending === pending) this.pending = null;
    }
  }
  private early: RawStatus[] = [];

  private reached(op: 'Online' | 'Offline', why: string): void {
    this.setState(op, why);
    if (op === 'Online') {
      this.host.eventHandle(this, this.eventHandle);
      this.poller.start(this.eventHandle !== null);
    } else {
      this.host.eventHandle(this, null);
    }
  }

  /** SetResourceStatus from the library (JS thread; the library thread waits for the answer). */
  onStatus(st: RawStatus): number {
    if (this.terminated || this.closed) {
      this.emit({
        type: 'status',
        state: st.ResourceState,
        checkPoint: st.CheckPoint,
        accepted: false,
      });
      return ResourceExitStateTerminate;
    }
    if (this.inflight) {
      this.inflight.reports.push(st);
      return ResourceExitStateContinue;
    }
    return this.applyStatus(st, this.host.logs.mark());
  }

  private applyStatus(st: RawStatus, mark: number): number {
    const pending = this.pending;
    const accepted = pending !== null && !pending.settled;
    this.emit({ type: 'status', state: st.ResourceState, checkPoint: st.CheckPoint, accepted });
    if (!pending || pending.settled) {
      this.anomaly(`SetResourceStatus(${st.ResourceState}) while no Online/Offline was pending`);
      return ResourceExitStateContinue;
    }
    const op = pending.op;
    const progress = op === 'Online' ? ClusterResourceOnlinePending : ClusterResourceOfflinePending;
    const goal = op === 'Online' ? ClusterResourceOnline : ClusterResourceOffline;
    if (st.ResourceState === progress) {
      pending.report();
    } else if (st.ResourceState === goal) {
      if (op === 'Online' && st.EventHandle !== null && this.eventHandle === null)
        this.eventHandle = st.EventHandle;
      this.reached(op, `the library reported ${op}`);
      pending.resolve();
    } else {
      const why =
        st.ResourceState === ClusterResourceFailed
          ? 'the library reported ClusterResourceFailed'
          : `the library reported state ${st.ResourceState} during ${op}`;
      void this.failAndTerminate(why).then(async () => {
        await settleLogs();
        const logs = this.host.logs.since(mark, this.name);
        const Err = op === 'Online' ? OnlineFailedError : OfflineFailedError;
        pending.reject(new Err(this.name, why, ERROR_RESOURCE_FAILED, logs));
      });
    }
    return ResourceExitStateContinue;
  }

  private pendingTimedOut(pending: PendingOperation, mark: number): void {
    const why = `no status report for ${this.timing.pendingTimeout} ms while ${pending.op}Pending (PendingTimeout)`;
    void this.failAndTerminate(why).then(async () => {
      await settleLogs();
      pending.reject(
        new PendingTimeoutError(
          this.name,
          pending.op,
          this.timing.pendingTimeout,
          this.host.logs.since(mark, this.name),
        ),
      );
    });
  }

  /** RHS's failure path: state Failed at once, then Terminate. */
  async failAndTerminate(why: string): Promise<void> {
    if (this.state === 'Failed' && this.terminating) return this.terminating;
    this.poller.stop();
    this.setState('Failed', why);
    this.host.failed(this, why);
    await this.terminateCall(why);
  }

  /** Terminate: may run concurrently with any other call; a pending operation is abandoned. */
  async terminate(): Promise<void> {
    this.checkOpen();
    await this.terminateCall('res.terminate()');
    if (this.state !== 'Failed') this.setState('Offline', 'Terminate');
  }

  private terminateCall(why: string): Promise<void> {
    if (this.terminating) return this.terminating;
    this.terminated = true;
    this.poller.stop();
    const p = this.pending;
    if (p && !p.settled && this.state !== 'Failed') p.reject(new TerminatedError(this.name, p.op));
    this.terminating = this.call('Terminate', () => this.host.entry.terminate(this.resid), true)
      .then(() => undefined)
      .finally(() => (this.terminating = null));
    void why;
    return this.terminating;
  }

  /** The library signaled the event handle Online returned: check IsAlive at once. */
  onEventSignaled(): void {
    this.emit({ type: 'event-signaled' });
    if (this.state === 'Online') void this.poller.check('IsAlive', 'event-handle');
  }

  /** LooksAlive as the library answers it (no state change). */
  looksAlive(): Promise<boolean> {
    this.checkOpen();
    return this.poller.check('LooksAlive', 'call');
  }

  /** IsAlive as the library answers it (no state change). */
  isAlive(): Promise<boolean> {
    this.checkOpen();
    return this.poller.check('IsAlive', 'call');
  }

  /** Close: the library terminates the resource itself if it is not offline. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.poller.stop();
    await this.queue.idle();
    this.terminated = true;
    await this.queue.run(() => this.call('Close', () => this.host.entry.close(this.resid)));
    this.closed = true;
    this.pending?.reject(new ResourceClosedError(this.name));
    this.host.eventHandle(this, null);
    this.host.forget(this);
    this.wakeStateWaiters();
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Resolves once the resource is in `state`; rejects after timeoutMs. */
  waitForState(state: ResourceState, timeoutMs = 30000): Promise<void> {
    if (this.state === state) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const check = () => {
        if (this.state === state) done(resolve);
        else if (this.closed) done(() => reject(new ResourceClosedError(this.name)));
      };
      const timer = setTimeout(
        () => done(() => reject(new StateTimeoutError(this.name, state, this.state, timeoutMs))),
        timeoutMs,
      );
      const done = (fn: () => void) => {
        clearTimeout(timer);
        this.stateWaiters.delete(check);
        fn();
      };
      this.stateWaiters.add(check);
    });
  }

  setState(to: ResourceState, why: string): void {
    const from = this.state;
    if (from === to) return;
    this.state = to;
    this.emit({ type: 'state', from, to, why });
    this.wakeStateWaiters();
  }

  private wakeStateWaiters(): void {
    for (const w of [...this.stateWaiters]) w();
  }

  anomaly(text: string): void {
    this.emit({ type: 'anomaly', text });
  }

  protected checkOpen(): void {
    if (this.closed) throw new ResourceClosedError(this.name);
  }
}

/** Lets log lines a library thread queued just before a call returned reach the JS thread. */
function settleLogs(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 20));
}
