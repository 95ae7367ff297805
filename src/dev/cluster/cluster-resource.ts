import { SerialQueue } from '../harness/serial-queue.js';
import type { Clock } from './clock.js';
import { FailoverTracker } from './failover-policy.js';
import { ResourceRecovery, type RecoveryActions } from './restart-policy.js';
import type { ResolvedGroupPolicy, ResourcePolicy } from './settings.js';

export interface HealthResult {
  alive: boolean;
  /** ISO time of the answer. */
  at: string;
  ms: number;
}

/** A group (role): resources that move together, with preferred owners and failover limits. */
export class ClusterGroup {
  node: string | null = null;
  moving = false;
  readonly failovers: FailoverTracker;
  readonly resources: ClusterResource[] = [];

  constructor(
    readonly name: string,
    readonly preferredOwners: string[],
    readonly policy: ResolvedGroupPolicy,
    clock: Clock,
  ) {
    this.failovers = new FailoverTracker(policy, clock);
  }

  get names(): string[] {
    return this.resources.map((r) => r.name);
  }

  get dependencies(): Map<string, string[]> {
    return new Map(this.resources.map((r) => [r.name, r.dependsOn]));
  }
}

/** The cluster's view of one resource: desired state, where it is open, health, restart policy. */
export class ClusterResource {
  state = 'Offline';
  /** Node where the resource is open in a monitor (null: nowhere). */
  node: string | null = null;
  /** The administrator (or a dependent) wants it online: failures are recovered only then. */
  wantOnline = false;
  lastLooksAlive: HealthResult | undefined;
  lastIsAlive: HealthResult | undefined;
  checkpoint = 0;
  /** Online returned an event handle: RHS does not poll LooksAlive (failures come through the handle). */
  eventHandle = false;
  pendingSince: number | undefined;
  lastWhy = '';
  readonly queue = new SerialQueue();
  readonly recovery: ResourceRecovery;
  /** Settles when the Terminate RHS issued after a failure has returned (a restart must not overtake it). */
  terminating: Promise<void> = Promise.resolve();
  private terminated: (() => void) | undefined;

  /** The resource failed: RHS is calling Terminate; restarts wait for it (at most `ms`). */
  expectTerminate(ms: number): void {
    if (this.terminated) return;
    this.terminating = new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      timer.unref();
      const self = this;
      function done() {
        clearTimeout(timer);
        self.terminated = undefined;
        resolve();
      }
      this.terminated = done;
    });
  }

  terminateReturned(): void {
    this.terminated?.();
  }

  constructor(
    readonly name: string,
    readonly group: ClusterGroup,
    readonly policy: ResourcePolicy,
    public props: Record<string, unknown>,
    readonly dependsOn: string[],
    clock: Clock,
    actions: RecoveryActions,
    /** Another type's name when the cluster plays this resource itself (no library, no monitor). */
    readonly standInType?: string,
  ) {
    this.recovery = new ResourceRecovery(policy, clock, actions);
  }

  get monitorKey(): string {
    // A stand-in's key names no monitor, so every monitor lookup finds none.
    if (this.standInType !== undefined) return `stand-in:${this.name.toLowerCase()}`;
    return this.policy.separateMonitor ? `rhs-${this.name.toLowerCase()}` : 'rhs';
  }

  /** Restarts counted in the current RestartPeriod window. */
  get restartCount(): number {
    return this.recovery.tracker.count;
  }

  /** The harness timing for this resource (0xFFFFFFFF inherits the type's poll intervals). */
  harnessTiming(pendingTimeout: number): Record<string, number> {
    return {
      looksAlive: this.policy.looksAlivePollInterval,
      isAlive: this.policy.isAlivePollInterval,
      pendingTimeout,
      deadlockTimeout: this.policy.deadlockTimeout,
    };
  }
}

/** One row of the status view. */
export interface ResourceSnapshot {
  name: string;
  group: string;
  node: string | null;
  state: string;
  wantOnline: boolean;
  restarts: number;
  checkpoint: number;
  pendingMs: number | null;
  looksAlive: HealthResult | null;
  /** LooksAlive is not polled: Online returned an event handle. */
  looksAliveByEvent: boolean;
  isAlive: HealthResult | null;
  monitorPid: number | null;
  /** Set for a stand-in resource: the type it plays. */
  standInType: string | null;
  why: string;
}

export function snapshotOf(
  r: ClusterResource,
  clock: Clock,
  monitorPid: number | undefined,
): ResourceSnapshot {
  return {
    name: r.name,
    group: r.group.name,
    node: r.node,
    state: r.state,
    wantOnline: r.wantOnline,
    restarts: r.restartCount,
    checkpoint: r.checkpoint,
    pendingMs: r.pendingSince !== undefined ? Math.round(clock.now() - r.pendingSince) : null,
    looksAlive: r.lastLooksAlive ?? null,
    looksAliveByEvent: r.eventHandle && r.state === 'Online',
    isAlive: r.lastIsAlive ?? null,
    monitorPid: monitorPid ?? null,
    standInType: r.standInType ?? null,
    why: r.lastWhy,
  };
}
