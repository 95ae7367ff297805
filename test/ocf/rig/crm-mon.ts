import { RigError } from './errors.js';
import { child, childrenNamed, parseXml, type XmlElement } from './xml.js';

/** One cluster node as `crm_mon --output-as=xml` reports it. */
export interface NodeStatus {
  name: string;
  id: string;
  online: boolean;
  standby: boolean;
  maintenance: boolean;
  pending: boolean;
  unclean: boolean;
  shutdown: boolean;
  isDc: boolean;
  resourcesRunning: number;
}

/** One primitive (clone and group members are flattened, `parent` names the container). */
export interface ResourceStatus {
  id: string;
  agent: string;
  role: string;
  active: boolean;
  failed: boolean;
  blocked: boolean;
  managed: boolean;
  orphaned: boolean;
  nodes: string[];
  parent?: string;
}

/** A "Failed Resource Action". */
export interface FailedAction {
  opKey: string;
  node: string;
  task: string;
  intervalMs: number;
  exitCode: number;
  exitStatus: string;
  exitReason: string;
  status: string;
  call: number;
}

export interface OperationRecord {
  call: number;
  task: string;
  intervalMs: number;
  rc: number;
  rcText: string;
}

/** Operation history and fail count of one resource on one node. */
export interface ResourceHistory {
  node: string;
  resource: string;
  /** 0 when none; Infinity for INFINITY. */
  failCount: number;
  operations: OperationRecord[];
}

export interface ClusterState {
  /** Name of the Designated Controller, null while there is none. */
  dc: string | null;
  quorate: boolean;
  /** pacemakerd's own state on the queried node ("running", "shutting_down", ...). */
  pacemakerd: string | null;
  nodes: NodeStatus[];
  resources: ResourceStatus[];
  failures: FailedAction[];
  history: ResourceHistory[];
}

const bool = (v: string | undefined): boolean => v === 'true';

function ms(v: string | undefined): number {
  if (!v) return 0;
  const n = parseInt(v, 10);
  return /^\d+(ms)?$/.test(v) ? n : /^\d+s$/.test(v) ? n * 1000 : n;
}

function primitives(el: XmlElement, parent: string | undefined, out: ResourceStatus[]): void {
  for (const c of el.children) {
    if (c.name === 'resource') {
      out.push({
        id: c.attrs.id,
        agent: c.attrs.resource_agent ?? '',
        role: c.attrs.role ?? '',
        active: bool(c.attrs.active),
        failed: bool(c.attrs.failed),
        blocked: bool(c.attrs.blocked),
        managed: bool(c.attrs.managed),
        orphaned: bool(c.attrs.orphaned),
        nodes: childrenNamed(c, 'node').map((n) => n.attrs.name),
        ...(parent ? { parent } : {}),
      });
    } else if (
      c.name === 'group' ||
      c.name === 'clone' ||
      c.name === 'bundle' ||
      c.name === 'replica'
    ) {
      primitives(c, c.attrs.id ?? parent, out);
    }
  }
}

/** Turns `crm_mon --output-as=xml` output into plain data. */
export function parseCrmMon(xml: string): ClusterState {
  const root = parseXml(xml);
  if (root.name !== 'pacemaker-result') {
    throw new RigError(
      'RIG_BAD_XML',
      `crm_mon output starts with <${root.name}>, expected <pacemaker-result>`,
    );
  }
  const dc = child(child(root, 'summary'), 'current_dc');
  const resources: ResourceStatus[] = [];
  const rscEl = child(root, 'resources');
  if (rscEl) primitives(rscEl, undefined, resources);
  return {
    dc: dc && bool(dc.attrs.present) ? dc.attrs.name : null,
    quorate: bool(dc?.attrs.with_quorum),
    pacemakerd: child(root, 'pacemakerd')?.attrs.state ?? null,
    nodes: childrenNamed(child(root, 'nodes'), 'node').map((n) => ({
      name: n.attrs.name,
      id: n.attrs.id,
      online: bool(n.attrs.online),
      standby: bool(n.attrs.standby),
      maintenance: bool(n.attrs.maintenance),
      pending: bool(n.attrs.pending),
      unclean: bool(n.attrs.unclean),
      shutdown: bool(n.attrs.shutdown),
      isDc: bool(n.attrs.is_dc),
      resourcesRunning: Number(n.attrs.resources_running ?? 0),
    })),
    resources,
    failures: childrenNamed(child(root, 'failures'), 'failure').map((f) => ({
      opKey: f.attrs.op_key ?? '',
      node: f.attrs.node ?? '',
      task: f.attrs.task ?? '',
      intervalMs: ms(f.attrs.interval),
      exitCode: Number(f.attrs.exitcode ?? NaN),
      exitStatus: f.attrs.exitstatus ?? '',
      exitReason: f.attrs.exitreason ?? '',
      status: f.attrs.status ?? '',
      call: Number(f.attrs.call ?? NaN),
    })),
    history: childrenNamed(child(root, 'node_history'), 'node').flatMap((n) =>
      childrenNamed(n, 'resource_history').map((h) => ({
        node: n.attrs.name,
        resource: h.attrs.id,
        failCount:
          h.attrs['fail-count'] === 'INFINITY' ? Infinity : Number(h.attrs['fail-count'] ?? 0),
        operations: childrenNamed(h, 'operation_history').map((o) => ({
          call: Number(o.attrs.call),
          task: o.attrs.task,
          intervalMs: ms(o.attrs.interval),
          rc: Number(o.attrs.rc),
          rcText: o.attrs.rc_text ?? '',
        })),
      })),
    ),
  };
}

/** The primitive with this id, if crm_mon lists it. */
export function findResource(s: ClusterState, id: string): ResourceStatus | undefined {
  return s.resources.find((r) => r.id === id);
}

/** Names of the nodes crm_mon shows online. */
export function onlineNodes(s: ClusterState): string[] {
  return s.nodes.filter((n) => n.online).map((n) => n.name);
}

/** Fail count of a resource on one node, or summed over all nodes. */
export function failCount(s: ClusterState, resource: string, node?: string): number {
  return s.history
    .filter((h) => h.resource === resource && (node === undefined || h.node === node))
    .reduce((sum, h) => sum + h.failCount, 0);
}

/** One line describing a state, for error messages and test output. */
export function describeState(s: ClusterState): string {
  const nodes = s.nodes.map(
    (n) => `${n.name}:${n.online ? 'online' : 'offline'}${n.isDc ? '(DC)' : ''}`,
  );
  const rscs = s.resources.map(
    (r) =>
      `${r.id}:${r.role}${r.nodes.length ? '@' + r.nodes.join('+') : ''}${r.failed ? '!' : ''}`,
  );
  const fails = s.failures.map(
    (f) => `${f.opKey}@${f.node}=${f.exitStatus}${f.exitReason ? ` (${f.exitReason})` : ''}`,
  );
  return `dc=${s.dc ?? 'none'} nodes=[${nodes.join(' ')}] resources=[${rscs.join(' ')}] failures=[${fails.join(' ')}]`;
}
