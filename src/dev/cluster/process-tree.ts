import { descendantProcesses } from '../harness/processes.js';

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
