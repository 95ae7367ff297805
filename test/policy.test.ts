import { describe, expect, it } from 'vitest';
import { FakeClock } from '../src/dev/cluster/clock.js';
import {
  ResourceRecovery,
  RestartTracker,
  type RecoveryActions,
} from '../src/dev/cluster/restart-policy.js';
import {
  FailoverTracker,
  effectiveFailoverThreshold,
  initialNode,
  nextNode,
  ownerOrder,
} from '../src/dev/cluster/failover-policy.js';
import {
  INFINITE,
  resolveGroupPolicy,
  resolveResourcePolicy,
  resolveTypePolicy,
} from '../src/dev/cluster/settings.js';
import { ResettableDeadline, effectivePendingTimeout } from '../src/dev/cluster/deadline.js';

function recorder() {
  const calls: string[] = [];
  let canFailover = true;
  const actions: RecoveryActions = {
    restart: (n) => calls.push(`restart ${n}`),
    failover: () => (calls.push('failover'), canFailover),
    retry: () => calls.push('retry'),
    stayFailed: (_why, after) => calls.push(`stay-failed ${after}`),
  };
  return { calls, actions, refuseFailover: () => (canFailover = false) };
}

describe('RHS defaults', () => {
  it("uses the RHS defaults when nothing is set (RestartPeriod 900000, not the remark's 90000)", () => {
    const p = resolveResourcePolicy();
    expect(p).toMatchObject({
      restartAction: 2,
      restartThreshold: 3,
      restartPeriod: 900_000,
      restartDelay: 500,
      retryPeriodOnFailure: 3_600_000,
      pendingTimeout: 180_000,
      deadlockTimeout: 300_000,
      looksAlivePollInterval: INFINITE,
      isAlivePollInterval: INFINITE,
      separateMonitor: false,
    });
    expect(resolveTypePolicy()).toEqual({
      looksAlivePollInterval: 5000,
      isAlivePollInterval: 60000,
      pendingTimeout: 180000,
      deadlockTimeout: 300000,
    });
    expect(resolveGroupPolicy()).toEqual({
      failoverThreshold: INFINITE,
      failoverPeriod: 6 * 3_600_000,
    });
  });

  it('scales every time value by timeScale but keeps 0xFFFFFFFF meaning "inherit"/"never"', () => {
    const p = resolveResourcePolicy({ retryPeriodOnFailure: INFINITE }, 0.001);
    expect(p.restartPeriod).toBe(900);
    expect(p.pendingTimeout).toBe(180);
    expect(p.restartThreshold).toBe(3);
    expect(p.retryPeriodOnFailure).toBe(INFINITE);
    expect(p.looksAlivePollInterval).toBe(INFINITE);
    expect(resolveGroupPolicy({ failoverPeriodHours: 1 }, 0.001).failoverPeriod).toBe(3600);
  });

  it('refuses settings RHS refuses, naming the setting', () => {
    expect(() => resolveResourcePolicy({ restartAction: 3 as 2 })).toThrow(
      /RestartAction must be 0, 1 or 2/,
    );
    expect(() => resolveResourcePolicy({ pendingTimeout: 5 })).toThrow(
      /PendingTimeout must be at least 10/,
    );
    expect(() =>
      resolveResourcePolicy({ retryPeriodOnFailure: 1000, restartPeriod: 2000 }),
    ).toThrow(/RetryPeriodOnFailure/);
    expect(() => resolveResourcePolicy({ looksAlivePollInterval: 5 })).toThrow(/at least 10 ms/);
    expect(() => resolveGroupPolicy({ failoverPeriodHours: 2000 })).toThrow(/1\.\.1193/);
    expect(() => resolveTypePolicy({ isAlivePollInterval: 0 })).toThrow(/isAlivePollInterval/);
    expect(() => resolveResourcePolicy({ restartTreshold: 1 } as never)).toThrow(
      /unknown resource setting\(s\) restartTreshold/,
    );
  });
});

describe('RestartAction and RestartThreshold within RestartPeriod', () => {
  it('RestartAction 0 (ClusterResourceDontRestart) never restarts and never retries', () => {
    const t = new RestartTracker(resolveResourcePolicy({ restartAction: 0 }), new FakeClock());
    expect(t.onFailure()).toMatchObject({ action: 'stay-failed', retryAfter: null });
  });

  it('restarts up to RestartThreshold times within RestartPeriod, then RestartAction 2 fails the group over', () => {
    const clock = new FakeClock();
    const t = new RestartTracker(
      resolveResourcePolicy({ restartThreshold: 2, restartPeriod: 10_000 }),
      clock,
    );
    expect(t.onFailure()).toEqual({ action: 'restart', delay: 500, attempt: 1 });
    clock.advance(1000);
    expect(t.onFailure()).toEqual({ action: 'restart', delay: 500, attempt: 2 });
    clock.advance(1000);
    expect(t.onFailure()).toEqual({ action: 'failover' });
  });

  it('RestartAction 1 (ClusterResourceRestartNoNotify) stays Failed instead of failing over once the threshold is exceeded', () => {
    const t = new RestartTracker(
      resolveResourcePolicy({ restartAction: 1, restartThreshold: 1 }),
      new FakeClock(),
    );
    expect(t.onFailure().action).toBe('restart');
    expect(t.onFailure()).toMatchObject({ action: 'stay-failed', retryAfter: 3_600_000 });
  });

  it('RestartThreshold 0 allows no restart at all', () => {
    const t = new RestartTracker(resolveResourcePolicy({ restartThreshold: 0 }), new FakeClock());
    expect(t.onFailure()).toEqual({ action: 'failover' });
  });

  it('the RestartPeriod window slides: restarts older than RestartPeriod no longer count', () => {
    const clock = new FakeClock();
    const t = new RestartTracker(
      resolveResourcePolicy({ restartThreshold: 2, restartPeriod: 10_000 }),
      clock,
    );
    t.onFailure(); // t=0
    clock.advance(6000);
    t.onFailure(); // t=6000
    clock.advance(4001); // t=10001: the first restart left the window
    expect(t.count).toBe(1);
    expect(t.onFailure()).toMatchObject({ action: 'restart', attempt: 2 });
    clock.advance(1000);
    expect(t.onFailure()).toEqual({ action: 'failover' });
  });
});

describe('RestartDelay and RetryPeriodOnFailure (ResourceRecovery)', () => {
  it('waits RestartDelay before restarting', () => {
    const clock = new FakeClock();
    const r = recorder();
    const rec = new ResourceRecovery(
      resolveResourcePolicy({ restartDelay: 2000 }),
      clock,
      r.actions,
    );
    rec.failed();
    clock.advance(1999);
    expect(r.calls).toEqual([]);
    clock.advance(1);
    expect(r.calls).toEqual(['restart 1']);
  });

  it('fails the group over when the threshold is exceeded and failover is allowed', () => {
    const clock = new FakeClock();
    const r = recorder();
    const rec = new ResourceRecovery(
      resolveResourcePolicy({ restartThreshold: 0 }),
      clock,
      r.actions,
    );
    expect(rec.failed()).toEqual({ action: 'failover' });
    expect(r.calls).toEqual(['failover']);
    expect(rec.scheduled).toBe(false);
  });

  it('stays Failed and retries Online once after RetryPeriodOnFailure when the group cannot fail over', () => {
    const clock = new FakeClock();
    const r = recorder();
    r.refuseFailover();
    const policy = resolveResourcePolicy({
      restartThreshold: 1,
      restartPeriod: 1000,
      retryPeriodOnFailure: 60_000,
    });
    const rec = new ResourceRecovery(policy, clock, r.actions);
    rec.failed();
    clock.advance(500);
    rec.failed();
    expect(r.calls).toEqual(['restart 1', 'failover', 'stay-failed 60000']);
    clock.advance(59_999);
    expect(r.calls).toHaveLength(3);
    clock.advance(1);
    expect(r.calls.at(-1)).toBe('retry');
    expect(rec.tracker.count).toBe(0); // the retry starts a fresh restart window
  });

  it('RetryPeriodOnFailure 0xFFFFFFFF never retries', () => {
    const clock = new FakeClock();
    const r = recorder();
    const rec = new ResourceRecovery(
      resolveResourcePolicy({
        restartAction: 1,
        restartThreshold: 0,
        retryPeriodOnFailure: INFINITE,
      }),
      clock,
      r.actions,
    );
    rec.failed();
    clock.advance(10 * 3_600_000);
    expect(r.calls).toEqual(['stay-failed null']);
    expect(clock.pending).toBe(0);
  });

  it('cancel() drops a scheduled restart (manual offline)', () => {
    const clock = new FakeClock();
    const r = recorder();
    const rec = new ResourceRecovery(resolveResourcePolicy(), clock, r.actions);
    rec.failed();
    rec.cancel();
    clock.advance(10_000);
    expect(r.calls).toEqual([]);
  });
});

describe('FailoverThreshold within FailoverPeriod', () => {
  it('0xFFFFFFFF means the number of nodes minus one', () => {
    expect(effectiveFailoverThreshold(resolveGroupPolicy(), 3)).toBe(2);
    expect(effectiveFailoverThreshold(resolveGroupPolicy(), 1)).toBe(0);
    expect(effectiveFailoverThreshold(resolveGroupPolicy({ failoverThreshold: 5 }), 3)).toBe(5);
  });

  it('allows FailoverThreshold failovers per FailoverPeriod (hours), then stops until they age out', () => {
    const clock = new FakeClock();
    const f = new FailoverTracker(
      resolveGroupPolicy({ failoverThreshold: 2, failoverPeriodHours: 1 }),
      clock,
    );
    expect(f.mayFailover(3)).toBe(true);
    f.record();
    clock.advance(10 * 60_000);
    f.record();
    expect(f.mayFailover(3)).toBe(false);
    clock.advance(50 * 60_000 + 1); // the first failover is now more than an hour old
    expect(f.mayFailover(3)).toBe(true);
  });
});

describe('preferred owners and the next node', () => {
  const nodes = ['n1', 'n2', 'n3', 'n4'];
  const up = new Set(nodes);

  it('orders preferred owners first, then the other nodes in cluster order', () => {
    expect(ownerOrder(nodes, ['N3', 'n1', 'ghost'])).toEqual(['n3', 'n1', 'n2', 'n4']);
  });

  it('places a group on its first preferred owner that is up', () => {
    expect(initialNode({ nodes, up: new Set(['n2', 'n4']), preferredOwners: ['n3', 'n4'] })).toBe(
      'n4',
    );
    expect(initialNode({ nodes, up })).toBe('n1');
  });

  it('fails over to the next node after the current one in owner order, wrapping and skipping down nodes', () => {
    expect(nextNode({ nodes, up, preferredOwners: ['n3', 'n1'], current: 'n3' })).toBe('n1');
    expect(nextNode({ nodes, up, preferredOwners: ['n3', 'n1'], current: 'n4' })).toBe('n3');
    expect(nextNode({ nodes, up: new Set(['n1', 'n2']), current: 'n2' })).toBe('n1');
    expect(nextNode({ nodes, up: new Set(['n2']), current: 'n2' })).toBeUndefined();
  });
});

describe('PendingTimeout between status reports', () => {
  it('expires only when no report arrived for PendingTimeout, however long the operation runs', () => {
    const clock = new FakeClock();
    let expired = 0;
    const d = new ResettableDeadline(clock, 1000, () => expired++);
    d.start();
    for (let i = 0; i < 10; i++) {
      clock.advance(900);
      d.report();
    }
    expect(expired).toBe(0);
    clock.advance(999);
    expect(expired).toBe(0);
    clock.advance(1);
    expect(expired).toBe(1);
    expect(d.running).toBe(false);
  });

  it('PendingTimeout is capped by DeadlockTimeout unless configured otherwise', () => {
    expect(effectivePendingTimeout(400_000, 300_000)).toBe(300_000);
    expect(effectivePendingTimeout(400_000, 300_000, false)).toBe(400_000);
    expect(effectivePendingTimeout(180_000, 300_000)).toBe(180_000);
  });
});
