/**
 * What the console remembers of the cluster's event stream: state transitions, health checks,
 * failures and failovers, and each resource's cluster-log lines. It attaches to the cluster
 * before anything starts, keeps bounded buffers, and re-emits each record for the live stream.
 */
import { EventEmitter } from 'node:events';
import { parseLogLine } from '../cluster/cluster-log.js';
import type { LocalCluster } from '../cluster/cluster.js';
import type { StampedEvent } from '../cluster/events.js';
import type { HealthPoint, LogEntry, LogLevelName, Mark, Transition } from './model/types.js';

export interface HistoryLimits {
  transitionsPerResource: number;
  healthPerResource: number;
  logsPerResource: number;
  marks: number;
}

const DEFAULT_LIMITS: HistoryLimits = {
  transitionsPerResource: 5000,
  healthPerResource: 2000,
  logsPerResource: 1000,
  marks: 10000,
};

export type HistoryRecord =
  | { type: 'transition'; value: Transition }
  | { type: 'health'; value: HealthPoint }
  | { type: 'mark'; value: Mark }
  | { type: 'log'; value: LogEntry }
  /** Something the cluster view shows changed (node, group owner, monitor, restart count). */
  | { type: 'changed'; resource?: string; group?: string };

const key = (name: string) => name.toLowerCase();

function push<T>(list: T[], item: T, limit: number): void {
  list.push(item);
  if (list.length > limit) list.splice(0, list.length - limit);
}

export class ClusterHistory extends EventEmitter {
  readonly start = Date.now();
  private readonly limits: HistoryLimits;
  private readonly firstSeen = new Map<string, { at: number; state: string }>();
  private readonly transitions = new Map<string, Transition[]>();
  private readonly health = new Map<string, HealthPoint[]>();
  private readonly logs = new Map<string, LogEntry[]>();
  private readonly pendingRestart = new Map<string, Set<string>>();
  readonly marks: Mark[] = [];
  private readonly onEvent = (e: StampedEvent) => this.record(e);

  constructor(
    private readonly c: LocalCluster,
    limits: Partial<HistoryLimits> = {},
  ) {
    super();
    this.limits = { ...DEFAULT_LIMITS, ...limits };
    this.notice();
    c.events.on('event', this.onEvent);
  }

  close(): void {
    this.c.events.off('event', this.onEvent);
  }

  /** When the console first saw the resource, and its state then (timeline rows start there). */
  firstSeenOf(name: string): { at: number; state: string } | undefined {
    return this.firstSeen.get(key(name));
  }

  transitionsOf(name: string): readonly Transition[] {
    return this.transitions.get(key(name)) ?? [];
  }

  healthOf(name: string): readonly HealthPoint[] {
    return this.health.get(key(name)) ?? [];
  }

  logsOf(name: string): readonly LogEntry[] {
    return this.logs.get(key(name)) ?? [];
  }

  /** Properties stored while the resource was online (ERROR_RESOURCE_PROPERTIES_STORED). */
  pendingRestartOf(name: string): ReadonlySet<string> {
    return this.pendingRestart.get(key(name)) ?? new Set();
  }

  markStoredWhileOnline(resource: string, properties: string[]): void {
    const set = this.pendingRestart.get(key(resource)) ?? new Set<string>();
    for (const p of properties) set.add(p.toLowerCase());
    this.pendingRestart.set(key(resource), set);
  }

  /** Records resources that appeared since the last look, with their state at that moment. */
  private notice(): void {
    if (this.firstSeen.size === this.c.resources.size) return;
    const now = Date.now();
    for (const r of this.c.resources.values())
      if (!this.firstSeen.has(key(r.name)))
        this.firstSeen.set(key(r.name), { at: now, state: r.state });
  }

  private record(e: StampedEvent): void {
    this.notice();
    const at = Date.parse(e.at);
    switch (e.kind) {
      case 'state':
        return this.onState(e, at);
      case 'health': {
        const value: HealthPoint = {
          resource: e.resource,
          at,
          check: e.check,
          alive: e.alive,
          ms: e.ms,
        };
        this.add(this.health, e.resource, value, this.limits.healthPerResource);
        return this.out({ type: 'health', value });
      }
      case 'restart':
        this.mark({ at, kind: 'restart', resource: e.resource, text: `restart ${e.attempt}` });
        return this.out({ type: 'changed', resource: e.resource });
      case 'stay-failed':
        return this.mark({ at, kind: 'stay-failed', resource: e.resource, text: e.why });
      case 'failover':
        this.mark({
          at,
          kind: 'failover',
          group: e.group,
          text: `failover ${e.from ?? '-'} → ${e.to ?? '-'}: ${e.why}`,
        });
        return this.out({ type: 'changed', group: e.group });
      case 'move':
        this.mark({ at, kind: 'move', group: e.group, text: `moved ${e.from ?? '-'} → ${e.to}` });
        return this.out({ type: 'changed', group: e.group });
      case 'node':
        this.mark({
          at,
          kind: e.up ? 'node-up' : 'node-down',
          node: e.node,
          text: `${e.node} ${e.up ? 'up' : 'down'}: ${e.why}`,
        });
        return this.out({ type: 'changed' });
      case 'fault':
        return this.mark({
          at,
          kind: 'fault',
          ...(this.c.resources.has(key(e.target)) ? { resource: e.target } : { node: e.target }),
          text: `fault injected: ${e.what}`,
        });
      case 'monitor':
        if (e.what === 'hung' || e.what === 'died')
          this.mark({ at, kind: 'monitor', node: e.node, text: `monitor ${e.monitor} ${e.what}` });
        return this.out({ type: 'changed' });
      case 'log':
        return this.onLog(e.line, e.level, e.component, at);
      default:
        return;
    }
  }

  private onState(e: Extract<StampedEvent, { kind: 'state' }>, at: number): void {
    const value: Transition = {
      resource: e.resource,
      group: e.group,
      node: e.node,
      at,
      from: e.from,
      to: e.to,
      why: e.why,
    };
    this.add(this.transitions, e.resource, value, this.limits.transitionsPerResource);
    // The next Online reads the stored values: from then on they are in effect.
    if (e.to === 'OnlinePending') this.pendingRestart.delete(key(e.resource));
    this.out({ type: 'transition', value });
    if (e.to === 'Failed')
      this.mark({ at, kind: 'failure', resource: e.resource, text: `failed: ${e.why}` });
    this.out({ type: 'changed', resource: e.resource });
  }

  private onLog(line: string, level: string, component: string, at: number): void {
    const rec = parseLogLine(line);
    const name = rec?.name;
    const entry: LogEntry = {
      at,
      level: level as LogLevelName,
      component,
      ...(name ? { resource: name } : {}),
      text: rec?.text ?? line,
      line,
    };
    if (name && this.c.resources.has(key(name)))
      this.add(this.logs, name, entry, this.limits.logsPerResource);
    this.out({ type: 'log', value: entry });
  }

  private mark(m: Mark): void {
    push(this.marks, m, this.limits.marks);
    this.out({ type: 'mark', value: m });
  }

  private add<T>(map: Map<string, T[]>, name: string, item: T, limit: number): void {
    const k = key(name);
    const list = map.get(k) ?? [];
    if (!map.has(k)) map.set(k, list);
    push(list, item, limit);
  }

  private out(r: HistoryRecord): void {
    this.emit('record', r);
  }
}
