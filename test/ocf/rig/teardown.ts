import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deleteNetwork, listNetworks } from './netns.js';
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

const ownerOf = (name: string): number =>
  Number(/^ckrig-(\d+)[-.]/.exec(name)?.[1] ?? /^(\d+)\./.exec(name)?.[1]);

/**
 * Removes what rigs of dead test processes left (a test process killed with SIGKILL cannot
 * clean up). Rigs whose owner process still runs are never touched, so test files running
 * in parallel do not disturb each other.
 */
export async function sweepStaleRigs(): Promise<void> {
  const dead = (owner: number): boolean =>
    Number.isInteger(owner) && owner !== process.pid && !isLive(owner);
  for (const p of listRigProcesses()) {
    if (dead(ownerOf(p.run))) signal(p.pid, 'SIGKILL');
  }
  for (const ns of await listNetworks()) {
    if (ns.startsWith(RIG_PREFIX) && dead(ownerOf(ns))) await deleteNetwork(ns);
  }
  for (const f of readdirSync(tmpdir())) {
    if (
      f.startsWith(RIG_PREFIX) &&
      dead(ownerOf(f)) &&
      mountsBelow(join(tmpdir(), f)).length === 0
    ) {
      rmSync(join(tmpdir(), f), { recursive: true, force: true });
    }
  }
}
