/**
 * Times an OCF agent's `monitor` called directly, the way pacemaker-execd calls it (one
 * process per call, inputs in the environment), so a generated agent can be compared with
 * a stock one. A small C driver (agent-bench.c, built on first use with `cc`) does the
 * spawning; the spawn floor (/bin/true through the same driver) is measured alongside.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, renameSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { RigError } from './errors.js';
import { rigFile } from './paths.js';

export interface AgentBenchOptions {
  /** Path of the agent, or `ocf:<provider>:<type>` below `ocfRoot`. */
  agent: string;
  /** Instance parameters, passed as OCF_RESKEY_<name>. */
  params?: Record<string, string>;
  /** OCF_RESOURCE_INSTANCE; default `bench`. */
  instance?: string;
  /** OCF_RESKEY_CRM_meta_interval in ms (0 = probe); default 10000. */
  intervalMs?: number;
  /** OCF_RESKEY_CRM_meta_timeout in ms; default 20000. */
  timeoutMs?: number;
  /** Timed calls; default 500. */
  iterations?: number;
  /** Untimed calls first; default 20. */
  warmup?: number;
  /** OCF_CHECK_LEVEL of the monitor calls (0, 10, 20); absent by default. */
  checkLevel?: number;
  /** Call `start` before and `stop` after, so monitor sees a running resource; default true. */
  running?: boolean;
  /** Default /usr/lib/ocf. */
  ocfRoot?: string;
  /** Where the C driver is built; default <repo>/build/ocf-bench. */
  buildDir?: string;
}

export interface LatencyUs {
  p50: number;
  p99: number;
  max: number;
}

export interface AgentBenchResult {
  agent: string;
  iterations: number;
  monitorUs: LatencyUs;
  /** /bin/true through the same driver: the part of every figure that is not the agent. */
  spawnFloorUs: LatencyUs;
  /** How often each exit code came back. */
  rc: Record<number, number>;
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)];
}

function builtDriver(buildDir: string): string {
  const source = rigFile('agent-bench.c');
  const bin = join(buildDir, 'agent-bench');
  const built = statSync(bin, { throwIfNoEntry: false });
  if (!built || built.mtimeMs < statSync(source).mtimeMs) {
    mkdirSync(buildDir, { recursive: true });
    // Built under a private name and renamed, so a parallel run never executes half a file.
    const tmp = `${bin}.${process.pid}.tmp`;
    execFileSync('cc', ['-O2', '-Wall', '-Werror', '-o', tmp, source], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    renameSync(tmp, bin);
  }
  return bin;
}

function drive(
  bin: string,
  path: string,
  action: string,
  n: number,
  warmup: number,
  env: NodeJS.ProcessEnv,
) {
  const r = spawnSync(bin, [String(n), String(warmup), path, action], {
    env,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  if (r.status !== 0)
    throw new RigError('RIG_COMMAND_FAILED', `agent-bench failed: ${r.stderr || r.error?.message}`);
  const times: number[] = [];
  const rc: Record<number, number> = {};
  for (const line of r.stdout.trim().split('\n')) {
    const m = /^rc (-?\d+) (\d+)$/.exec(line);
    if (m) rc[Number(m[1])] = Number(m[2]);
    else times.push(Number(line));
  }
  times.sort((a, b) => a - b);
  return {
    us: { p50: percentile(times, 0.5), p99: percentile(times, 0.99), max: times[times.length - 1] },
    rc,
  };
}

/** Runs the agent's monitor `iterations` times and reports per-call latency. */
export function benchAgentMonitor(opts: AgentBenchOptions): AgentBenchResult {
  const ocfRoot = opts.ocfRoot ?? '/usr/lib/ocf';
  const m = /^ocf:([\w.-]+):([\w.-]+)$/.exec(opts.agent);
  const path = m ? join(ocfRoot, 'resource.d', m[1], m[2]) : resolve(opts.agent);
  const env: NodeJS.ProcessEnv = {
    PATH: '/usr/sbin:/usr/bin:/sbin:/bin',
    OCF_ROOT: ocfRoot,
    OCF_RA_VERSION_MAJOR: '1',
    OCF_RA_VERSION_MINOR: '1',
    OCF_RESOURCE_INSTANCE: opts.instance ?? 'bench',
    OCF_RESKEY_CRM_meta_interval: String(opts.intervalMs ?? 10_000),
    OCF_RESKEY_CRM_meta_timeout: String(opts.timeoutMs ?? 20_000),
    OCF_EXIT_REASON_PREFIX: 'ocf-exit-reason:',
  };
  if (m) Object.assign(env, { OCF_RESOURCE_PROVIDER: m[1], OCF_RESOURCE_TYPE: m[2] });
  if (opts.checkLevel !== undefined) env.OCF_CHECK_LEVEL = String(opts.checkLevel);
  for (const [k, v] of Object.entries(opts.params ?? {})) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(k)) {
      throw new RigError(
        'RIG_BAD_INPUT',
        `parameter name ${JSON.stringify(k)} is not an environment name`,
      );
    }
    env[`OCF_RESKEY_${k}`] = v;
  }
  const root = dirname(dirname(dirname(dirname(rigFile('agent-bench.c')))));
  const bin = builtDriver(opts.buildDir ?? join(root, 'build', 'ocf-bench'));
  const running = opts.running ?? true;
  const once = (action: string): void => {
    const r = spawnSync(path, [action], { env, encoding: 'utf8' });
    if (r.status !== 0)
      throw new RigError(
        'RIG_COMMAND_FAILED',
        `${path} ${action} exited with ${r.status}: ${r.stderr}`,
      );
  };
  if (running) once('start');
  try {
    const n = opts.iterations ?? 500;
    const warmup = opts.warmup ?? 20;
    const mon = drive(bin, path, 'monitor', n, warmup, env);
    const floor = drive(bin, '/bin/true', 'monitor', n, warmup, env);
    return {
      agent: opts.agent,
      iterations: n,
      monitorUs: mon.us,
      spawnFloorUs: floor.us,
      rc: mon.rc,
    };
  } finally {
    if (running) once('stop');
  }
}
