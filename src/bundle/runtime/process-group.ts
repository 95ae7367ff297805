/**
 * Process groups of managed processes (POSIX; on Windows the host's job object holds the
 * tree and a "group" is the process itself): signal, watch until gone, stop, kill.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Sends a signal to a process group; false when the group no longer exists. */
export function signalGroup(pgid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    // Windows has no process groups: the host's job object holds the whole tree, and
    // here the managed process itself is signalled (libuv ends it with TerminateProcess).
    process.kill(process.platform === 'win32' ? pgid : -pgid, signal);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Sends a signal to one process (0: only checks); false when it no longer exists. */
export function signalProcess(pid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(pid, signal);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The state letter of /proc/<path>/stat (R, S, Z, ...), or undefined when it is gone. */
function statState(path: string): string | undefined {
  try {
    const stat = readFileSync(`${path}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
  } catch {
    return undefined;
  }
}

/**
 * Whether a process whose main thread shows `state` still runs (Linux). A multi-threaded
 * process (Node.js, Java) shows its main thread as a zombie while its other threads are
 * still exiting and still hold its files, such as a listening socket: it has ended only
 * once every thread has.
 */
export function processLiving(pid: number, state: string): boolean {
  if (state !== 'Z') return state !== 'X';
  try {
    return readdirSync(`/proc/${pid}/task`).some((tid) => {
      const s = statState(`/proc/${pid}/task/${tid}`);
      return s !== undefined && s !== 'Z' && s !== 'X';
    });
  } catch {
    return false;
  }
}

/**
 * True while the group has a member that still runs. A killed grandchild stays a zombie
 * until init reaps it (slowly in some containers); once all its threads ended it is dead.
 */
export function groupAlive(pgid: number): boolean {
  if (!signalGroup(pgid, 0)) return false;
  if (process.platform !== 'linux') return true;
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return true;
  }
  return pids.some((pid) => {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // Fields after "comm)": state ppid pgrp ...
      const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return Number(pgrp) === pgid && processLiving(Number(pid), state);
    } catch {
      return false; // exited while we looked
    }
  });
}

/**
 * Waits until the group is gone or `ms` elapsed; true when gone. Each look scans /proc
 * synchronously, so the looks space out from 25 ms to 200 ms: a long grace period does not
 * hold up the host's other resources every 25 ms.
 */
export async function waitGroupGone(pgid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  let pause = 25;
  while (groupAlive(pgid)) {
    const left = deadline - Date.now();
    if (left <= 0) return false;
    await new Promise((r) => setTimeout(r, Math.min(pause, left)));
    pause = Math.min(pause * 2, 200);
  }
  return true;
}

/**
 * `signal` to the group (or to its leader alone), SIGKILL to the group once `graceMs` passed
 * with a member left, then waits (bounded) until the group is gone.
 */
export async function stopGroup(
  pgid: number,
  graceMs: number,
  signal: NodeJS.Signals = 'SIGTERM',
  leaderOnly = false,
): Promise<boolean> {
  if (!groupAlive(pgid)) return true;
  if (leaderOnly) signalProcess(pgid, signal);
  else if (!signalGroup(pgid, signal)) return true;
  if (await waitGroupGone(pgid, graceMs)) return true;
  return killGroup(pgid, 2000);
}

/** SIGKILL to the group, then waits (bounded) until it is gone. */
export async function killGroup(pgid: number, waitMs: number): Promise<boolean> {
  if (!signalGroup(pgid, 'SIGKILL')) return true;
  return waitGroupGone(pgid, waitMs);
}
