import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { RigError } from './errors.js';
import { runArgv, type RunOptions, type RunResult } from './exec.js';
import type { NodeDirs } from './node-dirs.js';
import {
  childrenOf,
  cmdlineOf,
  isLive,
  namespaceMembers,
  pidNamespace,
  RIG_MARKER,
  signal,
  type ProcInfo,
} from './procs.js';
import { rigFile } from './paths.js';
import { pollUntil } from './poll.js';

const PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

export interface NodeStartOptions {
  name: string;
  netns: string;
  dirs: NodeDirs;
  run: string;
  agents?: { provider: string; dir: string };
}

/**
 * One cluster node: a PID-1 shell (node-init.sh) in its own mount, PID and UTS namespaces
 * inside its own network namespace, running corosync and pacemakerd.
 */
export class RigNode {
  readonly name: string;
  readonly dirs: NodeDirs;
  /** Host pid of the node's PID 1; every command enters the namespaces through it. */
  initPid = 0;
  private pidNs = '';
  private child: ChildProcess | undefined;
  private exitCode: number | null | undefined;
  private readonly exited: Promise<void>;
  private markExited!: () => void;
  private readonly env: NodeJS.ProcessEnv;

  constructor(private readonly opts: NodeStartOptions) {
    this.name = opts.name;
    this.dirs = opts.dirs;
    this.env = { PATH, LANG: 'C.UTF-8', [RIG_MARKER]: opts.run };
    this.exited = new Promise((resolve) => (this.markExited = resolve));
  }

  /** True from a successful start until the node's PID 1 has exited. */
  get running(): boolean {
    return this.child !== undefined && this.exitCode === undefined;
  }

  /** Starts the node and resolves once pacemakerd runs (corosync answered first). */
  async start(timeoutMs = 20_000): Promise<void> {
    const env: NodeJS.ProcessEnv = {
      ...this.env,
      RIG_NODE_DIR: this.dirs.root,
      RIG_NODE_NAME: this.name,
    };
    if (this.opts.agents) {
      env.RIG_AGENT_PROVIDER = this.opts.agents.provider;
      env.RIG_AGENT_DIR = this.opts.agents.dir;
    }
    const args = [
      'netns',
      'exec',
      this.opts.netns,
      'unshare',
      '--mount',
      '--pid',
      '--uts',
      '--fork',
      '--mount-proc',
      'sh',
      rigFile('node-init.sh'),
    ];
    const child = spawn('ip', args, { cwd: '/', env, stdio: ['pipe', 'pipe', 'pipe'] });
    this.child = child;
    let up = false;
    const record = (d: Buffer): void => {
      appendFileSync(this.dirs.initLog, d);
      if (d.toString().includes('rig: node up')) up = true;
    };
    child.stdout!.on('data', record);
    child.stderr!.on('data', record);
    child.stdin!.on('error', () => {});
    child.on('exit', (code) => {
      this.exitCode = code;
      this.markExited();
    });
    child.on('error', (err) => {
      appendFileSync(this.dirs.initLog, `rig: cannot spawn ip: ${err.message}\n`);
      this.exitCode = null;
      this.markExited();
    });
    const started = await pollUntil(() => this.exitCode !== undefined || (up && this.findInit()), {
      timeoutMs,
      intervalMs: 20,
    });
    if (!started || this.exitCode !== undefined) {
      throw new RigError(
        'RIG_START_FAILED',
        `node ${this.name} did not start (see ${this.dirs.initLog})`,
      );
    }
  }

  private findInit(): boolean {
    if (this.initPid) return true;
    const kids = this.child?.pid ? childrenOf(this.child.pid) : [];
    const ns = kids.length ? pidNamespace(kids[0].pid) : undefined;
    if (!ns) return false;
    this.initPid = kids[0].pid;
    this.pidNs = ns;
    return true;
  }

  /** Host pid of a daemon of this node by its command name (`pacemakerd`, `corosync`, ...). */
  daemonPid(comm: string): number | undefined {
    if (!this.running) return undefined;
    return namespaceMembers(this.pidNs).find((p) => p.comm === comm)?.pid;
  }

  /** Live processes of the node (host pids), e.g. to find or kill an agent's handler host. */
  processes(): (ProcInfo & { cmdline: string })[] {
    if (!this.running) return [];
    return namespaceMembers(this.pidNs).map((p) => ({ ...p, cmdline: cmdlineOf(p.pid) }));
  }

  /** Runs a program inside the node's namespaces (argv only, never a shell string). */
  run(cmd: string, args: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
    if (!this.running || !isLive(this.initPid)) {
      return Promise.reject(new RigError('RIG_NODE_DOWN', `node ${this.name} is not running`));
    }
    const nsArgs = ['-t', String(this.initPid), '-m', '-n', '-p', '-u', '--', cmd, ...args];
    return runArgv('nsenter', nsArgs, { ...opts, env: { ...this.env, ...opts.env } });
  }

  /**
   * Stops pacemakerd with TERM (it stops its resources first), waits until every Pacemaker
   * daemon of the node is gone, then for PID 1 to stop corosync and exit. After
   * `graceMs` the node's PID 1 is killed, which makes the kernel kill all of its namespace.
   */
  async stop(graceMs = 60_000): Promise<{ forced: boolean }> {
    if (!this.child || this.exitCode !== undefined) return { forced: false };
    const pcmk = this.daemonPid('pacemakerd');
    if (!pcmk || !signal(pcmk, 'SIGTERM')) signal(this.initPid, 'SIGTERM');
    const gone = await pollUntil(() => !this.daemonsLeft(), { timeoutMs: graceMs, intervalMs: 50 });
    const down = gone && (await Promise.race([this.exited.then(() => true), delay(15_000, false)]));
    if (!down) {
      signal(this.initPid, 'SIGKILL');
      await Promise.race([this.exited, delay(10_000, undefined)]);
    }
    if (this.exitCode === undefined) {
      throw new RigError(
        'RIG_STOP_FAILED',
        `node ${this.name} (PID 1 = ${this.initPid}) did not exit`,
      );
    }
    return { forced: !down };
  }

  private daemonsLeft(): boolean {
    return namespaceMembers(this.pidNs).some(
      (p) => p.comm === 'pacemakerd' || p.comm.startsWith('pacemaker-'),
    );
  }
}

function delay<T>(ms: number, value: T): Promise<T> {
  return new Promise((resolve) => setTimeout(() => resolve(value), ms).unref());
}
