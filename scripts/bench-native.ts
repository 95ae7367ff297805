/*
 * The C bench drivers of npm run bench (native/bench), built and run: the timing is theirs
 * (no JS in any timed path); this file only builds them, runs them and reads their JSON line.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface Latency {
  p50: number;
  p99: number;
  max: number;
}

/** ck_pingpong: the bare pipe round trip between two processes (the limit). */
export interface PingPong {
  rate: number;
  busy: number;
  roundTripUs: Latency;
  cpuPerCallUs: number;
  loadavg: number;
}

/** ck_rtbench: one resource, back-to-back health calls. */
export interface RoundTrip {
  busy: number;
  looksAliveUs: Latency & { cpuUs: number; hostCpuUs: number };
  isAliveUs: Latency & { cpuUs: number; hostCpuUs: number };
  onlineColdMs: number;
  onlineWarmMs: number;
  failedCalls: number;
  loadavg: number;
}

/** ck_loadbench: many resources polled by many threads. */
export interface Load {
  instances: number;
  threads: number;
  looksAliveMs: number;
  isAliveMs: number;
  seconds: number;
  onlineAllMs: number;
  longestPendingGapMs: number;
  wantedPerS: number;
  madePerS: number;
  latencyUs: Latency;
  failed: number;
  missed: number;
  cpuPctOfCore: number;
  libraryCpuPctOfCore: number;
  hostCpuPctOfCore: number;
  driverCpuPctOfCore: number;
  cpuPerCallUs: number;
  hostRssKiB: number;
  loadavg: number;
}

export interface NativeBench {
  dir: string;
  pureC: string;
}

export function buildNativeBench(root: string): NativeBench {
  const dir = path.join(root, 'build', 'native-bench');
  const run = (args: string[]) =>
    execFileSync('cmake', args, { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  run(['-S', 'native', '-B', dir, '-DCK_BUILD_TESTS=ON', '-DCMAKE_BUILD_TYPE=Release']);
  run([
    '--build',
    dir,
    '-j2',
    '--target',
    'ck_rtbench',
    'ck_loadbench',
    'ck_pingpong',
    'ck_pure_c',
  ]);
  const pureC = [path.join(dir, 'libckpurec.so'), path.join(dir, 'lib', 'libckpurec.so')].find(
    (p) => fs.existsSync(p),
  );
  if (!pureC) throw new Error(`bench: libckpurec.so was not built in ${dir}`);
  return { dir, pureC };
}

/** Runs one driver and returns the JSON line it printed last. */
function runDriver<T>(bench: NativeBench, name: string, args: string[]): T {
  let out: string;
  try {
    out = execFileSync(path.join(bench.dir, name), args, { encoding: 'utf8', timeout: 600_000 });
  } catch (err) {
    // loadbench exits 1 when a call failed or missed its deadline: its figures still count.
    const e = err as { stdout?: string; message: string };
    if (!e.stdout) throw new Error(`bench: ${name} failed: ${e.message}`);
    out = e.stdout;
  }
  const line = out
    .trim()
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .pop();
  if (!line) throw new Error(`bench: ${name} printed no JSON line:\n${out}`);
  return JSON.parse(line) as T;
}

export function pingPong(bench: NativeBench, options: { rate?: number; busy?: number } = {}) {
  // Paced: about 4 s of round trips at that rate (at least 1000).
  const paced = options.rate ? Math.max(1000, Math.min(40000, Math.round(options.rate * 4))) : 0;
  const args = ['--iterations', String(paced || 20000)];
  if (options.rate) args.push('--rate', String(options.rate));
  if (options.busy) args.push('--busy', String(options.busy));
  return runDriver<PingPong>(bench, 'ck_pingpong', args);
}

export function roundTrip(
  bench: NativeBench,
  library: string,
  type: string,
  options: { iterations: number; busy?: number },
) {
  const args = ['--iterations', String(options.iterations), '--warmup', '500'];
  if (options.busy) args.push('--busy', String(options.busy));
  return runDriver<RoundTrip>(bench, 'ck_rtbench', [...args, library, type]);
}

export function load(
  bench: NativeBench,
  library: string,
  type: string,
  options: { instances: number; looksAliveMs: number; isAliveMs: number; seconds: number },
) {
  const args = [
    '--instances',
    String(options.instances),
    '--looks-alive',
    String(options.looksAliveMs),
    '--is-alive',
    String(options.isAliveMs),
    '--seconds',
    String(options.seconds),
  ];
  return runDriver<Load>(bench, 'ck_loadbench', [...args, library, type]);
}
