/** Helpers of the OCF agent tests: build an agent, run one action, find what it started. */
import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { buildType, type BuildTypeResult } from '../../generator/index.js';

/** The kit's root: the folder above this file holding package.json (also from dist/test/). */
export const ROOT = ((): string => {
  for (let d = import.meta.dirname; ; d = dirname(d)) {
    if (existsSync(join(d, 'package.json')) && existsSync(join(d, 'native'))) return d;
    if (dirname(d) === d) throw new Error('cannot find the clusterkit root');
  }
})();
export const FIXTURE = join(ROOT, 'test', 'fixtures', 'handlers', 'o-echo.ts');
export const ECHO = join(ROOT, 'examples', 'echo-server', 'src', 'handler.ts');

/** A temp folder that `nobody` can traverse (ocf-tester runs meta-data as nobody). */
export function openTempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(dir, 0o755);
  return dir;
}

/** Builds the OCF agent of `handler` into `outDir` (folders left traversable). */
export async function buildAgent(handler: string, outDir: string): Promise<BuildTypeResult> {
  const result = await buildType({ handler, outDir, target: 'ocf' });
  for (let d = dirname(result.library); d.startsWith(outDir); d = dirname(d)) chmodSync(d, 0o755);
  return result;
}

export interface AgentRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** One action of an agent with Pacemaker's environment: OCF_RESKEY_<name> for `params`. */
export function runAgent(
  agent: string,
  action: string,
  instance: string,
  params: Record<string, string>,
  extra: Record<string, string> = {},
): Promise<AgentRun> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    OCF_ROOT: '/usr/lib/ocf',
    OCF_RESOURCE_INSTANCE: instance,
    OCF_RESKEY_CRM_meta_timeout: '20000',
    OCF_EXIT_REASON_PREFIX: 'ocf-exit-reason:',
    ...Object.fromEntries(Object.entries(params).map(([k, v]) => [`OCF_RESKEY_${k}`, v])),
    ...extra,
  };
  return new Promise((done) => {
    execFile(agent, [action], { env, timeout: 60_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
      done({ code, stdout, stderr });
    });
  });
}

/** The exit reason the agent printed, if any. */
export function exitReason(run: AgentRun): string | undefined {
  return /^ocf-exit-reason:(.*)$/m.exec(run.stderr)?.[1];
}

export interface Proc {
  pid: number;
  state: string;
  cmdline: string;
}

/** Live or zombie processes whose command line contains `needle`. */
export function processesWith(needle: string): Proc[] {
  const out: Proc[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const cmdline = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0').join(' ');
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const state = stat.slice(stat.lastIndexOf(')') + 2)[0];
      if (cmdline.includes(needle) && Number(name) !== process.pid)
        out.push({ pid: Number(name), state, cmdline });
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

/** Live (not zombie) processes whose command line contains `needle`. */
export function liveProcessesWith(needle: string): Proc[] {
  return processesWith(needle).filter((p) => p.state !== 'Z');
}

/** The state letter of a process (Z for a zombie, whose command line is empty), if it exists. */
export function stateOf(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0];
  } catch {
    return undefined;
  }
}

/** The handler hosts of one resource (its socket is named after the instance). */
export function hostsOf(bundle: string, instance: string): Proc[] {
  return liveProcessesWith(bundle).filter((p) => p.cmdline.includes(`/${instance}.sock `));
}

/** The fixture's echo apps listening on `port` (other tests may run apps on other ports). */
export function appsOn(port: number): Proc[] {
  return liveProcessesWith('net.createServer').filter((p) =>
    p.cmdline.trimEnd().endsWith(` ${port}`),
  );
}
