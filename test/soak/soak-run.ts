/**
 * The soak (npm run soak; a short run in npm test, test/soak.test.ts): resources of the soak
 * fixture type driven through the real library by the harness, in phases. In each phase a
 * few actors act on idle resources side by side (test/soak/soak-actions.ts) and now and then
 * one fault hits the whole host (soak-faults.ts); at the end of the phase everything is
 * checked and closed (soak-checks.ts), then reopened for the next one. The seed fixes every
 * choice each actor makes (timing still varies from run to run).
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { buildType } from '../../generator/index.js';
import { ResourceMonitor } from '../../src/dev/harness/index.js';
import { act } from './soak-actions.js';
import { checkpoint } from './soak-checks.js';
import { sanitizedLibrary } from './soak-sanitized.js';
import { hostFault } from './soak-faults.js';
import { Gate } from './soak-gate.js';
import { FAULTS, Journal, type Fault } from './soak-journal.js';
import { Random } from './soak-random.js';
import { SOAK_MARK } from './soak-system.js';

/** The kit's root, from test/soak or from its compiled copy in dist/test/soak. */
const ROOT = ((): string => {
  for (let d = import.meta.dirname; ; d = dirname(d)) {
    if (existsSync(join(d, 'package.json')) && existsSync(join(d, 'native'))) return d;
    if (dirname(d) === d) throw new Error('cannot find the clusterkit root');
  }
})();
export const SOAK_HANDLER = join(ROOT, 'test', 'fixtures', 'handlers', 's-soak.ts');

export interface SoakOptions {
  seed: number;
  resources: number;
  /** Actions in all (the run ends after this many, or after `untilMs`). */
  actions: number;
  untilMs?: number;
  actors: number;
  /** Actions between checkpoints. */
  phase: number;
  /** Allowed RSS growth of this process over its first checkpoint (MiB). */
  rssBoundMiB: number;
  /** One host fault per this many actions, on average. */
  faultEvery: number;
  /** Where the type is built (a fresh temporary folder). */
  outDir: string;
  /** A native/ build tree configured with CK_SANITIZE: the library is built against its core. */
  sanitizedCore?: string;
  log?: (line: string) => void;
}

export interface SoakSummary {
  seed: number;
  cycles: number;
  actions: number;
  offlines: number;
  terminates: number;
  faults: Record<Fault, number>;
  checkpoints: number;
  leakedProcesses: number;
  leakedFds: number;
  rssFirstMiB: number;
  rssLastMiB: number;
  rssMaxMiB: number;
  rssBoundMiB: number;
  problems: string[];
  durationMs: number;
}

async function phase(
  j: Journal,
  monitor: ResourceMonitor,
  o: SoakOptions,
  budget: number,
  seeds: Random,
): Promise<number> {
  const gate = new Gate();
  let started = 0;
  const more = () => started < budget && (o.untilMs === undefined || Date.now() < o.untilMs);
  const actor = async (rng: Random) => {
    while (more()) {
      if (rng.int(o.faultEvery) === 0) {
        await gate.withExclusive(() => hostFault(j, monitor, rng));
        continue;
      }
      const t = j.idle((items) => rng.pick(items));
      if (!t) {
        await new Promise((r) => setTimeout(r, 5));
        continue;
      }
      started++;
      t.busy = true;
      try {
        await gate.withShared(() => act(j, t, rng));
      } catch (err) {
        j.problem(`${t.name}: ${(err as Error).message}`);
      } finally {
        t.busy = false;
      }
    }
  };
  await Promise.all(Array.from({ length: o.actors }, () => actor(new Random(seeds.int(2 ** 32)))));
  return started;
}

export async function runSoak(o: SoakOptions): Promise<SoakSummary> {
  const began = Date.now();
  const log = o.log ?? (() => {});
  const runId = `${process.pid}-${o.seed}`;
  const built = await buildType({ handler: SOAK_HANDLER, outDir: o.outDir });
  const { library, bundle } = o.sanitizedCore
    ? sanitizedLibrary(ROOT, built, o.outDir, o.sanitizedCore)
    : built;
  // Set after the build (its bundler service is ours, not the library's): every host and
  // application the library starts from now on inherits it. A preloaded sanitizer runtime
  // is this process's alone.
  process.env[SOAK_MARK] = runId;
  delete process.env.LD_PRELOAD;
  const monitor = await ResourceMonitor.load({
    library,
    type: built.typeName,
    schema: built.schema,
    bundle,
    timing: { looksAlive: 100, isAlive: 300 },
  });
  const j = new Journal();
  const seeds = new Random(o.seed);
  let baseline: { fds: number; rssMiB: number } | undefined;
  let rssMax = 0;
  let rssLast = 0;
  let checkpoints = 0;
  const leaks = { processes: 0, fds: 0 };
  try {
    for (let done = 0; done < o.actions && (o.untilMs === undefined || Date.now() < o.untilMs);) {
      await open(j, monitor, o.resources);
      done += Math.max(1, await phase(j, monitor, o, Math.min(o.phase, o.actions - done), seeds));
      const c = await checkpoint(j, runId, baseline, o.rssBoundMiB);
      checkpoints++;
      leaks.processes += c.processes;
      leaks.fds = Math.max(leaks.fds, c.fds);
      baseline ??= { fds: c.fdCount, rssMiB: c.rssMiB };
      rssMax = Math.max(rssMax, c.rssMiB);
      rssLast = c.rssMiB;
      log(
        `checkpoint ${checkpoints}: ${j.onlines} cycles, ${Object.values(j.faults).reduce((a, b) => a + b, 0)} faults, ` +
          `${c.processes} processes and ${c.fds} descriptors left, RSS ${c.rssMiB.toFixed(1)} MiB, ${j.problems.length} problems`,
      );
    }
  } finally {
    await monitor.close();
  }
  return {
    seed: o.seed,
    cycles: j.onlines,
    actions: j.onlines + j.offlines + j.terminates + j.actions,
    offlines: j.offlines,
    terminates: j.terminates,
    faults: j.faults,
    checkpoints,
    leakedProcesses: leaks.processes,
    leakedFds: leaks.fds,
    rssFirstMiB: baseline?.rssMiB ?? 0,
    rssLastMiB: rssLast,
    rssMaxMiB: rssMax,
    rssBoundMiB: o.rssBoundMiB,
    problems: j.problems,
    durationMs: Date.now() - began,
  };
}

/** Opens (again) every resource of the run; their stored properties stay in the database. */
async function open(j: Journal, monitor: ResourceMonitor, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const name = `Soak${i}`;
    const res = await monitor.createResource(name);
    const t = j.tracked[i];
    if (t) t.res = res;
    else j.tracked.push({ name, res, generation: 0, delay: 0, pids: new Set(), busy: false });
  }
}

/** The one line npm run soak prints last. */
export function summaryLine(s: SoakSummary): string {
  const faults = FAULTS.map((f) => `${f} ${s.faults[f]}`).join(', ');
  return (
    `soak seed ${s.seed}: ${s.cycles} online cycles (${s.actions} actions, ${s.offlines} offline, ` +
    `${s.terminates} terminate) in ${(s.durationMs / 1000).toFixed(0)} s, ${s.checkpoints} checkpoints; ` +
    `faults: ${faults}; leaked processes ${s.leakedProcesses}, leaked descriptors ${s.leakedFds}, ` +
    `RSS ${s.rssFirstMiB.toFixed(1)} -> ${s.rssLastMiB.toFixed(1)} MiB (max ${s.rssMaxMiB.toFixed(1)}, ` +
    `bound +${s.rssBoundMiB}); problems ${s.problems.length}`
  );
}
