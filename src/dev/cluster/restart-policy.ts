import type { Clock, TimerHandle } from './clock.js';
import {
  ClusterResourceDontRestart,
  ClusterResourceRestartNotify,
  INFINITE,
  type ResourcePolicy,
} from './settings.js';

/** What the failover manager does after a resource failed. */
export type FailureDecision =
  /** Restart the resource on its node after `delay` ms; `attempt` counts restarts in the window, this one included. */
  | { action: 'restart'; delay: number; attempt: number }
  /** RestartAction 2 and the threshold is exceeded: try to fail the whole group over. */
  | { action: 'failover' }
  /** Leave it Failed; `retryAfter` ms until one more Online attempt (null = never). */
  | { action: 'stay-failed'; retryAfter: number | null; why: string };

/**
 * RestartThreshold within RestartPeriod, as a sliding window: a failure is restarted when
 * fewer than RestartThreshold restarts happened in the last RestartPeriod ms.
 */
export class RestartTracker {
  private restarts: number[] = [];

  constructor(
    private readonly policy: ResourcePolicy,
    private readonly clock: Clock,
  ) {}

  /** Restarts counted in the current window. */
  get count(): number {
    this.prune();
    return this.restarts.length;
  }

  /** Forgets the history (after a manual online, a retry or a move to another node). */
  reset(): void {
    this.restarts = [];
  }

  onFailure(): FailureDecision {
    const p = this.policy;
    if (p.restartAction === ClusterResourceDontRestart) {
      return {
        action: 'stay-failed',
        retryAfter: null,
        why: 'RestartAction is 0 (ClusterResourceDontRestart)',
      };
    }
    this.prune();
    if (this.restarts.length < p.restartThreshold) {
      this.restarts.push(this.clock.now());
      return { action: 'restart', delay: p.restartDelay, attempt: this.restarts.length };
    }
    if (p.restartAction === ClusterResourceRestartNotify) return { action: 'failover' };
    return {
      action: 'stay-failed',
      retryAfter: retryDelay(p),
      why: `RestartThreshold (${p.restartThreshold}) exceeded within RestartPeriod and RestartAction is 1 (no failover)`,
    };
  }

  private prune(): void {
    const since = this.clock.now() - this.policy.restartPeriod;
    this.restarts = this.restarts.filter((t) => t > since);
  }
}

/** RetryPeriodOnFailure as a delay, or null when it is 0xFFFFFFFF (never retry). */
export function retryDelay(policy: ResourcePolicy): number | null {
  return policy.retryPeriodOnFailure === INFINITE ? null : policy.retryPeriodOnFailure;
}

/** What the recovery controller asks of the cluster. */
export interface RecoveryActions {
  /** Bring the resource online again on its current node. */
  restart(attempt: number): void;
  /** Fail the group over; returns false when the group cannot move (no node, FailoverThreshold). */
  failover(): boolean;
  /** One more Online attempt after RetryPeriodOnFailure. */
  retry(): void;
  /** The resource stays Failed for now. */
  stayFailed(why: string, retryAfter: number | null): void;
}

/**
 * Applies the restart policy to one resource: RestartDelay before a restart,
 * failover when allowed, else Failed with a RetryPeriodOnFailure timer.
 */
export class ResourceRecovery {
  readonly tracker: RestartTracker;
  private timer: TimerHandle | undefined;

  constructor(
    private readonly policy: ResourcePolicy,
    private readonly clock: Clock,
    private readonly actions: RecoveryActions,
  ) {
    this.tracker = new RestartTracker(policy, clock);
  }

  /** True while a restart or a retry is scheduled. */
  get scheduled(): boolean {
    return this.timer !== undefined;
  }

  failed(): FailureDecision {
    this.cancel();
    const d = this.tracker.onFailure();
    if (d.action === 'restart') {
      this.schedule(d.delay, () => this.actions.restart(d.attempt));
      return d;
    }
    if (d.action === 'failover' && this.actions.failover()) return d;
    const retryAfter = d.action === 'stay-failed' ? d.retryAfter : retryDelay(this.policy);
    const why =
      d.action === 'stay-failed'
        ? d.why
        : 'RestartThreshold exceeded and the group could not fail over';
    this.actions.stayFailed(why, retryAfter);
    if (retryAfter !== null) {
      this.schedule(retryAfter, () => {
        this.tracker.reset();
        this.actions.retry();
      });
    }
    return { action: 'stay-failed', retryAfter, why };
  }

  /** Stops any scheduled restart or retry (manual online/offline, move, close). */
  cancel(): void {
    this.timer?.cancel();
    this.timer = undefined;
  }

  private schedule(ms: number, fn: () => void): void {
    this.timer = this.clock.setTimer(ms, () => {
      this.timer = undefined;
      fn();
    });
  }
}
