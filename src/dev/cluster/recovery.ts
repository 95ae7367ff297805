import type { ClusterCore } from './cluster-core.js';
import type { ClusterResource } from './cluster-resource.js';
import { nextNode } from './failover-policy.js';
import type { MonitorProcess } from './monitor-process.js';
import type { SimNode } from './node.js';
import { moveGroup, offlineDependents, restartWithDependents, setState } from './operations.js';
import type { RecoveryActions } from './restart-policy.js';

type HarnessEvent = Record<string, unknown> & { type: string; resource: string | null };

/**
 * What the failover manager does when things break: the restart policy of a failed
 * resource, failover of its group, and recovery from a hung or dead monitor process.
 */
export class Recovery {
  constructor(private readonly c: ClusterCore) {}

  /** The RecoveryActions of one resource (see restart-policy.ts). */
  actionsFor(get: () => ClusterResource): RecoveryActions {
    const c = this.c;
    return {
      restart: (attempt) => {
        const r = get();
        c.emit({
          kind: 'restart',
          resource: r.name,
          node: r.node ?? '',
          attempt,
          delay: r.policy.restartDelay,
        });
        c.note(
          'INFO',
          'RCM',
          r.name,
          `restarting (restart ${attempt} of RestartThreshold ${r.policy.restartThreshold} in this RestartPeriod)`,
        );
        void restartWithDependents(c, r).catch(() => undefined);
      },
      failover: () => {
        const r = get();
        const g = r.group;
        const to = nextNode({
          nodes: [...c.nodes.keys()],
          up: c.upNodes(),
          preferredOwners: g.preferredOwners,
          current: g.node ?? undefined,
        });
        if (!to) {
          c.note('WARN', 'RCM', g.name, 'cannot fail over: no other node is up');
          return false;
        }
        if (!g.failovers.mayFailover(c.nodes.size)) {
          c.note(
            'WARN',
            'RCM',
            g.name,
            `cannot fail over: FailoverThreshold reached (${g.failovers.count} failovers within FailoverPeriod)`,
          );
          return false;
        }
        g.failovers.record();
        const why = `resource ${r.name} exceeded RestartThreshold ${r.policy.restartThreshold}`;
        void moveGroup(c, g, to, { kind: 'failover', why }).catch(() => undefined);
        return true;
      },
      retry: () => {
        const r = get();
        c.note('INFO', 'RCM', r.name, 'RetryPeriodOnFailure elapsed: one more Online attempt');
        void restartWithDependents(c, r).catch(() => undefined);
      },
      stayFailed: (why, retryAfter) => {
        const r = get();
        c.emit({ kind: 'stay-failed', resource: r.name, why, retryAfter });
        c.note(
          'WARN',
          'RCM',
          r.name,
          `stays Failed: ${why}${retryAfter === null ? '' : `; retry in ${retryAfter} ms (RetryPeriodOnFailure)`}`,
        );
      },
    };
  }

  /** A resource failed while wanted online: dependents go offline, then the restart policy decides. */
  resourceFailed(r: ClusterResource, why: string): void {
    const c = this.c;
    if (c.closed || !r.wantOnline || r.group.moving) return;
    c.note('ERR', 'RCM', r.name, `HandleFailure: ${why}`);
    void offlineDependents(c, r).finally(() => {
      if (!c.closed) r.recovery.failed();
    });
  }

  onHarnessEvent(node: SimNode, key: string, e: HarnessEvent): void {
    const c = this.c;
    const pid = node.existing(key)?.pid;
    const r = e.resource ? c.resources.get(e.resource.toLowerCase()) : undefined;
    if (e.type === 'log') {
      if (r || e.resource === null)
        c.resLog(e.resource ?? '', Number(e.level), String(e.text), pid);
      return;
    }
    if (!r || r.node !== node.name || r.monitorKey !== key) return;
    switch (e.type) {
      case 'state': {
        const to = String(e.to);
        if (to.endsWith('Pending')) r.checkpoint = 0;
        if (to === 'Online') r.eventHandle = e.eventHandle === true;
        if (to === 'Failed') r.expectTerminate(r.policy.deadlockTimeout);
        setState(c, r, to, String(e.why));
        if (to === 'Failed') this.resourceFailed(r, String(e.why));
        break;
      }
      case 'call':
        if (e.call === 'Terminate') r.terminateReturned();
        break;
      case 'check': {
        const res = {
          alive: e.result === true,
          at: new Date().toISOString(),
          ms: Math.round(Number(e.durationMs)),
        };
        if (e.check === 'LooksAlive') r.lastLooksAlive = res;
        else r.lastIsAlive = res;
        c.emit({
          kind: 'health',
          resource: r.name,
          node: node.name,
          check: e.check === 'LooksAlive' ? 'LooksAlive' : 'IsAlive',
          alive: res.alive,
          ms: res.ms,
        });
        if (!res.alive)
          c.note(
            'WARN',
            'RHS',
            r.name,
            `Resource ${r.name} ${String(e.check)} has indicated failure.`,
            pid,
          );
        break;
      }
      case 'status':
        r.checkpoint = Number(e.checkPoint);
        c.emit({ kind: 'pending', resource: r.name, node: node.name, checkpoint: r.checkpoint });
        break;
      case 'anomaly':
        c.note('WARN', 'RHS', r.name, String(e.text), pid);
        break;
      case 'event-signaled':
        c.note(
          'INFO',
          'RHS',
          r.name,
          'the resource signaled its failure event handle; calling IsAlive',
          pid,
        );
        break;
    }
  }

  /** Event 1230: a call did not return within DeadlockTimeout; the monitor is being killed. */
  onMonitorHung(
    node: SimNode,
    key: string,
    m: MonitorProcess,
    h: { call: string; resource: string | null; why: string },
  ): void {
    const c = this.c;
    const res = h.resource ?? '(type)';
    c.emit({
      kind: 'monitor',
      node: node.name,
      monitor: key,
      pid: m.pid ?? null,
      what: 'hung',
      why: h.why,
    });
    c.note(
      'ERR',
      'RHS',
      res,
      `Cluster resource '${res}' in clustered role '${h.resource ? c.resource(h.resource).group.name : ''}' (resource type '${c.options.type}', DLL '${c.options.library}') ` +
        `did not respond to a request in a timely fashion (${h.call}). Cluster health detection will attempt to automatically recover by terminating the Resource Hosting Subsystem (RHS) process running this resource. [event 1230]`,
      m.pid,
    );
  }

  /** Event 1146: the monitor is gone; restart it, reopen its resources, apply the restart policy. */
  onMonitorExit(node: SimNode, key: string, m: MonitorProcess): void {
    const c = this.c;
    if (c.closed || !node.up) return;
    c.emit({ kind: 'monitor', node: node.name, monitor: key, pid: m.pid ?? null, what: 'died' });
    const hit = [...c.resources.values()].filter(
      (r) => r.node === node.name && r.monitorKey === key,
    );
    if (hit.length === 0) return;
    c.note(
      'ERR',
      'RHS',
      node.name,
      `The cluster Resource Hosting Subsystem (RHS) process (pid ${m.pid}) was terminated and will be restarted. [event 1146]`,
      m.pid,
    );
    const failed: ClusterResource[] = [];
    for (const r of hit) {
      r.node = null;
      r.terminateReturned(); // no Terminate will come from a dead monitor
      if (r.wantOnline && r.state !== 'Offline') failed.push(r);
      setState(
        c,
        r,
        failed.includes(r) ? 'Failed' : 'Offline',
        'its monitor process was restarted',
      );
    }
    void (async () => {
      for (const r of hit) {
        await c
          .open(r)
          .catch((e: Error) =>
            c.note('ERR', 'RHS', r.name, `cannot reopen after the monitor restart: ${e.message}`),
          );
      }
      for (const r of failed) this.resourceFailed(r, 'its monitor process was restarted');
    })();
  }
}
