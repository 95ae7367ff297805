import type { Clock, TimerHandle } from './clock.js';

/**
 * A deadline that each report pushes back: PendingTimeout is measured between status
 * reports (docs/resource-api.md), not over the whole pending operation.
 */
export class ResettableDeadline {
  private timer: TimerHandle | undefined;
  private last = 0;

  constructor(
    private readonly clock: Clock,
    private readonly timeoutMs: number,
    private readonly onExpire: () => void,
  ) {}

  get running(): boolean {
    return this.timer !== undefined;
  }

  /** Milliseconds since the last report (or the start). */
  get sinceLastReport(): number {
    return this.clock.now() - this.last;
  }

  start(): void {
    this.report();
  }

  /** A status report arrived: the full timeout starts again. */
  report(): void {
    this.timer?.cancel();
    this.last = this.clock.now();
    this.timer = this.clock.setTimer(this.timeoutMs, () => {
      this.timer = undefined;
      this.onExpire();
    });
  }

  stop(): void {
    this.timer?.cancel();
    this.timer = undefined;
  }
}

/**
 * PendingTimeout as RHS applies it: the current documentation says it cannot exceed
 * DeadlockTimeout and the lower of the two is used; `capByDeadlock: false` turns that off.
 */
export function effectivePendingTimeout(
  pendingTimeout: number,
  deadlockTimeout: number,
  capByDeadlock = true,
): number {
  return capByDeadlock ? Math.min(pendingTimeout, deadlockTimeout) : pendingTimeout;
}
