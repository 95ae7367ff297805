/**
 * The console's page model: plain JSON views of the local cluster, independent of how they
 * are drawn. The web console renders them; another front end (a Windows Admin Center tool, a
 * terminal view) could render the same JSON. Times are epoch milliseconds; 64-bit property
 * values are decimal strings, never JSON numbers.
 */
import type { SchemaProperty } from '../../../bundle/sdk/schema-props.js';

/** A resource state as the cluster names it (Offline, OnlinePending, Online, Failed, ...). */
export type StateName = string;

export interface TypeInfo {
  /** The cluster resource type name. */
  name: string;
  displayName: string;
  /** The identifier in file and cmdlet names (New-<TypeId>Resource). */
  typeId: string;
  version: string;
}

export interface NodeRow {
  name: string;
  state: 'Up' | 'Down';
  /** Live RHS monitor processes on the node. */
  monitors: number;
}

export interface GroupRow {
  name: string;
  ownerNode: string | null;
  state: string;
  resources: string[];
}

export interface ResourceRow {
  name: string;
  group: string;
  ownerNode: string | null;
  state: StateName;
  restarts: number;
  /** Why the resource is in its state (the cluster's last word on it). */
  why: string;
}

/** The PowerShell behind a view or an action: the generated module and FailoverClusters. */
export interface PowerShellLines {
  /** What the line does, e.g. "Bring the resource online". */
  what: string;
  lines: string[];
}

export interface ClusterView {
  type: TypeInfo;
  timeScale: number;
  nodes: NodeRow[];
  groups: GroupRow[];
  resources: ResourceRow[];
  powershell: PowerShellLines[];
}

export interface Transition {
  resource: string;
  group: string;
  node: string | null;
  at: number;
  from: StateName;
  to: StateName;
  why: string;
}

export interface HealthPoint {
  resource: string;
  at: number;
  check: 'LooksAlive' | 'IsAlive';
  alive: boolean;
  ms: number;
}

export type MarkKind =
  | 'failure'
  | 'restart'
  | 'stay-failed'
  | 'failover'
  | 'move'
  | 'node-down'
  | 'node-up'
  | 'fault'
  | 'monitor';

/** Something worth a marker on the timeline: a failure, a failover, a lost node, ... */
export interface Mark {
  at: number;
  kind: MarkKind;
  resource?: string;
  group?: string;
  node?: string;
  text: string;
}

export type LogLevelName = 'DBG' | 'INFO' | 'WARN' | 'ERR';

export interface LogEntry {
  at: number;
  level: LogLevelName;
  component: string;
  /** The resource the line is about, if any. */
  resource?: string;
  text: string;
  /** The cluster-log line as written to the file. */
  line: string;
}

export interface Segment {
  state: StateName;
  from: number;
  /** null: the resource is still in this state. */
  to: number | null;
}

export interface PolicyView {
  restartAction: { value: number; meaning: string };
  restartThreshold: number;
  restartPeriod: number;
  restartDelay: number;
  retryPeriodOnFailure: number;
  pendingTimeout: number;
  deadlockTimeout: number;
  looksAlivePollInterval: number;
  isAlivePollInterval: number;
  separateMonitor: boolean;
}

export interface ActionView {
  /** Stable id sent back in the action request: online, offline, move, kill-app, ... */
  id: ActionId;
  label: string;
  /** Section of the Actions tab. */
  section: 'State' | 'Group' | 'Faults' | 'Nodes';
  /** The target node of move, lose-node and restore-node. */
  node?: string;
  enabled: boolean;
  /** Why the action is disabled. */
  disabledWhy?: string;
  powershell: PowerShellLines;
}

export type ActionId =
  | 'online'
  | 'offline'
  | 'move'
  | 'fail'
  | 'kill-app'
  | 'kill-host'
  | 'hang-host'
  | 'lose-node'
  | 'restore-node';

export interface ActionRequest {
  action: ActionId;
  resource: string;
  node?: string;
}

/** The answer of an action or a property change, with the Win32 status on failure. */
export interface ActionResult {
  ok: boolean;
  result?: unknown;
  error?: string;
  win32?: number;
  win32Name?: string;
  win32Message?: string;
}

export interface ResourceDetail {
  type: TypeInfo;
  name: string;
  group: string;
  ownerNode: string | null;
  state: StateName;
  why: string;
  wantOnline: boolean;
  restarts: number;
  monitorPid: number | null;
  pendingMs: number | null;
  looksAlive: { alive: boolean; at: number; ms: number } | null;
  isAlive: { alive: boolean; at: number; ms: number } | null;
  policy: PolicyView;
  lastFailure: { at: number; why: string; node: string | null } | null;
  stayFailed: { at: number; text: string } | null;
  dependsOn: string[];
  actions: ActionView[];
  timeScale: number;
}

/** Health checks and state segments of one resource, for the Detail chart. */
export interface ResourceSeries {
  resource: string;
  start: number;
  health: HealthPoint[];
  segments: Segment[];
}

/** One field of the Properties form: the schema entry, the stored value and the input hints. */
export interface PropertyField {
  schema: SchemaProperty;
  /** FailoverClusters ClusterParameterType name (UInt32, String, ByteArray, ...). */
  parameterType: string;
  /** The stored value in wire form (UInt64/Int64 as decimal strings, ByteArray as base64); null: none. */
  value: number | string | string[] | null;
  /** The generated module's parameter name (-Port), absent for read-only properties. */
  cmdletParameter?: string;
  /** Stored while the resource was online: takes effect after offline/online. */
  pendingRestart: boolean;
}

export interface PropertiesView {
  type: TypeInfo;
  resource: string;
  state: StateName;
  fields: PropertyField[];
  /** Private properties the library reports that the schema does not declare. */
  unknown: { name: string; type: string; value: number | string | string[] }[];
  /** ClusterParameterType names a value may be sent as, each with the kind it is encoded as. */
  parameterTypes: Record<string, SchemaProperty['kind']>;
  powershell: PowerShellLines[];
}

/** What came back from SET_PRIVATE_PROPERTIES, split for the form. */
export interface SetPropertiesResult {
  /** The library's raw status. */
  code: number;
  name: string;
  message: string;
  /** 0 or ERROR_RESOURCE_PROPERTIES_STORED: the values were kept. */
  stored: boolean;
  /** ERROR_RESOURCE_PROPERTIES_STORED: takes effect after offline/online. */
  afterRestart: boolean;
  /** With afterRestart, the properties sent that wait for the next online (see waitingOf). */
  waiting: string[];
  /** The library's reason, split per property it names. */
  fields: Record<string, string>;
  /** Parts of the reason that name no property of the request. */
  general: string[];
  powershell: PowerShellLines[];
}

export interface TimelineRow {
  resource: string;
  group: string;
  segments: Segment[];
}

export interface TimelineView {
  start: number;
  now: number;
  rows: TimelineRow[];
  marks: Mark[];
}

/** What the live stream (server-sent events) carries; `event:` is the key. */
export interface StreamMessages {
  cluster: ClusterView;
  detail: ResourceDetail;
  series: ResourceSeries;
  logs: LogEntry[];
  timeline: TimelineView;
  transition: Transition;
  health: HealthPoint;
  mark: Mark;
  log: LogEntry;
  properties: { resource: string };
}
