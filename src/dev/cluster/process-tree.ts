import { descendantProcesses, readProcess } from '../harness/processes.js';

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

/**
 * Waits until every pid is gone from the process table, zombies included: a killed process
 * stays a zombie until its parent (here: init, once its own parent died too) reaps it, and
 * a zombie still answers kill(pid, 0) - an application that checks its old pid file (a
 * PostgreSQL postmaster.pid) would take it for alive. Resolves with the pids still there
 * after `ms` (none, normally).
 */
export async function waitReaped(pids: readonly number[], ms: number): Promise<number[]> {
  const end = Date.now() + ms;
  let left = pids.filter((p) => readProcess(p) !== undefined);
  while (left.length > 0 && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 10));
    left = left.filter((p) => readProcess(p) !== undefined);
  }
  return left;
}
