/*
 * One resource as RHS sees it (the public face): state, events, health checks, Close and
 * waiting for a state. The lifecycle is in resource-lifecycle.ts, the ResourceControl side
 * and the call plumbing in resource-controls.ts.
 */
import { ResourceClosedError, StateTimeoutError } from './errors.js';
import type { ResourceState } from './events.js';
import { ResourceLifecycle } from './resource-lifecycle.js';
import type { ResourceHost } from './resource-host.js';
import type { Timing } from './timing.js';

export class Resource extends ResourceLifecycle {
  private stateWaiters = new Set<() => void>();

  constructor(
    host: ResourceHost,
    name: string,
    resid: bigint,
    /** The RESOURCE_HANDLE the library was given in Open. */
    readonly handle: bigint,
    timing: Timing,
  ) {
    super(host, name, resid, timing);
  }

  /** The library signaled the event handle Online returned: IsAlive at once (FALSE → Failed + Terminate). */
  onEventSignaled(): void {
    this.emit({ type: 'event-signaled' });
    if (this.state !== 'Online') return;
    this.poller
      .check('IsAlive', 'event-handle')
      .catch((err: Error) => this.anomaly(`IsAlive could not be called: ${err.message}`));
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
    this.abandon(new ResourceClosedError(this.name));
    this.host.forget(this);
    this.wakeStateWaiters();
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Resolves once the resource is in `state`; rejects after timeoutMs or when it is closed. */
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

  setState(to: ResourceState, why: string, eventHandle?: boolean): void {
    const from = this.state;
    if (from === to) return;
    this.state = to;
    this.emit({
      type: 'state',
      from,
      to,
      why,
      ...(eventHandle !== undefined ? { eventHandle } : {}),
    });
    this.wakeStateWaiters();
  }

  private wakeStateWaiters(): void {
    for (const w of [...this.stateWaiters]) w();
  }

  protected checkOpen(): void {
    if (this.closed) throw new ResourceClosedError(this.name);
  }
}
