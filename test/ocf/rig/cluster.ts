import { readFileSync } from 'node:fs';
import { describeState, parseCrmMon, type ClusterState } from './crm-mon.js';
import { RigError } from './errors.js';
import { type RunOptions, type RunResult } from './exec.js';
import { LogActivity, tailLogs } from './logs.js';
import type { RigNode } from './node.js';
import type { ProcInfo } from './procs.js';

export interface WaitOptions {
  /** What is awaited, in words; it names the failure. */
  what: string;
  /** Default 30 s. */
  timeoutMs?: number;
  /** Node whose view is read; default the first node that runs. */
  node?: string;
  /** Re-read even without log activity after this long; default 1000 ms. */
  quietMs?: number;
}

export interface CrmResourceOptions {
  node?: string;
  /** Resolve with the result instead of throwing when crm_resource exits non-zero. */
  allowFail?: boolean;
  timeoutMs?: number;
}

/** Minimum gap between two reads while the logs are busy, so a burst costs a few reads. */
const READ_GAP_MS = 100;

/** A running test cluster; made by startCluster, ended by stop(). */
export class RigCluster {
  /** Time from start to the first elected DC, and to DC plus every node online (ms). */
  readonly timings = { dcMs: NaN, readyMs: NaN };
  /** How waitFor spent its reads: woken by a log write, or re-reading after quietMs of silence. */
  readonly waitStats = { reads: 0, wokenByLog: 0, wokenByQuiet: 0 };
  private readonly activity: LogActivity;

  constructor(
    /** The marker value every process of this run carries (see listRigProcesses). */
    readonly runId: string,
    /** The run's temp folder (node folders and logs). */
    readonly dir: string,
    private readonly members: readonly RigNode[],
    private readonly onStop: () => Promise<void>,
  ) {
    this.activity = new LogActivity(
      members.flatMap((n) => [n.dirs.pacemakerLog, n.dirs.corosyncLog]),
    );
  }

  /** Node names, `node1` (and `node2`). */
  get nodes(): string[] {
    return this.members.map((n) => n.name);
  }

  node(name: string): RigNode {
    const n = this.members.find((m) => m.name === name);
    if (!n)
      throw new RigError(
        'RIG_BAD_INPUT',
        `no node ${JSON.stringify(name)}; nodes are ${this.nodes.join(', ')}`,
      );
    return n;
  }

  /** True while the node's PID 1 runs. */
  isRunning(name: string): boolean {
    return this.node(name).running;
  }

  /** Live processes of a node with host pids (PID 1 is the node's init shell). */
  processes(node: string): (ProcInfo & { cmdline: string })[] {
    return this.node(node).processes();
  }

  /** Runs a program inside a node's namespaces; resolves whatever its exit status. */
  run(node: string, cmd: string, args: readonly string[], opts?: RunOptions): Promise<RunResult> {
    return this.node(node).run(cmd, args, opts);
  }

  private async checked(
    node: string | undefined,
    cmd: string,
    args: readonly string[],
    opts: RunOptions = {},
  ) {
    const r = await this.run(node ?? this.anyRunning(), cmd, args, opts);
    if (r.code !== 0) {
      throw new RigError(
        'RIG_COMMAND_FAILED',
        `${[cmd, ...args].join(' ')} exited with ${r.code ?? r.signal}\n${r.stderr.trim() || r.stdout.trim()}`,
      );
    }
    return r;
  }

  private anyRunning(): string {
    const n = this.members.find((m) => m.running && m.daemonPid('pacemakerd'));
    if (!n) throw new RigError('RIG_NODE_DOWN', 'no node of the cluster runs pacemakerd');
    return n.name;
  }

  /** The cluster as one node sees it (`crm_mon -1 --output-as=xml`). */
  async crmMon(node?: string): Promise<ClusterState> {
    const r = await this.checked(node, 'crm_mon', ['-1', '--output-as=xml'], { timeoutMs: 15_000 });
    return parseCrmMon(r.stdout);
  }

  /**
   * Resolves with the first state for which `predicate` holds. The state is re-read each
   * time a node's Pacemaker or Corosync log is written (inotify), at most every 100 ms,
   * and after `quietMs` of silence. On timeout the error carries the last state and the tail
   * of every node's logs.
   */
  async waitFor(predicate: (s: ClusterState) => boolean, opts: WaitOptions): Promise<ClusterState> {
    const timeoutMs = opts.timeoutMs ?? 30_000;
    const deadline = Date.now() + timeoutMs;
    let last: ClusterState | undefined;
    let lastError = '';
    for (;;) {
      const generation = this.activity.generation;
      const began = Date.now();
      this.waitStats.reads++;
      try {
        last = await this.crmMon(opts.node);
        lastError = '';
        if (predicate(last)) return last;
      } catch (err) {
        lastError = (err as Error).message;
      }
      const left = deadline - Date.now();
      if (left <= 0) break;
      if (this.activity.generation !== generation) {
        this.waitStats.wokenByLog++;
        await sleep(Math.min(left, Math.max(0, READ_GAP_MS - (Date.now() - began))));
      } else if (await this.activity.next(Math.min(left, opts.quietMs ?? 1000))) {
        this.waitStats.wokenByLog++;
      } else {
        this.waitStats.wokenByQuiet++;
      }
    }
    throw new RigError(
      'RIG_WAIT_TIMEOUT',
      `timed out after ${timeoutMs} ms waiting for ${opts.what}\n` +
        `last state: ${last ? describeState(last) : '(none read)'}\n` +
        (lastError ? `last error: ${lastError}\n` : '') +
        this.logTails(),
    );
  }

  /** Adds a resource (primitive, group, clone) to the CIB from XML. */
  async createResource(xml: string, node?: string): Promise<void> {
    await this.checked(node, 'cibadmin', ['--create', '--scope', 'resources', '--xml-pipe'], {
      input: xml,
    });
  }

  /** `crm_resource <args>` on a node; throws on a non-zero exit unless allowFail. */
  async crmResource(args: readonly string[], opts: CrmResourceOptions = {}): Promise<RunResult> {
    if (opts.allowFail) return this.run(opts.node ?? this.anyRunning(), 'crm_resource', args, opts);
    return this.checked(opts.node, 'crm_resource', args, opts);
  }

  /** TERMs the node's pacemakerd, waits until it is gone, then for the node to end. */
  async stopNode(name: string): Promise<{ forced: boolean }> {
    return this.node(name).stop();
  }

  /** The node's whole Pacemaker log. */
  pacemakerLog(name: string): string {
    return readFileSync(this.node(name).dirs.pacemakerLog, 'utf8');
  }

  /** Tails of every node's pacemaker, corosync and PID-1 logs. */
  logTails(lines = 40): string {
    return tailLogs(
      this.members.flatMap((n) => [
        { label: n.name, path: n.dirs.pacemakerLog },
        { label: n.name, path: n.dirs.corosyncLog },
        { label: n.name, path: n.dirs.initLog },
      ]),
      lines,
    );
  }

  /** Stops every node, removes the namespaces and the temp folder; throws if anything is left. */
  async stop(): Promise<void> {
    this.activity.close();
    await this.onStop();
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
