/*
 * The lifecycle RHS drives: Online/Offline with the pending protocol (ERROR_IO_PENDING,
 * then SetResourceStatus reports, PendingTimeout between reports), the failure path
 * (Failed at once, then Terminate) and Terminate, which may overlap any other call.
 */
import {
  ClusterResourceFailed,
  ClusterResourceOffline,
  ClusterResourceOfflinePending,
  ClusterResourceOnline,
  ClusterResourceOnlinePending,
  ERROR_IO_PENDING,
  ERROR_RESOURCE_FAILED,
  ERROR_SUCCESS,
  ResourceExitStateContinue,
  ResourceExitStateTerminate,
} from '../../bundle/resapi/index.js';
import {
  OfflineFailedError,
  OnlineFailedError,
  PendingTimeoutError,
  TerminatedError,
} from './errors.js';
import type { ResourceState } from './events.js';
import { HealthPoller } from './health-poller.js';
import type { RawStatus } from './library.js';
import { PendingOperation } from './pending-op.js';
import { ResourceControls } from './resource-controls.js';
import type { ResourceHost } from './resource-host.js';
import type { Timing } from './timing.js';

type Op = 'Online' | 'Offline';

export abstract class ResourceLifecycle extends ResourceControls {
  state: ResourceState = 'Offline';
  /** The event handle Online returned (null: none, or ignored by the monitor). */
  eventHandle: bigint | null = null;
  protected readonly poller: HealthPoller;
  /** Set by Terminate/Close: later status reports are answered ResourceExitStateTerminate. */
  protected terminated = false;
  protected closed = false;
  private pending: PendingOperation | null = null;
  private current: { op: Op; promise: Promise<void> } | null = null;
  /** Status reports that arrive while the Online/Offline call itself has not returned yet. */
  private early: RawStatus[] | null = null;
  private terminating: Promise<void> | null = null;

  constructor(host: ResourceHost, name: string, resid: bigint, timing: Timing) {
    super(host, name, resid, timing);
    const state = () => this.state;
    this.poller = new HealthPoller(
      {
        name,
        resid,
        entryPoints: host.entry,
        get state() {
          return state();
        },
        now: () => host.now(),
        run: (task) => this.queue.run(task),
        call: (n, fn) => this.call(n, fn),
        emit: (body) => this.emit(body),
        failAndTerminate: (why) => this.failAndTerminate(why),
        anomaly: (text) => this.anomaly(text),
      },
      timing,
    );
  }

  abstract setState(to: ResourceState, why: string, eventHandle?: boolean): void;

  /** Online; resolves once Online, rejects (state Failed, resource terminated) otherwise. */
  online(): Promise<void> {
    this.checkOpen();
    if (this.state === 'Online' && !this.current) return Promise.resolve();
    return this.begin('Online');
  }

  /** Offline; resolves once Offline. Offline of an offline resource goes to the library too. */
  offline(): Promise<void> {
    this.checkOpen();
    return this.begin('Offline');
  }

  /** One transition at a time; asking again for the one under way joins it. */
  private begin(op: Op): Promise<void> {
    if (this.current?.op === op) return this.current.promise;
    const prior = this.current?.promise.catch(() => undefined);
    const promise = (prior ?? Promise.resolve()).then(() => this.transition(op));
    const entry = { op, promise };
    this.current = entry;
    void promise
      .catch(() => undefined)
      .finally(() => {
        if (this.current === entry) this.current = null;
      });
    return promise;
  }

  private async transition(op: Op): Promise<void> {
    // RHS does not start Online/Offline while its own Terminate of the resource (after a
    // failure) is still running: that Terminate would cancel the new operation's worker.
    if (this.terminating) await this.terminating.catch(() => undefined);
    const mark = this.host.logs.mark();
    if (op === 'Offline') this.poller.stop();
    let pending: PendingOperation | null = null;
    let abandoned = false;
    const status = await this.queue.run(async () => {
      this.terminated = false;
      this.early = [];
      let rc: number;
      let reports: RawStatus[];
      try {
        rc = await this.callEntry(op);
      } finally {
        reports = this.early ?? [];
        this.early = null;
      }
      // A Terminate that overlapped the call abandoned it: its reports are refused (onStatus),
      // so none will come for it.
      if (rc === ERROR_IO_PENDING && this.terminated) {
        abandoned = true;
        return rc;
      }
      // Synchronously from here: no report can slip in before the pending state exists.
      if (rc === ERROR_IO_PENDING) {
        this.setState(
          op === 'Online' ? 'OnlinePending' : 'OfflinePending',
          `${op} returned ERROR_IO_PENDING`,
        );
        const p = new PendingOperation(op, mark, this.timing.pendingTimeout, () =>
          this.pendingTimedOut(p),
        );
        pending = this.pending = p;
        for (const st of reports) this.applyStatus(st);
      } else if (reports.length > 0) {
        this.anomaly(
          `${reports.length} SetResourceStatus call(s) during an ${op} that returned ${rc}`,
        );
      }
      return rc;
    });
    if (abandoned) throw new TerminatedError(this.name, op);
    if (status === ERROR_SUCCESS) return this.reached(op, `${op} returned ERROR_SUCCESS`);
    if (pending) {
      const p: PendingOperation = pending;
      try {
        return await p.promise;
      } finally {
        if (this.pending === p) this.pending = null;
      }
    }
    const returned = `${op} returned ${status}`;
    const early = this.host.logs.reasonSince(mark, this.name);
    await this.failAndTerminate(early ? `${returned}: ${early}` : returned);
    await settleLogs();
    const logs = this.host.logs.since(mark, this.name);
    const reason = this.host.logs.reasonSince(mark, this.name);
    const why = returned;
    throw op === 'Online'
      ? new OnlineFailedError(this.name, why, status, logs, reason)
      : new OfflineFailedError(this.name, why, status, logs, reason);
  }

  private async callEntry(op: Op): Promise<number> {
    if (op === 'Offline') return this.call('Offline', () => this.host.entry.offline(this.resid));
    const r = await this.call('Online', () => this.host.entry.online(this.resid));
    this.eventHandle = this.host.ignoreEventHandles ? null : r.eventHandle;
    return r.status;
  }

  private reached(op: Op, why: string): void {
    if (op === 'Online') {
      // RHS polls LooksAlive only when Online returned no event handle (IsAlive always).
      this.setState(op, why, this.eventHandle !== null);
      this.poller.start(this.eventHandle !== null);
    } else {
      this.setState(op, why);
      this.eventHandle = null;
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
    if (this.early) {
      this.early.push(st);
      return ResourceExitStateContinue;
    }
    return this.applyStatus(st);
  }

  private applyStatus(st: RawStatus): number {
    const pending = this.pending;
    const accepted = pending !== null && !pending.settled;
    this.emit({ type: 'status', state: st.ResourceState, checkPoint: st.CheckPoint, accepted });
    if (!pending || !accepted) {
      this.anomaly(`SetResourceStatus(${st.ResourceState}) while no Online/Offline was pending`);
      return ResourceExitStateContinue;
    }
    const op = pending.op;
    const progress = op === 'Online' ? ClusterResourceOnlinePending : ClusterResourceOfflinePending;
    const goal = op === 'Online' ? ClusterResourceOnline : ClusterResourceOffline;
    if (st.ResourceState === progress) {
      pending.report();
    } else if (st.ResourceState === goal) {
      if (
        op === 'Online' &&
        st.EventHandle !== null &&
        this.eventHandle === null &&
        !this.host.ignoreEventHandles
      ) {
        this.eventHandle = st.EventHandle;
      }
      this.reached(op, `the library reported ${op}`);
      pending.resolve();
    } else {
      // SetResourceStatusEx carries the failure's Win32 status; the V1 callback has no room.
      const code = st.ApplicationSpecificErrorCode || ERROR_RESOURCE_FAILED;
      const reported =
        st.ResourceState === ClusterResourceFailed
          ? 'the library reported ClusterResourceFailed'
          : `the library reported state ${st.ResourceState} during ${op}`;
      // The library logs the handler's reason before it reports the state: name it at once.
      const early = this.host.logs.reasonSince(pending.logMark, this.name);
      const why = early ? `${reported}: ${early}` : reported;
      void this.failAndTerminate(why).then(async () => {
        await settleLogs();
        const logs = this.host.logs.since(pending.logMark, this.name);
        const reason = this.host.logs.reasonSince(pending.logMark, this.name);
        const Err = op === 'Online' ? OnlineFailedError : OfflineFailedError;
        pending.reject(new Err(this.name, reported, code, logs, reason));
      });
    }
    return ResourceExitStateContinue;
  }

  private pendingTimedOut(pending: PendingOperation): void {
    const ms = this.timing.pendingTimeout;
    const why = `no status report for ${ms} ms while ${pending.op}Pending (PendingTimeout)`;
    void this.failAndTerminate(why).then(async () => {
      await settleLogs();
      const logs = this.host.logs.since(pending.logMark, this.name);
      pending.reject(new PendingTimeoutError(this.name, pending.op, ms, logs));
    });
  }

  /** RHS's failure path: state Failed at once, then Terminate. Never rejects. */
  async failAndTerminate(why: string): Promise<void> {
    if (this.state === 'Failed' && this.terminating) return this.terminating.catch(() => undefined);
    this.poller.stop();
    this.setState('Failed', why);
    try {
      await this.terminateCall();
    } catch (err) {
      this.anomaly(`Terminate after the failure could not be called: ${(err as Error).message}`);
    }
  }

  /** Terminate: may overlap any other call; a pending operation is abandoned. */
  async terminate(): Promise<void> {
    this.checkOpen();
    await this.terminateCall();
    if (this.state !== 'Failed') this.setState('Offline', 'Terminate');
  }

  private terminateCall(): Promise<void> {
    if (this.terminating) return this.terminating;
    this.terminated = true;
    this.poller.stop();
    const p = this.pending;
    if (p && !p.settled && this.state !== 'Failed') p.reject(new TerminatedError(this.name, p.op));
    this.terminating = this.call('Terminate', () => this.host.entry.terminate(this.resid), true)
      .then(() => undefined)
      .finally(() => (this.terminating = null));
    return this.terminating;
  }

  /** Abandons a pending operation (Close). */
  protected abandon(err: Error): void {
    this.terminated = true;
    this.pending?.reject(err);
  }

  anomaly(text: string): void {
    this.emit({ type: 'anomaly', text });
  }
}

/** Lets log lines a library thread queued just before a call returned reach the JS thread. */
export function settleLogs(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 20));
}
