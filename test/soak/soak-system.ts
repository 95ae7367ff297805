/**
 * What the soak counts on this machine: the processes a run started (every host and
 * application inherits CK_SOAK_RUN=<run id> from this process, so they are found however
 * they were re-parented), this process's open descriptors and its resident memory.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { childProcesses, readProcess, type ProcessInfo } from '../../src/dev/harness/index.js';

export const SOAK_MARK = 'CK_SOAK_RUN';

/** Live processes carrying the run's mark (this process excepted), and this process's zombies. */
export function markedProcesses(runId: string): ProcessInfo[] {
  const mark = `${SOAK_MARK}=${runId}\0`;
  const out: ProcessInfo[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    try {
      if (!readFileSync(`/proc/${name}/environ`, 'latin1').includes(mark)) continue;
    } catch {
      continue; // gone, or not ours
    }
    const info = readProcess(Number(name));
    if (info) out.push(info);
  }
  for (const child of childProcesses()) if (child.state === 'Z') out.push(child);
  return out;
}

export function openFds(): number {
  return readdirSync('/proc/self/fd').length;
}

export function rssMiB(): number {
  const kb = Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1]);
  return kb / 1024;
}

/** Waits (polling /proc, at most timeoutMs) until no marked process is left; returns what is. */
export async function markedAfter(runId: string, timeoutMs: number): Promise<ProcessInfo[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const left = markedProcesses(runId);
    if (left.length === 0 || Date.now() >= deadline) return left;
    await new Promise((r) => setTimeout(r, 50));
  }
}
