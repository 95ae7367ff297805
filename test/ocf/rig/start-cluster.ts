import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RigCluster } from './cluster.js';
import { corosyncConf, DEFAULT_CLUSTER_OPTIONS, seedCib, type NodeSpec } from './config.js';
import { RigError } from './errors.js';
import { tailLogs } from './logs.js';
import { createNetworks, deleteNetwork, NODE_ADDRESSES } from './netns.js';
import { prepareNodeDirs } from './node-dirs.js';
import { RigNode } from './node.js';
import { checkAgents, requirePrerequisites } from './prerequisites.js';
import { signal } from './procs.js';
import { findLeftovers, RIG_PREFIX, sweepStaleRigs } from './teardown.js';

export interface StartClusterOptions {
  nodes: 1 | 2;
  /** A folder of agents seen inside every node as /usr/lib/ocf/resource.d/<provider>. */
  agents?: { provider: string; dir: string };
  /** Cluster options merged over DEFAULT_CLUSTER_OPTIONS, in force from the first CIB. */
  clusterOptions?: Record<string, string>;
  /** How long to wait for a DC with every node online; default 60 s. */
  readyTimeoutMs?: number;
}

/**
 * Starts a real Corosync + Pacemaker cluster whose nodes each live in their own network,
 * mount, PID and UTS namespaces, and resolves once a DC is elected and every node is online.
 * Steps: 1. check root and tools, 2. sweep rigs of dead test processes, 3. make names and
 * folders, 4. networks, 5. node folders and configs, 6. start nodes, 7. wait until ready.
 */
export async function startCluster(opts: StartClusterOptions): Promise<RigCluster> {
  requirePrerequisites();
  if (opts.nodes !== 1 && opts.nodes !== 2)
    throw new RigError('RIG_BAD_INPUT', `nodes must be 1 or 2, not ${opts.nodes}`);
  if (opts.agents) checkAgents(opts.agents);
  await sweepStaleRigs();

  const tag = randomBytes(3).toString('hex');
  const runId = `${process.pid}.${tag}`;
  const dir = mkdtempSync(join(tmpdir(), `${RIG_PREFIX}${process.pid}-`));
  const specs: NodeSpec[] = Array.from({ length: opts.nodes }, (_, i) => ({
    name: `node${i + 1}`,
    id: i + 1,
    addr: opts.nodes === 1 ? '127.0.0.1' : NODE_ADDRESSES[i],
  }));
  const netns = specs.map((s) => `${RIG_PREFIX}${process.pid}-${tag}-${s.name}`);
  const members: RigNode[] = [];

  const teardown = async (): Promise<void> => {
    const results = await Promise.allSettled(members.map((n) => n.stop()));
    for (const ns of netns) await deleteNetwork(ns);
    const left = await findLeftovers(runId, dir, netns);
    for (const p of left.processes) signal(p.pid, 'SIGKILL');
    const keep = process.env.CK_OCF_RIG_KEEP === '1';
    if (keep) console.log(`rig: kept ${dir}`);
    else if (left.mounts.length === 0) rmSync(dir, { recursive: true, force: true });
    const failed = results
      .filter((r) => r.status === 'rejected')
      .map((r) => String((r as PromiseRejectedResult).reason));
    if (failed.length || left.processes.length || left.netns.length || left.mounts.length) {
      throw new RigError(
        'RIG_STOP_FAILED',
        `the rig did not stop cleanly: ${[
          ...failed,
          ...left.processes.map((p) => `process ${p.pid} ${p.cmdline} (killed)`),
          ...left.netns.map((n) => `netns ${n}`),
          ...left.mounts.map((m) => `mount ${m}`),
        ].join('; ')}`,
      );
    }
  };

  const started = Date.now();
  try {
    await createNetworks(netns);
    const conf = corosyncConf(`rig${tag}`, specs);
    const cib = seedCib({ ...DEFAULT_CLUSTER_OPTIONS, ...opts.clusterOptions });
    for (const [i, s] of specs.entries()) {
      const dirs = prepareNodeDirs(join(dir, s.name), { corosyncConf: conf, cibXml: cib });
      members.push(
        new RigNode({ name: s.name, netns: netns[i], dirs, run: runId, agents: opts.agents }),
      );
    }
    await Promise.all(members.map((n) => n.start()));
  } catch (err) {
    const logs = tailLogs(
      members.map((n) => ({ label: n.name, path: n.dirs.initLog })),
      20,
    );
    await teardown().catch(() => {});
    throw new RigError('RIG_START_FAILED', `${(err as Error).message}\n${logs}`);
  }

  const cluster = new RigCluster(runId, dir, members, teardown);
  try {
    await cluster.waitFor(
      (s) => {
        if (s.dc && Number.isNaN(cluster.timings.dcMs)) cluster.timings.dcMs = Date.now() - started;
        return (
          s.dc !== null && specs.every((sp) => s.nodes.some((n) => n.name === sp.name && n.online))
        );
      },
      { what: `a DC and ${specs.length} online node(s)`, timeoutMs: opts.readyTimeoutMs ?? 60_000 },
    );
    cluster.timings.readyMs = Date.now() - started;
  } catch (err) {
    await cluster.stop().catch(() => {});
    throw err;
  }
  return cluster;
}
