/**
 * The resource page: its Detail (state, owner, restart count and policy, last failure), the
 * series behind its chart, its cluster-log lines and its actions with their PowerShell.
 */
import type { LocalCluster } from '../../cluster/cluster.js';
import type { ClusterResource } from '../../cluster/cluster-resource.js';
import { snapshotOf } from '../../cluster/cluster-resource.js';
import type { Schema } from '../../../bundle/sdk/schema.js';
import type { ClusterHistory } from '../history.js';
import { ACTION_COMMANDS } from './powershell.js';
import { segmentsOf } from './timeline-page.js';
import type {
  ActionView,
  LogEntry,
  LogLevelName,
  PolicyView,
  ResourceDetail,
  ResourceSeries,
  TypeInfo,
} from './types.js';

const RESTART_ACTIONS = [
  'ClusterResourceDontRestart: never restart',
  'ClusterResourceRestartNoNotify: restart, never fail over the group',
  'ClusterResourceRestartNotify: restart, then fail over the group',
];

function policyOf(r: ClusterResource): PolicyView {
  const p = r.policy;
  return {
    restartAction: { value: p.restartAction, meaning: RESTART_ACTIONS[p.restartAction] ?? '' },
    restartThreshold: p.restartThreshold,
    restartPeriod: p.restartPeriod,
    restartDelay: p.restartDelay,
    retryPeriodOnFailure: p.retryPeriodOnFailure,
    pendingTimeout: p.pendingTimeout,
    deadlockTimeout: p.deadlockTimeout,
    looksAlivePollInterval: p.looksAlivePollInterval,
    isAlivePollInterval: p.isAlivePollInterval,
    separateMonitor: p.separateMonitor,
  };
}

const health = (h: { alive: boolean; at: string; ms: number } | null) =>
  h ? { alive: h.alive, at: Date.parse(h.at), ms: h.ms } : null;

export interface PageContext {
  cluster: LocalCluster;
  history: ClusterHistory;
  schema: Schema;
  type: TypeInfo;
}

export function resourceDetail(x: PageContext, name: string): ResourceDetail {
  const c = x.cluster;
  const r = c.resource(name);
  const monitorPid = r.node ? (c.nodes.get(r.node)?.existing(r.monitorKey)?.pid ?? null) : null;
  const snap = snapshotOf(r, c.clock, monitorPid ?? undefined);
  const transitions = x.history.transitionsOf(r.name);
  const failed = [...transitions].reverse().find((t) => t.to === 'Failed');
  const stay = [...x.history.marks]
    .reverse()
    .find((m) => m.kind === 'stay-failed' && m.resource?.toLowerCase() === r.name.toLowerCase());
  return {
    type: x.type,
    name: r.name,
    group: r.group.name,
    ownerNode: r.node ?? r.group.node,
    state: r.state,
    why: r.lastWhy,
    wantOnline: r.wantOnline,
    restarts: r.restartCount,
    monitorPid: snap.monitorPid,
    pendingMs: snap.pendingMs,
    looksAlive: health(snap.looksAlive),
    isAlive: health(snap.isAlive),
    policy: policyOf(r),
    lastFailure: failed ? { at: failed.at, why: failed.why, node: failed.node } : null,
    stayFailed: stay ? { at: stay.at, text: stay.text } : null,
    dependsOn: [...r.dependsOn],
    actions: resourceActions(x, r),
    timeScale: c.timeScale,
  };
}

export function resourceSeries(x: PageContext, name: string): ResourceSeries {
  const r = x.cluster.resource(name);
  return {
    resource: r.name,
    start: x.history.firstSeenOf(r.name)?.at ?? x.history.start,
    health: [...x.history.healthOf(r.name)],
    segments: segmentsOf(x.history.transitionsOf(r.name), x.history.firstSeenOf(r.name), r.state),
  };
}

const LEVELS: LogLevelName[] = ['DBG', 'INFO', 'WARN', 'ERR'];

/** The resource's cluster-log lines at `level` or above (all when no level is given). */
export function resourceLogs(x: PageContext, name: string, level?: string): LogEntry[] {
  const r = x.cluster.resource(name);
  const min = level ? LEVELS.indexOf(level.toUpperCase() as LogLevelName) : 0;
  return x.history.logsOf(r.name).filter((l) => LEVELS.indexOf(l.level) >= Math.max(0, min));
}

function resourceActions(x: PageContext, r: ClusterResource): ActionView[] {
  const c = x.cluster;
  const owner = r.node ?? r.group.node;
  const open = r.node !== null && !!c.nodes.get(r.node)?.existing(r.monitorKey);
  const online = r.state === 'Online';
  const pidProperty = x.schema.properties.find(
    (p) => p.readOnly && p.name.toLowerCase() === 'pid',
  )?.name;
  const onNode = owner ?? '(no node)';
  const act = (
    id: ActionView['id'],
    label: string,
    section: ActionView['section'],
    enabled: boolean,
    disabledWhy: string,
    powershell: ActionView['powershell'],
    node?: string,
  ): ActionView => ({
    id,
    label,
    section,
    ...(node !== undefined ? { node } : {}),
    enabled,
    ...(enabled ? {} : { disabledWhy }),
    powershell,
  });
  const nodes = [...c.nodes.values()];
  return [
    act(
      'online',
      'Bring online',
      'State',
      r.state !== 'Online' && owner !== null,
      'it is already online or has no node',
      ACTION_COMMANDS.online(r.name),
    ),
    act(
      'offline',
      'Take offline',
      'State',
      r.state !== 'Offline',
      'it is already offline',
      ACTION_COMMANDS.offline(r.name),
    ),
    ...nodes
      .filter((n) => n.name !== r.group.node)
      .map((n) =>
        act(
          'move',
          `Move group ${r.group.name} to ${n.name}`,
          'Group',
          n.up,
          `${n.name} is down`,
          ACTION_COMMANDS.move(r.group.name, n.name),
          n.name,
        ),
      ),
    act(
      'kill-app',
      'Kill the application',
      'Faults',
      online,
      'the resource is not online',
      ACTION_COMMANDS.killApp(r.name, onNode, pidProperty),
    ),
    act(
      'hang-host',
      'Hang the handler host',
      'Faults',
      open,
      'the resource is not open in a monitor',
      ACTION_COMMANDS.hangHost(x.type, onNode),
    ),
    act(
      'kill-host',
      'Kill the handler host',
      'Faults',
      open,
      'the resource is not open in a monitor',
      ACTION_COMMANDS.killHost(x.type, onNode),
    ),
    act(
      'fail',
      'Fail the resource',
      'Faults',
      online,
      'the resource is not online',
      ACTION_COMMANDS.fail(r.name),
    ),
    ...nodes.map((n) =>
      n.up
        ? act(
            'lose-node',
            `Lose node ${n.name}${n.name === owner ? ' (the owner)' : ''}`,
            'Nodes',
            true,
            '',
            ACTION_COMMANDS.loseNode(n.name),
            n.name,
          )
        : act(
            'restore-node',
            `Restore node ${n.name}`,
            'Nodes',
            true,
            '',
            ACTION_COMMANDS.restoreNode(n.name),
            n.name,
          ),
    ),
  ];
}
