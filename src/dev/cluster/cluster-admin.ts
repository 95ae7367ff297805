/**
 * What an administrator's client reads and changes in a local cluster: nodes, groups,
 * resources and types as plain objects, and private properties through the real library's
 * ResourceControl (GET_/SET_PRIVATE_PROPERTIES), with the raw Win32 status it answered.
 */
import { parseLogLine } from './cluster-log.js';
import type { LocalCluster } from './cluster.js';
import type { ClusterGroup, ClusterResource } from './cluster-resource.js';
import { CallFailedError } from './errors.js';
import type { StampedEvent } from './events.js';
import {
  formatsFromList,
  listFromParameters,
  parametersFromList,
  type WireParameter,
} from './admin-values.js';
import { decodeFromLibrary, kindsFromSchema } from '../harness/properties.js';
import {
  CLUSCTL_RESOURCE_GET_PRIVATE_PROPERTIES,
  CLUSCTL_RESOURCE_GET_PRIVATE_PROPERTY_FMTS,
  CLUSCTL_RESOURCE_GET_RO_PRIVATE_PROPERTIES,
  CLUSCTL_RESOURCE_SET_PRIVATE_PROPERTIES,
} from '../../bundle/resapi/index.js';
import type { RegisteredType } from './resource-types.js';
import { win32Status, type Win32Status } from './win32-errors.js';

interface ControlAnswer {
  status: number;
  data: Uint8Array;
}

export function nodeView(c: LocalCluster, name: string) {
  const names = [...c.nodes.keys()];
  const n = c.node(name);
  return { name: n.name, id: names.indexOf(n.name) + 1, state: n.up ? 'Up' : 'Down' };
}

export function groupView(g: ClusterGroup) {
  const states = g.resources.map((r) => r.state);
  const all = (s: string) => states.length > 0 && states.every((x) => x === s);
  const state = states.some((s) => s === 'Failed')
    ? 'Failed'
    : states.some((s) => s.endsWith('Pending'))
      ? 'Pending'
      : states.length === 0 || all('Offline')
        ? 'Offline'
        : all('Online')
          ? 'Online'
          : 'PartialOnline';
  return { name: g.name, ownerNode: g.node, state, resources: g.names };
}

export function resourceView(c: LocalCluster, r: ClusterResource) {
  const monitor = r.node ? c.nodes.get(r.node)?.existing(r.monitorKey) : undefined;
  return {
    name: r.name,
    type: r.standInType ?? c.options.type,
    group: r.group.name,
    ownerNode: r.node ?? r.group.node,
    state: r.state,
    statusInformation: r.lastWhy,
    separateMonitor: r.policy.separateMonitor,
    monitorProcessId: monitor?.pid ?? null,
    restartAction: r.policy.restartAction,
    restartThreshold: r.policy.restartThreshold,
    restartPeriod: r.policy.restartPeriod,
    restartDelay: r.policy.restartDelay,
    retryPeriodOnFailure: r.policy.retryPeriodOnFailure,
    pendingTimeout: r.policy.pendingTimeout,
    deadlockTimeout: r.policy.deadlockTimeout,
    looksAlivePollInterval: r.policy.looksAlivePollInterval,
    isAlivePollInterval: r.policy.isAlivePollInterval,
    dependsOn: r.dependsOn,
  };
}

export function typeView(c: LocalCluster, t: RegisteredType) {
  const p = c.typePolicy;
  return {
    name: t.name,
    displayName: t.displayName,
    dllName: t.dllName,
    looksAlivePollInterval: p.looksAlivePollInterval,
    isAlivePollInterval: p.isAlivePollInterval,
    pendingTimeout: p.pendingTimeout,
    deadlockTimeout: p.deadlockTimeout,
  };
}

/** Read-write then read-only private properties, each with its ClusterParameterType. */
export async function getParameters(c: LocalCluster, name: string): Promise<WireParameter[]> {
  const r = c.resource(name);
  const rw = await control(c, r, CLUSCTL_RESOURCE_GET_PRIVATE_PROPERTIES);
  const ro = await control(c, r, CLUSCTL_RESOURCE_GET_RO_PRIVATE_PROPERTIES);
  for (const [what, a] of [
    ['GET_PRIVATE_PROPERTIES', rw],
    ['GET_RO_PRIVATE_PROPERTIES', ro],
  ] as const) {
    if (a.status !== 0)
      throw new CallFailedError(
        `${what} of resource "${r.name}" failed: ${win32Status(a.status).message}`,
        a.status,
      );
  }
  return [...parametersFromList(rw.data, false), ...parametersFromList(ro.data, true)];
}

/**
 * The ClusterParameterType of every private property the library declares, set or not
 * (GET_PRIVATE_PROPERTY_FMTS): how a client types a value for a property that has none yet.
 */
export async function getParameterFormats(
  c: LocalCluster,
  name: string,
): Promise<{ name: string; type: string }[]> {
  const r = c.resource(name);
  const a = await control(c, r, CLUSCTL_RESOURCE_GET_PRIVATE_PROPERTY_FMTS);
  if (a.status !== 0)
    throw new CallFailedError(
      `GET_PRIVATE_PROPERTY_FMTS of resource "${r.name}" failed: ${win32Status(a.status).message}`,
      a.status,
    );
  return formatsFromList(a.data);
}

export interface SetAnswer extends Win32Status {
  /** What the library logged as the reason when it refused (its cluster-log lines). */
  reason: string;
}

/**
 * SET_PRIVATE_PROPERTIES with exactly the list the parameters make; the library validates it.
 * Success and ERROR_RESOURCE_PROPERTIES_STORED keep the values for the next Open (a move);
 * any other status is returned with the library's reason, and nothing is kept.
 */
export async function setParameters(
  c: LocalCluster,
  name: string,
  parameters: unknown,
): Promise<SetAnswer> {
  const r = c.resource(name);
  const list = listFromParameters(parameters);
  const reasons: string[] = [];
  const onEvent = (e: StampedEvent) => {
    if (e.kind !== 'log' || e.resource?.toLowerCase() !== r.name.toLowerCase()) return;
    const rec = parseLogLine(e.line);
    if (rec && rec.level === 'ERR') reasons.push(rec.text);
  };
  // The library logs its reason through LogEvent while the call runs; the monitor forwards
  // those lines before its reply, so they are all here once the call has returned.
  c.events.on('event', onEvent);
  let answer: ControlAnswer;
  try {
    answer = await control(c, r, CLUSCTL_RESOURCE_SET_PRIVATE_PROPERTIES, list);
  } finally {
    c.events.off('event', onEvent);
  }
  if (answer.status === 0 || answer.status === 5024) {
    const kinds = kindsFromSchema(c.options.schema);
    r.props = { ...r.props, ...decodeFromLibrary(list, kinds) };
  }
  return { ...win32Status(answer.status), reason: reasons.join('; ') };
}

async function control(
  c: LocalCluster,
  r: ClusterResource,
  code: number,
  input?: Uint8Array,
): Promise<ControlAnswer> {
  await c.open(r);
  const m = await c.monitorOf(r);
  return (await m.call(r.name, 'control', code, ...(input ? [input] : []))) as ControlAnswer;
}
