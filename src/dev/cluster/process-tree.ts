import { descendantProcesses, isProcessRunning } from '../harness/processes.js';

/**
 * Kills a process and everything below it with SIGKILL. The tree is frozen first (SIGSTOP,
 * repeated until no new descendant appears), so a process that is spawning a child right now
 * cannot leave an orphan behind; killed parents' children are re-parented and could no longer
 * be found. Handler hosts and their applications sit in their own process groups and sessions,
 * so a group or session kill would miss them.
 */
export function killTree(pid: number): number[] {
  const frozen = new Set<number>();
  for (let round = 0; round < 20; round++) {
    const now = [pid, ...descendantProcesses(pid).map((p) => p.pid)].filter((p) => !frozen.has(p));
    if (now.length === 0) break;
    for (const p of now) {
      frozen.add(p);
      send(p, 'SIGSTOP');
    }
  }
  for (const p of frozen) send(p, 'SIGKILL');
  return [...frozen];
}

function send(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // Already gone.
  }
}

/** Sends a signal to every descendant of `pid` whose command line matches `pred`. */
export function signalDescendants(
  pid: number,
  signal: NodeJS.Signals,
  pred: (argv: string[]) => boolean,
): number[] {
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
