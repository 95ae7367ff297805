/*
 * npm run bench: the figures README publishes, measured on this machine in one run, each
 * next to the physical limit measured in the same run (native/bench/ck_pingpong: a bare
 * pipe round trip between two processes, same frame sizes).
 *  1. LooksAlive/IsAlive round trip library → host → handler (C driver, back to back), CPU
 *     per call of library + host, next to the limit and to a pure-C library.
 *  2. The same with both cores busy (two spinning processes at normal priority).
 *  3. 1000 resources Online at once on a cold host, then polled (LooksAlive every 100 ms,
 *     IsAlive every 1 s, one caller thread per 16 resources): calls made, deadlines, CPU of
 *     library + host next to the bare pipe paced at the same rate, host RSS per resource.
 *  4. The other polling rates of issue 13's table.
 *  5. Handler-host RSS idle and the same health call through the harness (koffi .async).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildType } from '../generator/index.js';
import { ResourceMonitor } from '../src/dev/harness/index.js';
import {
  buildNativeBench,
  load,
  pingPong,
  roundTrip,
  type Load,
  type PingPong,
} from './bench-native.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const iterations = Number(process.env.CK_BENCH_ITERATIONS ?? 10000);
const loadSeconds = Number(process.env.CK_BENCH_LOAD_SECONDS ?? 10);
/** RHS's default PendingTimeout (docs/resource-api.md): 3 minutes between status reports. */
const PENDING_TIMEOUT_MS = 180_000;

function rssMiB(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function loadavg(): string {
  return os.loadavg()[0].toFixed(2);
}

async function harnessFigures(library: string, bundle: string, schema: unknown) {
  const monitor = await ResourceMonitor.load({
    library,
    type: 'BenchNoop',
    bundle,
    schema,
    timing: { looksAlive: 3_600_000, isAlive: 3_600_000 },
  });
  try {
    const first = await monitor.createResource('Bench0', {});
    await first.online();
    await new Promise((r) => setTimeout(r, 2000));
    const [host] = monitor.hostProcesses();
    const idle = rssMiB(host.pid);
    const times: number[] = [];
    for (let i = 0; i < 2000; i++) {
      const t0 = process.hrtime.bigint();
      await first.looksAlive();
      times.push(Number(process.hrtime.bigint() - t0) / 1000);
    }
    times.sort((a, b) => a - b);
    return {
      idleMiB: idle,
      harnessLooksAlive: { p50: percentile(times, 50), p99: percentile(times, 99) },
    };
  } finally {
    await monitor.close();
  }
}

const f = (n: number | undefined, d = 1) => (n === undefined ? 'n/a' : n.toFixed(d));
const pct = (n: number) => `${n.toFixed(1)} %`;

function loadRow(label: string, l: Load, paced: PingPong): string {
  return (
    `| ${label} | ${Math.round(l.wantedPerS)} → ${Math.round(l.madePerS)} | ${l.failed} / ${l.missed} ` +
    `| ${pct(l.cpuPctOfCore)} (library ${pct(l.libraryCpuPctOfCore)}, host ${pct(l.hostCpuPctOfCore)}) ` +
    `| ${f(l.cpuPerCallUs)} (${f(paced.cpuPerCallUs)}) | ${f(l.latencyUs.p50, 0)} / ${f(l.latencyUs.p99, 0)} | ${f(l.hostRssKiB / 1024)} |`
  );
}

async function main(): Promise<void> {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'ck-bench-'));
  const noop = await buildType({ handler: path.join(root, 'bench', 'bench-noop.ts'), outDir: out });
  const bench = buildNativeBench(root);
  const lib = noop.library;
  const opts = { iterations };

  // 1. Round trip, idle (as idle as the machine is: the load average is printed).
  const idleLoad = loadavg();
  const limit = pingPong(bench);
  const viaHost = roundTrip(bench, lib, 'BenchNoop', opts);
  const pure = roundTrip(bench, bench.pureC, 'PureC', opts);
  if (viaHost.failedCalls > 0)
    throw new Error(`bench: ${viaHost.failedCalls} health calls answered FALSE`);
  // 2. Both cores busy.
  const busyLimit = pingPong(bench, { busy: 2 });
  const busy = roundTrip(bench, lib, 'BenchNoop', { iterations, busy: 2 });
  // 3. and 4. Many resources.
  const many = load(bench, lib, 'BenchNoop', {
    instances: 1000,
    looksAliveMs: 100,
    isAliveMs: 1000,
    seconds: loadSeconds,
  });
  const pacedLimit = pingPong(bench, { rate: Math.round(many.wantedPerS) });
  const others = [
    { instances: 100, looksAliveMs: 100, isAliveMs: 1000 },
    { instances: 1000, looksAliveMs: 5000, isAliveMs: 60000 },
    { instances: 1000, looksAliveMs: 1000, isAliveMs: 10000 },
  ].map((o) => {
    const l = load(bench, lib, 'BenchNoop', { ...o, seconds: loadSeconds });
    return { o, l, paced: pingPong(bench, { rate: Math.round(l.wantedPerS) }) };
  });
  // 5. The harness.
  const h = await harnessFigures(lib, noop.bundle, noop.schema);
  fs.rmSync(out, { recursive: true, force: true });
  const perInstanceKiB = (many.hostRssKiB - h.idleMiB * 1024) / (many.instances - 1);

  console.log(
    `clusterkit bench — ${os.cpus().length} cores, node ${process.version}, ${iterations} calls per round-trip figure, ` +
      `${loadSeconds} s per polling figure; load average ${idleLoad} at the start, ${loadavg()} at the end`,
  );
  console.log('');
  console.log(
    '| figure | library → host → handler | limit: bare pipe ping-pong | pure-C library |',
  );
  console.log('|---|---|---|---|');
  const la = viaHost.looksAliveUs;
  const ia = viaHost.isAliveUs;
  console.log(
    `| LooksAlive p50 / p99 (µs) | ${f(la.p50)} / ${f(la.p99)} | ${f(limit.roundTripUs.p50)} / ${f(limit.roundTripUs.p99)} | ${f(pure.looksAliveUs.p50, 3)} / ${f(pure.looksAliveUs.p99, 3)} |`,
  );
  console.log(
    `| IsAlive p50 / p99 (µs) | ${f(ia.p50)} / ${f(ia.p99)} | | ${f(pure.isAliveUs.p50, 3)} / ${f(pure.isAliveUs.p99, 3)} |`,
  );
  console.log(
    `| CPU per LooksAlive, library + host (µs) | ${f(la.cpuUs)} (host ${f(la.hostCpuUs)}) | ${f(limit.cpuPerCallUs)} | |`,
  );
  console.log(
    `| LooksAlive with both cores busy, p50 / p99 (µs) | ${f(busy.looksAliveUs.p50)} / ${f(busy.looksAliveUs.p99)} | ${f(busyLimit.roundTripUs.p50)} / ${f(busyLimit.roundTripUs.p99)} | |`,
  );
  console.log(
    `| Online, cold host / warm host (ms) | ${f(viaHost.onlineColdMs)} / ${f(viaHost.onlineWarmMs, 2)} | | |`,
  );
  console.log(
    `| LooksAlive via harness (koffi .async) p50 / p99 (µs) | ${f(h.harnessLooksAlive.p50)} / ${f(h.harnessLooksAlive.p99)} | | |`,
  );
  console.log('');
  console.log(
    `1000 resources, ${many.threads} caller threads, LooksAlive every 100 ms and IsAlive every 1 s (load average ${f(many.loadavg, 2)}):`,
  );
  console.log('');
  console.log('| figure | library → host → handler | limit: bare pipe paced at the same rate |');
  console.log('|---|---|---|');
  console.log(
    `| calls/s wanted → made | ${Math.round(many.wantedPerS)} → ${Math.round(many.madePerS)} | |`,
  );
  console.log(`| calls answered FALSE / past their deadline | ${many.failed} / ${many.missed} | |`);
  console.log(
    `| CPU, % of one core | ${pct(many.cpuPctOfCore)} (library ${pct(many.libraryCpuPctOfCore)}, host ${pct(many.hostCpuPctOfCore)}) | ${pct((pacedLimit.cpuPerCallUs * many.wantedPerS) / 1e4)} |`,
  );
  console.log(`| CPU per call (µs) | ${f(many.cpuPerCallUs)} | ${f(pacedLimit.cpuPerCallUs)} |`);
  console.log(
    `| latency p50 / p99 (µs) | ${f(many.latencyUs.p50, 0)} / ${f(many.latencyUs.p99, 0)} | ${f(pacedLimit.roundTripUs.p50, 0)} / ${f(pacedLimit.roundTripUs.p99, 0)} |`,
  );
  console.log(
    `| the driver's own timers (RHS's share, not counted above) | ${pct(many.driverCpuPctOfCore)} | |`,
  );
  console.log(
    `| host RSS: 1 resource idle / 1000 online (MiB); per resource (KiB) | ${f(h.idleMiB)} / ${f(many.hostRssKiB / 1024)}; ${f(perInstanceKiB, 0)} | |`,
  );
  console.log(
    `| Online of 1000 at once, cold host (ms); longest gap between status reports (ms, PendingTimeout ${PENDING_TIMEOUT_MS}) | ${f(many.onlineAllMs, 0)}; ${f(many.longestPendingGapMs, 0)} | |`,
  );
  console.log('');
  console.log(
    '| instances, LooksAlive / IsAlive period | calls/s wanted → made | FALSE / late | CPU, % of one core | µs per call (bare pipe paced at that rate) | p50 / p99 (µs) | host RSS (MiB) |',
  );
  console.log('|---|---|---|---|---|---|---|');
  for (const { o, l, paced } of others)
    console.log(loadRow(`${o.instances}, ${o.looksAliveMs} ms / ${o.isAliveMs} ms`, l, paced));
  console.log(loadRow('1000, 100 ms / 1000 ms', many, pacedLimit));
  console.log('');
  console.log(
    JSON.stringify({
      iterations,
      limit,
      viaHost,
      pureC: pure,
      busyLimit,
      busy,
      many,
      pacedLimit,
      others,
      host: h,
    }),
  );
}

main().then(
  () => process.exit(0),
  (err: Error) => {
    console.error(`bench failed: ${err.stack ?? err.message}`);
    process.exit(1);
  },
);
