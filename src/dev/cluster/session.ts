import { LocalCluster } from './cluster.js';
import type { ClusterOptions } from './cluster-options.js';
import { ClusterError } from './errors.js';
import type { RunPlan } from './run-config.js';

/** Starts a cluster from a plan: groups, then resources (opened), then everything online unless told not to. */
export async function startFromPlan(
  base: Omit<ClusterOptions, 'nodes' | 'timeScale'>,
  plan: RunPlan,
  bringOnline: boolean,
  onStarted?: (c: LocalCluster) => void,
): Promise<LocalCluster> {
  const cluster = await LocalCluster.start({
    ...base,
    nodes: plan.nodes,
    timeScale: plan.timeScale,
  });
  try {
    onStarted?.(cluster);
    for (const g of plan.groups)
      cluster.addGroup(g.name, {
        ...(g.preferredOwners ? { preferredOwners: g.preferredOwners } : {}),
        ...(g.policy ? { policy: g.policy } : {}),
      });
    for (const r of plan.resources) await cluster.addResource(r.name, r);
    if (bringOnline) {
      for (const g of cluster.groups.values())
        await cluster.onlineGroup(g.name).catch(() => undefined);
    }
  } catch (e) {
    await cluster.close();
    throw e;
  }
  return cluster;
}

/** One-word commands shared by the TTY keys and the --json stdin channel. */
export const SESSION_COMMANDS = [
  'online',
  'offline',
  'fail',
  'move',
  'kill-host',
  'hang-host',
  'kill-app',
  'fail-next-online',
  'fail-next-offline',
  'lose-node',
  'restore-node',
  'quit',
] as const;

/** Runs `online R`, `move G [node]`, `lose-node N`, ...; resolves with a short result text. */
export async function runSessionCommand(c: LocalCluster, line: string): Promise<string> {
  const [cmd, a, b] = line.trim().split(/\s+/);
  const need = (v: string | undefined, what: string) => {
    if (!v)
      throw new ClusterError(
        'BAD_SETTING',
        `${cmd} needs ${what}: e.g. "${cmd} ${what === 'a node' ? 'node1' : 'Name'}"`,
      );
    return v;
  };
  switch (cmd) {
    case 'online':
      await c.online(need(a, 'a resource'));
      return `${a} online`;
    case 'offline':
      await c.offline(need(a, 'a resource'));
      return `${a} offline`;
    case 'fail':
      await c.fail(need(a, 'a resource'));
      return `${a} failed`;
    case 'move':
      return `${a} moved to ${await c.move(need(a, 'a group'), b)}`;
    case 'kill-host':
      return `killed host ${(await c.faults.killHost(need(a, 'a resource'))).join(', ')}`;
    case 'hang-host':
      return `stopped host ${(await c.faults.hangHost(need(a, 'a resource'))).join(', ')}`;
    case 'kill-app':
      return `killed ${(await c.faults.killApp(need(a, 'a resource'))).join(', ')}`;
    case 'fail-next-online':
      await c.faults.failNextCall(need(a, 'a resource'), 'online');
      return 'armed';
    case 'fail-next-offline':
      await c.faults.failNextCall(need(a, 'a resource'), 'offline');
      return 'armed';
    case 'lose-node':
      await c.faults.loseNode(need(a, 'a node'));
      return `${a} lost`;
    case 'restore-node':
      await c.restoreNode(need(a, 'a node'));
      return `${a} up`;
    default:
      throw new ClusterError(
        'BAD_SETTING',
        `unknown command "${cmd ?? ''}"; commands are ${SESSION_COMMANDS.join(', ')}`,
      );
  }
}
