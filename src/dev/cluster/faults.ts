import { descendantProcesses } from '../harness/processes.js';
import type { ClusterCore } from './cluster-core.js';
import type { ClusterResource } from './cluster-resource.js';
import { ClusterError } from './errors.js';
import { setState } from './operations.js';

const isHost = (argv: string[]) => argv.slice(1).some((a) => a.endsWith('.handler.js'));

/** Handler hosts running in the resource's monitor. */
export function hostPidsOf(c: ClusterCore, r: ClusterResource): number[] {
  const m = r.node ? c.node(r.node).existing(r.monitorKey) : undefined;
  if (!m?.pid)
    throw new ClusterError(
      'MONITOR_DIED',
      `resource "${r.name}" is not open in any running monitor`,
    );
  return hostPidsOfMonitor(m.pid);
}

/** The handler hosts a monitor process started (its children running a bundle). */
export function hostPidsOfMonitor(monitorPid: number): number[] {
  return descendantProcesses(monitorPid)
    .filter((p) => p.ppid === monitorPid && isHost(p.argv) && p.state !== 'Z')
    .map((p) => p.pid);
}

/**
 * The application processes of a resource: the pid it publishes as a read-only `Pid` property,
 * or, when it is alone in its monitor, everything below the handler host.
 */
export async function appPidsOf(c: ClusterCore, r: ClusterResource): Promise<number[]> {
  const m = await c.monitorOf(r);
  const ro = (await m.call(r.name, 'getReadOnlyProperties').catch(() => ({}))) as Record<
    string,
    unknown
  >;
  const pidKey = Object.keys(ro).find((k) => k.toLowerCase() === 'pid');
  if (pidKey && typeof ro[pidKey] === 'number' && (ro[pidKey] as number) > 0)
    return [ro[pidKey] as number];
  const sharing = [...c.resources.values()].filter(
    (x) => x !== r && x.node === r.node && x.monitorKey === r.monitorKey,
  );
  if (sharing.length > 0) {
    throw new ClusterError(
      'CALL_FAILED',
      `cannot tell which processes belong to "${r.name}" (it shares its monitor with ${sharing.map((x) => x.name).join(', ')}); publish a read-only Pid property or give it SeparateMonitor`,
    );
  }
  return hostPidsOf(c, r).flatMap((h) =>
    descendantProcesses(h)
      .filter((p) => p.state !== 'Z')
      .map((p) => p.pid),
  );
}

function signal(pids: number[], sig: NodeJS.Signals): number[] {
  return pids.filter((p) => {
    try {
      process.kill(p, sig);
      return true;
    } catch {
      return false;
    }
  });
}

export interface Faults {
  /** SIGKILL the handler host serving the resource. */
  killHost(resource: string): Promise<number[]>;
  /** SIGSTOP the handler host: every request to it times out, like a deadlocked host. */
  hangHost(resource: string): Promise<number[]>;
  /** SIGCONT a host stopped by hangHost (if the library has not killed it yet). */
  resumeHost(resource: string): Promise<number[]>;
  /** SIGKILL the application the resource runs. */
  killApp(resource: string): Promise<number[]>;
  /** Make the resource's next Online or Offline fail (RHS then marks it Failed and calls Terminate). */
  failNextCall(resource: string, call: 'online' | 'offline'): Promise<void>;
  /** The resource fails now, as if IsAlive had answered FALSE (Failed, Terminate, restart policy). */
  failNow(resource: string): Promise<void>;
  /** SIGSTOP the monitor process itself: the next call to it makes the cluster declare it hung. */
  hangMonitor(resource: string): Promise<number[]>;
  /** Lose a node: its monitors are killed and its groups move. */
  loseNode(node: string): Promise<void>;
}

export function makeFaults(c: ClusterCore, loseNode: (n: string) => Promise<void>): Faults {
  const note = (what: string, target: string, detail: string) => {
    c.emit({ kind: 'fault', what, target });
    c.note('WARN', 'RCM', target, `fault injected: ${what}${detail ? ` (${detail})` : ''}`);
  };
  return {
    async killHost(name) {
      const pids = signal(hostPidsOf(c, c.resource(name)), 'SIGKILL');
      note('kill-host', name, `pids ${pids.join(', ') || 'none'}`);
      return pids;
    },
    async hangHost(name) {
      const pids = signal(hostPidsOf(c, c.resource(name)), 'SIGSTOP');
      note('hang-host', name, `pids ${pids.join(', ') || 'none'}`);
      return pids;
    },
    async resumeHost(name) {
      const pids = signal(hostPidsOf(c, c.resource(name)), 'SIGCONT');
      note('resume-host', name, `pids ${pids.join(', ') || 'none'}`);
      return pids;
    },
    async killApp(name) {
      const pids = signal(await appPidsOf(c, c.resource(name)), 'SIGKILL');
      note('kill-app', name, `pids ${pids.join(', ') || 'none'}`);
      return pids;
    },
    async hangMonitor(name) {
      const r = c.resource(name);
      const m = r.node ? c.node(r.node).existing(r.monitorKey) : undefined;
      const pids = m?.pid ? signal([m.pid], 'SIGSTOP') : [];
      note('hang-monitor', name, `pid ${pids.join(', ') || 'none'}`);
      return pids;
    },
    async failNextCall(name, call) {
      const r = c.resource(name);
      await (
        await c.monitorOf(r)
      ).inject(r.name, call === 'online' ? 'fail-next-online' : 'fail-next-offline');
      note(`fail-next-${call}`, name, '');
    },
    async failNow(name) {
      const r = c.resource(name);
      note('fail', name, '');
      if (r.standInType === undefined) {
        await (await c.monitorOf(r)).inject(r.name, 'fail-now');
        return;
      }
      // A stand-in has no monitor: the cluster fails it itself, and the policy takes over.
      setState(c, r, 'Failed', 'failed by the administrator');
      c.resourceFailed(r, 'failed by the administrator');
    },
    async loseNode(node) {
      note('lose-node', node, '');
      await loseNode(node);
    },
  };
}
