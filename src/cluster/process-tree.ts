import { descendantProcesses, isProcessRunning } from '../harness/processes.js';

/**
 * Kills a process and everything below it with SIGKILL. The tree is collected before any
 * kill, because a killed parent's children are re-parented and could no longer be found.
 * Handler hosts and the applications they start sit in their own process groups, so a
 * process-group kill of the monitor would miss them.
 */
export function killTree(pid: number): number[] {
  const pids = [pid, ...descendantProcesses(pid).map((p) => p.pid)];
  for (const p of pids) {
    try {
      process.kill(p, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  return pids;
}

/** Sends a signal to every descendant of `pid` whose command line matches `pred`. */
export function signalDescendants(pid: number, signal: NodeJS.Signals, pred: (argv: string[]) => boolean): number[] {
  const hit = descendantProcesses(pid).filter((p) => pred(p.argv) && p.state !== 'Z');
  for (const p of hit) {
    try {
      process.kill(p.pid, signal);
    } catch {
      // Gone in between.
    }
  }
  return hit.map((p) => p.pid);
}

/** Resolves when none of `pids` is running any more, or after `timeoutMs` (returns the survivors). */
export async function waitGone(pids: number[], timeoutMs: number): Promise<number[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const alive = pids.filter(isProcessRunning);
    if (alive.length === 0 || Date.now() >= deadline) return alive;
    await new Promise((r) => setTimeout(r, 25));
  }
}
