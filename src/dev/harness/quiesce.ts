/*
 * monitor.close()'s shutdown sequence. Callbacks must never be in use when the monitor
 * detaches (a library thread calling into a torn-down JS side aborts the process), so
 * every step waits for a condition, each with a generous bound.
 */
import type { ProcessInfo } from './processes.js';
import type { Resource } from './resource.js';

export interface QuiesceTarget {
  resources: Resource[];
  idle(): Promise<void>;
  hosts(): ProcessInfo[];
  lastCallbackAt(): number;
}

const HOST_EXIT_BOUND_MS = 15000;
const QUIET_MS = 150;
const QUIET_BOUND_MS = 5000;

export async function quiesce(t: QuiesceTarget): Promise<void> {
  // 1. Terminate what is not offline, then Close (the library shuts its host down after the last Close).
  await Promise.allSettled(
    t.resources.map(async (res) => {
      if (res.state !== 'Offline') await res.terminate().catch(() => undefined);
      await res.close();
    }),
  );
  // 2. No library call in flight.
  await t.idle();
  // 3. The handler host has exited (its reader threads then stop calling back).
  await waitFor(() => t.hosts().every((p) => p.state === 'Z'), HOST_EXIT_BOUND_MS);
  // 4. No callback for a while: nothing is queued towards the JS thread any more.
  await waitFor(() => performance.now() - t.lastCallbackAt() >= QUIET_MS, QUIET_BOUND_MS);
}

async function waitFor(cond: () => boolean, boundMs: number): Promise<boolean> {
  const end = performance.now() + boundMs;
  while (!cond()) {
    if (performance.now() >= end) return false;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return true;
}
