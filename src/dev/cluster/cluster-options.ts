import type { Clock } from './clock.js';
import type { GroupPolicy, ResourcePolicy, TypePolicy } from './settings.js';

export interface ClusterOptions {
  /** The built resource library (lib<Type>.so). */
  library: string;
  /** The resource type name. */
  type: string;
  /** The handler bundle (default: found next to the library). */
  bundle?: string;
  /** The type's schema (buildType's result): poll intervals come from it. */
  schema?: {
    pollIntervals?: { looksAlive: number; isAlive: number };
    displayName?: string;
    /** The types it requires dependencies on: the cluster can stand in for them. */
    requiredDependencies?: { types: readonly string[] };
  };
  /** Register the type at start, as if Add-ClusterResourceType had run (default true). */
  registerType?: boolean;
  /** Node names, or how many (named node1..nodeN). Default 2. */
  nodes?: string[] | number;
  /** Multiplies every time value (RHS defaults and explicit ones); 0.01 runs 100 times faster. */
  timeScale?: number;
  /** Type common properties (ms). */
  typePolicy?: Partial<TypePolicy>;
  /** PendingTimeout is capped by DeadlockTimeout, as the current docs say (default true). */
  capPendingByDeadlock?: boolean;
  /** Append the cluster log to this file. */
  logFile?: string;
  /**
   * Step-through debugging: the monitor of this resource (its SeparateMonitor, on whichever
   * node) starts its handler host with the Node inspector on 127.0.0.1:`port`
   * (CLUSTERKIT_INSPECT, docs/debugging.md).
   */
  inspect?: { resource: string; port: number };
  clock?: Clock;
}

export interface GroupOptions {
  preferredOwners?: string[];
  policy?: Partial<GroupPolicy>;
}

export interface ResourceOptions {
  /**
   * Another resource type (e.g. "Physical Disk"): the cluster plays the resource itself, so a
   * dependency the built type requires can be modeled. It comes online and goes offline at
   * once, fails only when told to, and has no properties, library or monitor.
   */
  type?: string;
  /** The group it belongs to (created on the fly; default: a group named after the resource). */
  group?: string;
  props?: Record<string, unknown>;
  /** Resources (same group) this one depends on. */
  dependsOn?: string[];
  /** Resource common properties (RestartAction, thresholds, intervals, SeparateMonitor, ...). */
  policy?: Partial<ResourcePolicy>;
}

export function nodeNames(nodes: string[] | number | undefined): string[] {
  if (Array.isArray(nodes)) return nodes;
  const n = nodes ?? 2;
  return Array.from({ length: n }, (_, i) => `node${i + 1}`);
}
