/*
 * npm run bench: the figures README publishes, measured on this machine in one run.
 *  1. LooksAlive/IsAlive round trip library → host → handler (C driver, ≥10k calls), next to a
 *     pure-C fixture library answering the same calls (the ratio is the figure to watch).
 *  2. Online latency with a cold host (first start) and a warm host.
 *  3. Handler-host RSS idle (one instance) and with 100 instances online.
 *  4. The same health calls made through the harness (koffi .async), for reference.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildType } from '../generator/index.js';
import { ResourceMonitor } from '../src/dev/harness/index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const iterations = Number(process.env.CK_BENCH_ITERATIONS ?? 10000);

interface RtResult {
  looksAliveUs: { p50: number; p99: number; max: number };
  isAliveUs: { p50: number; p99: number; max: number };
  failedCalls: number;
  onlineColdMs?: number;
  onlineWarmMs?: number;
}

function buildNativeBench(): { rtbench: string; pureC: string } {
  const dir = path.join(root, 'build', 'native-bench');
  const run = (args: string[]) =>
    execFileSync('cmake', args, { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  run(['-S', 'native', '-B', dir, '-DCK_BUILD_TESTS=ON', '-DCMAKE_BUILD_TYPE=Release']);
  run(['--build', dir, '-j2', '--target', 'ck_rtbench', 'ck_pure_c']);
  const find = (name: string): string => {
    const hit = [path.join(dir, name), path.join(dir, 'lib', name)].find((p) => fs.existsSync(p));
    if (!hit) throw new Error(`bench: ${name} was not built in ${dir}`);
    return hit;
  };
  return { rtbench: find('ck_rtbench'), pureC: find('libckpurec.so') };
}

function rtbench(bin: string, library: string, type: string): RtResult {
  const out = execFileSync(
    bin,
    ['--iterations', String(iterations), '--warmup', '500', library, type],
    {
      encoding: 'utf8',
      timeout: 300_000,
    },
  );
  const line = out
    .trim()
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .pop();
  if (!line) throw new Error(`bench: ck_rtbench printed no JSON line:\n${out}`);
  return JSON.parse(line) as RtResult;
}

function rssMiB(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
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
    const others = [];
    for (let i = 1; i < 100; i++) others.push(await monitor.createResource(`Bench${i}`, {}));
    await Promise.all(others.map((r) => r.online()));
    await new Promise((r) => setTimeout(r, 2000));
    const loaded = rssMiB(host.pid);
    return {
      idleMiB: idle,
      hundredMiB: loaded,
      harnessLooksAlive: { p50: percentile(times, 50), p99: percentile(times, 99) },
    };
  } finally {
    await monitor.close();
  }
}

async function main(): Promise<void> {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'ck-bench-'));
  const noop = await buildType({ handler: path.join(root, 'bench', 'bench-noop.ts'), outDir: out });
  const { rtbench: bin, pureC } = buildNativeBench();
  const viaHost = rtbench(bin, noop.library, 'BenchNoop');
  const pure = rtbench(bin, pureC, 'PureC');
  if (viaHost.failedCalls > 0)
    throw new Error(`bench: ${viaHost.failedCalls} health calls answered FALSE`);
  const h = await harnessFigures(noop.library, noop.bundle, noop.schema);
  fs.rmSync(out, { recursive: true, force: true });

  const f = (n: number | undefined, d = 1) => (n === undefined ? 'n/a' : n.toFixed(d));
  console.log(
    `clusterkit bench — ${os.cpus().length} cores, node ${process.version}, ${iterations} calls per figure`,
  );
  console.log('');
  console.log('| figure | library → host → handler | pure-C library | ratio |');
  console.log('|---|---|---|---|');
  for (const k of ['looksAliveUs', 'isAliveUs'] as const) {
    for (const p of ['p50', 'p99'] as const) {
      const a = viaHost[k][p];
      const b = pure[k][p];
      console.log(
        `| ${k === 'looksAliveUs' ? 'LooksAlive' : 'IsAlive'} ${p} (µs) | ${f(a)} | ${f(b, 3)} | ${b > 0 ? Math.round(a / b) + '×' : 'n/a'} |`,
      );
    }
  }
  console.log(
    `| Online, cold host (ms) | ${f(viaHost.onlineColdMs)} | ${f(pure.onlineColdMs, 3)} | |`,
  );
  console.log(
    `| Online, warm host (ms) | ${f(viaHost.onlineWarmMs)} | ${f(pure.onlineWarmMs, 3)} | |`,
  );
  console.log(`| host RSS, 1 instance idle (MiB) | ${f(h.idleMiB)} | | |`);
  console.log(`| host RSS, 100 instances online (MiB) | ${f(h.hundredMiB)} | | |`);
  console.log(
    `| LooksAlive via harness (koffi .async) p50 / p99 (µs) | ${f(h.harnessLooksAlive.p50)} / ${f(h.harnessLooksAlive.p99)} | | |`,
  );
  console.log('');
  console.log(JSON.stringify({ iterations, viaHost, pureC: pure, host: h }));
}

main().then(
  () => process.exit(0),
  (err: Error) => {
    console.error(`bench failed: ${err.stack ?? err.message}`);
    process.exit(1);
  },
);
