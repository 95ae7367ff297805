/**
 * What the cluster's parts (operations, recovery, node loss, faults) need of the cluster:
 * LocalCluster implements it, and they depend on this interface instead of on LocalCluster,
 * so the imports point one way (as the harness does with ResourceHost).
 */
import type { Clock } from './clock.js';
import type { ClusterOptions } from './cluster-options.js';
import type { ClusterGroup, ClusterResource } from './cluster-resource.js';
import type { ClusterEvent } from './events.js';
import type { MonitorProcess } from './monitor-process.js';
import type { SimNode } from './node.js';

export interface ClusterCore {
  readonly options: ClusterOptions;
  readonly nodes: ReadonlyMap<string, SimNode>;
  readonly groups: ReadonlyMap<string, ClusterGroup>;
  readonly resources: ReadonlyMap<string, ClusterResource>;
  readonly clock: Clock;
  readonly closed: boolean;
  node(name: string): SimNode;
  resource(name: string): ClusterResource;
  upNodes(): Set<string>;
  /** The running monitor process of the resource, started if needed. */
  monitorOf(r: ClusterResource): Promise<MonitorProcess>;
  /** Opens the resource in its monitor on its node. */
  open(r: ClusterResource): Promise<void>;
  emit(e: ClusterEvent): void;
  note(
    level: 'INFO' | 'WARN' | 'ERR',
    component: 'RES' | 'RHS' | 'RCM' | 'NODE',
    name: string,
    text: string,
    pid?: number,
  ): void;
  resLog(name: string, level: number, text: string, pid?: number): void;
  /** A resource failed while wanted online: dependents offline, then the restart policy. */
  resourceFailed(r: ClusterResource, why: string): void;
}
