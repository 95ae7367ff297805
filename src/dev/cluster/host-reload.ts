/**
 * New handler code in a running local cluster, as an administrator would roll it out with
 * the library still loaded (RHS keeps the DLL): the resources of the type go offline, every
 * handler host ends, and the resources come back online; the library starts a fresh host,
 * which loads the rebuilt bundle, at its next request.
 */
import { isProcessRunning } from '../harness/processes.js';
import type { LocalCluster } from './cluster.js';
import type { ClusterEvent } from './events.js';
import { hostPidsOfMonitor } from './faults.js';

/** How long a host may take to exit after SIGTERM before it is killed. */
const HOST_EXIT_MS = 5000;

export interface HostReload {
  /** Resources that were online and were brought online again (in that order). */
  restarted: string[];
  /** Handler hosts that were ended. */
  hosts: number[];
  /** Resources that did not come back online, with why. */
  failed: { name: string; why: string }[];
}

export async function restartHandlerHosts(c: LocalCluster): Promise<HostReload> {
  // 1. What is wanted online now comes back afterwards (providers first, by c.online).
  const wanted = [...c.resources.values()].filter((r) => r.wantOnline).map((r) => r.name);
  const ofType = new Set(
    [...c.resources.values()].filter((r) => r.standInType === undefined).map((r) => r.name),
  );
  for (const name of wanted) if (ofType.has(name)) await c.offline(name).catch(() => undefined);
  // 2. End every host; an idle host exits on SIGTERM, a stuck one is killed. Done once each
  //    library has logged its host's end: only then does its next request start a new host.
  const hosts = allHostPids(c);
  const ended = librariesSawEnd(c, hosts);
  signal(hosts, 'SIGTERM');
  if (!(await ended.within(HOST_EXIT_MS))) {
    signal(hosts.filter(isProcessRunning), 'SIGKILL');
    await ended.within(HOST_EXIT_MS);
  }
  ended.stop();
  c.note(
    'INFO',
    'RCM',
    'cluster',
    `handler hosts ${hosts.join(', ') || '(none)'} ended to load the rebuilt bundle`,
  );
  // 3. Online again.
  const failed: HostReload['failed'] = [];
  for (const name of wanted) {
    await c.online(name).catch((e: Error) => failed.push({ name, why: e.message }));
  }
  return { restarted: wanted.filter((n) => ofType.has(n)), hosts, failed };
}

/** Every handler host under the cluster's monitors, on every node. */
export function allHostPids(c: LocalCluster): number[] {
  return [...c.nodes.values()].flatMap((n) =>
    n.monitorList.filter((m) => m.alive && m.pid).flatMap((m) => hostPidsOfMonitor(m.pid!)),
  );
}

function signal(pids: number[], sig: NodeJS.Signals): void {
  for (const p of pids) {
    try {
      process.kill(p, sig);
    } catch {
      // Already gone.
    }
  }
}

/** Resolves `within(ms)` to true once the library has logged the end of every host in `pids`. */
function librariesSawEnd(c: LocalCluster, pids: number[]) {
  const left = new Set(pids);
  let wake = () => undefined as void;
  const onEvent = (e: ClusterEvent) => {
    const m = e.kind === 'log' ? /handler host \(pid (\d+)\)/.exec(e.line) : null;
    if (m && left.delete(Number(m[1])) && left.size === 0) wake();
  };
  c.events.on('event', onEvent);
  return {
    within(ms: number): Promise<boolean> {
      if (left.size === 0) return Promise.resolve(true);
      return new Promise((resolve) => {
        const timer = setTimeout(() => resolve(false), ms);
        wake = () => {
          clearTimeout(timer);
          resolve(true);
        };
      });
    },
    stop: () => void c.events.off('event', onEvent),
  };
}
