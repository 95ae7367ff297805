import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deleteNetwork, listNetworks } from './netns.js';
import { pollUntil } from './poll.js';
import { isLive, listRigProcesses, signal, type RigProcess } from './procs.js';

/** Prefix of every netns and temp folder a rig makes: `ckrig-<owner pid>-...`. */
export const RIG_PREFIX = 'ckrig-';

/** What a rig left behind; empty lists mean nothing. */
export interface Leftovers {
  processes: RigProcess[];
  netns: string[];
  mounts: string[];
}

/** Mount points of the host's mount namespace that lie below `dir`. */
export function mountsBelow(dir: string): string[] {
  return readFileSync('/proc/self/mountinfo', 'utf8')
    .split('\n')
    .map((l) => l.split(' ')[4])
    .filter((m): m is string => m !== undefined && (m === dir || m.startsWith(`${dir}/`)));
}

/** Everything of one run (or, without a run, of every rig) still present on the host. */
export async function findLeftovers(
  run?: string,
  dir?: string,
  netns: readonly string[] = [],
): Promise<Leftovers> {
  const existing = await listNetworks();
  return {
    processes: listRigProcesses(run),
    netns: run
      ? existing.filter((n) => netns.includes(n))
      : existing.filter((n) => n.startsWith(RIG_PREFIX)),
    mounts: dir ? mountsBelow(dir) : [],
  };
}

/** The test process that owns a run id, netns or folder name (NaN when it names none). */
export function ownerOf(name: string): number {
  return Number(/^ckrig-(\d+)[-.]/.exec(name)?.[1] ?? /^(\d+)\./.exec(name)?.[1]);
}

/** What belongs to rigs whose owner process is dead. */
export interface StaleRigs {
  pids: number[];
  netns: string[];
  dirs: string[];
}

/**
 * Picks, from what the host holds, the parts of rigs whose owner is dead. Never the current
 * process's own rigs, and never names that carry no owner.
 */
export function staleRigs(
  found: { processes: readonly RigProcess[]; netns: readonly string[]; dirs: readonly string[] },
  ownerAlive: (pid: number) => boolean,
): StaleRigs {
  const dead = (owner: number): boolean =>
    Number.isInteger(owner) && owner !== process.pid && !ownerAlive(owner);
  const ours = (n: string): boolean => n.startsWith(RIG_PREFIX) && dead(ownerOf(n));
  return {
    pids: found.processes.filter((p) => dead(ownerOf(p.run))).map((p) => p.pid),
    netns: found.netns.filter(ours),
    dirs: found.dirs.filter(ours),
  };
}

/**
 * Removes what rigs of dead test processes left. Such a rig is normally shutting down by
 * itself already (its lifeline pipe closed with its owner), so this first waits up to
 * `graceMs` for its processes to end, then kills what is left, then deletes its network
 * namespaces and temp folder. Rigs whose owner still runs are never touched, so test files
 * running in parallel do not disturb each other.
 */
export async function sweepStaleRigs(opts: { graceMs?: number } = {}): Promise<void> {
  const find = async (): Promise<StaleRigs> =>
    staleRigs(
      { processes: listRigProcesses(), netns: await listNetworks(), dirs: readdirSync(tmpdir()) },
      isLive,
    );
  const stalePids = (): number[] =>
    staleRigs({ processes: listRigProcesses(), netns: [], dirs: [] }, isLive).pids;
  if (stalePids().length) {
    await pollUntil(() => stalePids().length === 0, {
      timeoutMs: opts.graceMs ?? 20_000,
      intervalMs: 100,
    });
    for (const pid of stalePids()) signal(pid, 'SIGKILL');
  }
  const stale = await find();
  for (const ns of stale.netns) await deleteNetwork(ns);
  for (const d of stale.dirs) {
    const dir = join(tmpdir(), d);
    if (mountsBelow(dir).length === 0) rmSync(dir, { recursive: true, force: true });
  }
}
