import { resolve } from 'node:path';
import type { ClusterCore } from './cluster-core.js';
import { SystemClock, type Clock } from './clock.js';
import { ClusterLog, levelFromLogEvent } from './cluster-log.js';
import {
  ClusterGroup,
  ClusterResource,
  snapshotOf,
  type ResourceSnapshot,
} from './cluster-resource.js';
import { loseNode, restoreNode } from './node-loss.js';
import {
  nodeNames,
  type ClusterOptions,
  type GroupOptions,
  type ResourceOptions,
} from './cluster-options.js';
import { effectivePendingTimeout } from './deadline.js';
import { onlineOrder } from './dependencies.js';
import { ClusterError } from './errors.js';
import { EventStream, type ClusterEvent } from './events.js';
import { initialNode } from './failover-policy.js';
import type { MonitorProcess } from './monitor-process.js';
import { SimNode } from './node.js';
import { Recovery } from './recovery.js';
import { makeFaults, type Faults } from './faults.js';
import { ResourceTypes } from './resource-types.js';
import {
  moveGroup,
  offlineGroup,
  offlineResource,
  onlineGroup,
  onlineResource,
  setState,
} from './operations.js';
import { nextNode } from './failover-policy.js';
import {
  resolveGroupPolicy,
  resolveResourcePolicy,
  resolveTypePolicy,
  type TypePolicy,
} from './settings.js';

/**
 * A local failover cluster: simulated nodes, each with RHS monitor processes that load the
 * real resource library, groups with dependencies and preferred owners, the restart and
 * failover policy, a cluster log and a structured event stream.
 */
export class LocalCluster implements ClusterCore {
  readonly events = new EventStream();
  readonly log: ClusterLog;
  readonly nodes = new Map<string, SimNode>();
  readonly groups = new Map<string, ClusterGroup>();
  readonly resources = new Map<string, ClusterResource>();
  readonly clock: Clock;
  readonly typePolicy: TypePolicy;
  readonly timeScale: number;
  readonly recovery: Recovery;
  /** Fault injection: kill or hang the handler host, kill the application, fail a call, lose a node. */
  readonly faults: Faults;
  /** Registered resource types (only the built type can be). */
  readonly types: ResourceTypes;
  closed = false;

  private constructor(readonly options: ClusterOptions) {
    this.clock = options.clock ?? new SystemClock();
    this.timeScale = options.timeScale ?? 1;
    const intervals = options.schema?.pollIntervals;
    this.typePolicy = resolveTypePolicy(
      {
        ...(intervals
          ? { looksAlivePollInterval: intervals.looksAlive, isAlivePollInterval: intervals.isAlive }
          : {}),
        ...options.typePolicy,
      },
      this.timeScale,
    );
    this.log = new ClusterLog({
      ...(options.logFile ? { file: options.logFile } : {}),
      onLine: (line, r) =>
        this.events.emitEvent({
          kind: 'log',
          line,
          level: r.level,
          component: r.component,
          ...(r.type ? { resource: r.name } : {}),
        }),
    });
    this.recovery = new Recovery(this);
    this.faults = makeFaults(this, (n) => this.loseNode(n));
    this.types = new ResourceTypes(options.type, options.schema?.requiredDependencies?.types);
    if (options.registerType !== false)
      this.types.add({
        name: options.type,
        displayName: options.schema?.displayName ?? options.type,
        dllName: resolve(options.library),
      });
  }

  static async start(options: ClusterOptions): Promise<LocalCluster> {
    const c = new LocalCluster(options);
    for (const name of nodeNames(options.nodes)) c.addNode(name);
    c.note(
      'INFO',
      'RCM',
      'cluster',
      `local cluster started with nodes ${[...c.nodes.keys()].join(', ')} (time scale ${c.timeScale})`,
    );
    return c;
  }

  private addNode(name: string): void {
    if (this.nodes.has(name))
      throw new ClusterError(
        'DUPLICATE_NAME',
        `node "${name}" is listed twice; give every node its own name`,
      );
    const t = this.typePolicy;
    const node = new SimNode(
      name,
      {
        library: resolve(this.options.library),
        type: this.options.type,
        ...(this.options.schema !== undefined ? { schema: this.options.schema } : {}),
        timing: {
          looksAlive: t.looksAlivePollInterval,
          isAlive: t.isAlivePollInterval,
          pendingTimeout: t.pendingTimeout,
          deadlockTimeout: t.deadlockTimeout,
        },
      },
      this.clock,
      (key) => {
        const inspect = this.options.inspect;
        return inspect && key === SimNode.monitorKey(inspect.resource, true)
          ? { CLUSTERKIT_INSPECT: String(inspect.port) }
          : undefined;
      },
    );
    node.on(
      'event',
      (key: string, e: Record<string, unknown> & { type: string; resource: string | null }) =>
        this.recovery.onHarnessEvent(node, key, e),
    );
    node.on('monitor-started', (key: string, m: MonitorProcess) =>
      this.emit({ kind: 'monitor', node: name, monitor: key, pid: m.pid ?? null, what: 'started' }),
    );
    node.on(
      'monitor-hung',
      (key: string, m: MonitorProcess, h: { call: string; resource: string | null; why: string }) =>
        this.recovery.onMonitorHung(node, key, m, h),
    );
    node.on('monitor-exit', (key: string, m: MonitorProcess) =>
      this.recovery.onMonitorExit(node, key, m),
    );
    this.nodes.set(name, node);
  }

  // ---- configuration ----

  addGroup(name: string, o: GroupOptions = {}): ClusterGroup {
    if (this.groups.has(name.toLowerCase()))
      throw new ClusterError('DUPLICATE_NAME', `group "${name}" already exists`);
    for (const p of o.preferredOwners ?? []) this.node(p);
    const g = new ClusterGroup(
      name,
      o.preferredOwners ?? [],
      resolveGroupPolicy(o.policy, this.timeScale),
      this.clock,
    );
    g.node =
      initialNode({
        nodes: [...this.nodes.keys()],
        up: this.upNodes(),
        preferredOwners: g.preferredOwners,
      }) ?? null;
    this.groups.set(name.toLowerCase(), g);
    return g;
  }

  /** Creates a resource and opens it on its group's node (Open + its properties). */
  async addResource(name: string, o: ResourceOptions = {}): Promise<ClusterResource> {
    if (this.resources.has(name.toLowerCase()))
      throw new ClusterError('DUPLICATE_NAME', `resource "${name}" already exists`);
    const standIn =
      o.type !== undefined && o.type.toLowerCase() !== this.options.type.toLowerCase()
        ? this.types.standIn(o.type, true)
        : undefined;
    if (standIn === undefined) this.types.require(this.options.type);
    const g = this.groups.get((o.group ?? name).toLowerCase()) ?? this.addGroup(o.group ?? name);
    const r: ClusterResource = new ClusterResource(
      name,
      g,
      resolveResourcePolicy(o.policy, this.timeScale),
      { ...o.props },
      o.dependsOn ?? [],
      this.clock,
      this.recovery.actionsFor((): ClusterResource => r),
      standIn,
    );
    // Refuse a cycle or a dependency outside the group before anything runs.
    onlineOrder([...g.names, name], new Map([...g.dependencies, [name, r.dependsOn]]));
    g.resources.push(r);
    this.resources.set(name.toLowerCase(), r);
    try {
      await this.open(r);
    } catch (e) {
      g.resources.splice(g.resources.indexOf(r), 1);
      this.resources.delete(name.toLowerCase());
      throw e;
    }
    return r;
  }

  /**
   * Makes `resource` depend on `provider` (AddClusterResourceDependency): both in one group, no
   * cycle. Takes effect at the next Online, as on Windows.
   */
  addDependency(resource: string, provider: string): void {
    const r = this.resource(resource);
    const p = this.resource(provider);
    if (r.dependsOn.some((d) => d.toLowerCase() === p.name.toLowerCase())) return;
    const g = r.group;
    onlineOrder(g.names, new Map([...g.dependencies, [r.name, [...r.dependsOn, p.name]]]));
    r.dependsOn.push(p.name);
    this.note('INFO', 'RCM', r.name, `now depends on ${p.name}`);
  }

  /**
   * Deletes a resource (DeleteClusterResource): refused while resources depend on it; after a
   * move of its group in progress, taken offline, then closed in its monitor. Its group stays.
   */
  async removeResource(name: string): Promise<void> {
    const r = this.resource(name);
    const dependents = r.group.resources.filter((x) =>
      x.dependsOn.some((d) => d.toLowerCase() === r.name.toLowerCase()),
    );
    if (dependents.length > 0)
      throw new ClusterError(
        'DEPENDENTS_EXIST',
        `resources depend on "${r.name}" (${dependents.map((x) => x.name).join(', ')}); remove them or their dependency first`,
      );
    // A move (or failover) of its group closes and reopens it: let that finish first.
    if (r.group.moving)
      await this.events.waitFor(
        (e) => (e.kind === 'move' || e.kind === 'failover') && e.group === r.group.name,
        this.typePolicy.pendingTimeout + this.typePolicy.deadlockTimeout,
        `the move of group "${r.group.name}"`,
      );
    await this.offline(r.name);
    r.recovery.cancel();
    const m = r.node ? this.nodes.get(r.node)?.existing(r.monitorKey) : undefined;
    if (m) await r.queue.run(() => m.call(r.name, 'close'));
    r.group.resources.splice(r.group.resources.indexOf(r), 1);
    this.resources.delete(r.name.toLowerCase());
    this.note('INFO', 'RCM', r.name, 'deleted by the administrator');
  }

  // ---- administrator operations ----

  /** Online; providers first. Resolves once Online, rejects when the Online failed. */
  online(resource: string): Promise<void> {
    return onlineResource(this, this.resource(resource));
  }

  /** Offline; dependents first. */
  offline(resource: string): Promise<void> {
    return offlineResource(this, this.resource(resource));
  }

  onlineGroup(group: string): Promise<void> {
    return onlineGroup(this, this.group(group));
  }

  offlineGroup(group: string): Promise<void> {
    return offlineGroup(this, this.group(group));
  }

  /** Moves a group to `to`, or to the next node in owner order. */
  async move(group: string, to?: string): Promise<string> {
    const g = this.group(group);
    const target =
      to !== undefined
        ? this.node(to).name
        : nextNode({
            nodes: [...this.nodes.keys()],
            up: this.upNodes(),
            preferredOwners: g.preferredOwners,
            current: g.node ?? undefined,
          });
    if (!target || !this.node(target).up)
      throw new ClusterError(
        'NO_NODE_AVAILABLE',
        `group "${g.name}" has no node to move to; bring a node up first`,
      );
    if (target === g.node) return target;
    await moveGroup(this, g, target, { kind: 'move', why: 'moved by the administrator' });
    return target;
  }

  /** The resource fails now (as Test-ClusterResourceFailure does): the restart policy applies. */
  fail(resource: string): Promise<void> {
    return this.faults.failNow(resource);
  }

  async setProperties(
    resource: string,
    values: Record<string, unknown>,
  ): Promise<{ stored: boolean }> {
    const r = this.resource(resource);
    const out = (await (await this.monitorOf(r)).call(r.name, 'setProperties', values)) as {
      stored: boolean;
    };
    r.props = { ...r.props, ...values };
    return out;
  }

  async getProperties(resource: string): Promise<Record<string, unknown>> {
    const r = this.resource(resource);
    return (await (await this.monitorOf(r)).call(r.name, 'getProperties')) as Record<
      string,
      unknown
    >;
  }

  /** A node is lost: its monitors die with everything they started, its groups move elsewhere. */
  loseNode(name: string): Promise<void> {
    return loseNode(this, name);
  }

  /** A lost node comes back; groups that had nowhere to go are placed on it. */
  restoreNode(name: string): Promise<void> {
    return restoreNode(this, name);
  }

  // ---- lookups ----

  node(name: string): SimNode {
    const n =
      this.nodes.get(name) ??
      [...this.nodes.values()].find((x) => x.name.toLowerCase() === name.toLowerCase());
    if (!n)
      throw new ClusterError(
        'UNKNOWN_NODE',
        `no node "${name}"; nodes are ${[...this.nodes.keys()].join(', ')}`,
      );
    return n;
  }

  group(name: string): ClusterGroup {
    const g = this.groups.get(name.toLowerCase());
    if (!g)
      throw new ClusterError(
        'UNKNOWN_GROUP',
        `no group "${name}"; groups are ${[...this.groups.values()].map((x) => x.name).join(', ') || '(none)'}`,
      );
    return g;
  }

  resource(name: string): ClusterResource {
    const r = this.resources.get(name.toLowerCase());
    if (!r)
      throw new ClusterError(
        'UNKNOWN_RESOURCE',
        `no resource "${name}"; resources are ${[...this.resources.values()].map((x) => x.name).join(', ') || '(none)'}`,
      );
    return r;
  }

  upNodes(): Set<string> {
    return new Set([...this.nodes.values()].filter((n) => n.up).map((n) => n.name));
  }

  /** The live monitor a resource is open in, or an error saying why there is none. */
  async monitorOf(r: ClusterResource): Promise<MonitorProcess> {
    if (r.standInType !== undefined)
      throw new ClusterError(
        'CALL_FAILED',
        `resource "${r.name}" stands in for a resource of type "${r.standInType}": it has no library, host or properties here`,
      );
    if (!r.group.node)
      throw new ClusterError(
        'NO_NODE_AVAILABLE',
        `group "${r.group.name}" has no node to run on; bring a node up`,
      );
    return this.node(r.group.node).monitor(r.monitorKey);
  }

  /** Opens the resource on its group's node if it is not open there yet. */
  async open(r: ClusterResource): Promise<void> {
    if (r.standInType !== undefined) {
      r.node = r.group.node;
      return;
    }
    if (r.node === r.group.node && r.node !== null && this.node(r.node).existing(r.monitorKey))
      return;
    const m = await this.monitorOf(r);
    const pending = effectivePendingTimeout(
      r.policy.pendingTimeout,
      r.policy.deadlockTimeout,
      this.options.capPendingByDeadlock ?? true,
    );
    await m.create(r.name, r.props, r.harnessTiming(pending));
    r.node = r.group.node;
    this.note('INFO', 'RHS', r.name, `opened in monitor ${m.name} (pid ${m.pid})`, m.pid);
  }

  resourceFailed(r: ClusterResource, why: string): void {
    this.recovery.resourceFailed(r, why);
  }

  // ---- events and log ----

  emit(e: ClusterEvent): void {
    this.events.emitEvent(e);
  }

  /** Writes a cluster-log line; [RES] lines carry the type name like the real log. */
  note(
    level: 'INFO' | 'WARN' | 'ERR',
    component: 'RES' | 'RHS' | 'RCM' | 'NODE',
    name: string,
    text: string,
    pid?: number,
  ): void {
    this.log.write({
      level,
      component,
      name,
      text,
      ...(component === 'RES' ? { type: this.options.type } : {}),
      ...(pid ? { pid } : {}),
    });
  }

  resLog(name: string, level: number, text: string, pid?: number): void {
    this.log.write({
      level: levelFromLogEvent(level),
      component: 'RES',
      type: this.options.type,
      name,
      text,
      ...(pid ? { pid } : {}),
    });
  }

  // ---- status ----

  snapshot(): ResourceSnapshot[] {
    return [...this.resources.values()].map((r) =>
      snapshotOf(
        r,
        this.clock,
        r.node ? this.nodes.get(r.node)?.existing(r.monitorKey)?.pid : undefined,
      ),
    );
  }

  /** Stops every timer and monitor process; leaves nothing running. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const r of this.resources.values()) r.recovery.cancel();
    await Promise.all([...this.nodes.values()].map((n) => n.shutdown()));
    this.note('INFO', 'RCM', 'cluster', 'local cluster stopped');
    this.events.end();
  }
}
