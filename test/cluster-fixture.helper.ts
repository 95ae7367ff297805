import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildType, type BuildTypeResult } from '../generator/index.js';
import { descendantProcesses, isProcessRunning } from '../src/dev/harness/processes.js';
import { LocalCluster, type ClusterOptions } from '../src/dev/cluster/index.js';
import type { StampedEvent } from '../src/dev/cluster/events.js';

export async function buildProbe(): Promise<BuildTypeResult> {
  const outDir = mkdtempSync(join(tmpdir(), 'ck-cluster-probe-'));
  return buildType({ handler: resolve('test/fixtures/handlers/v-cluster-probe.ts'), outDir });
}

/** A cluster of the probe type with fast polling; `events` records everything. */
export async function startCluster(built: BuildTypeResult, o: Partial<ClusterOptions> = {}) {
  const cluster = await LocalCluster.start({
    library: built.library,
    type: built.typeName,
    bundle: built.bundle,
    schema: built.schema,
    typePolicy: { looksAlivePollInterval: 200, isAlivePollInterval: 500, deadlockTimeout: 60_000 },
    logFile: join(mkdtempSync(join(tmpdir(), 'ck-cluster-log-')), 'cluster.log'),
    ...o,
  });
  const events: StampedEvent[] = [];
  cluster.events.on('event', (e: StampedEvent) => events.push(e));
  return { cluster, events, controlDir: mkdtempSync(join(tmpdir(), 'ck-control-')) };
}

/** Waits until `pred` holds (polling), failing with `what` after `ms`. */
export async function until(
  pred: () => boolean | Promise<boolean>,
  what: string,
  ms = 30_000,
): Promise<void> {
  const end = Date.now() + ms;
  while (!(await pred())) {
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Every process this test process started (monitors, hosts, applications) that is still running. */
export function leftovers(): number[] {
  return descendantProcesses(process.pid)
    .filter((p) => isProcessRunning(p.pid) && !p.argv.some((a) => a.includes('esbuild')))
    .map((p) => p.pid);
}
