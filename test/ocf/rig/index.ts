/**
 * A real Pacemaker cluster for tests: startCluster() runs Corosync and Pacemaker in
 * namespaces (one set per node), the handle drives and observes it, stop() leaves nothing.
 * See README.md in this folder.
 */
export { startCluster, type StartClusterOptions } from './start-cluster.js';
export { RigCluster, type WaitOptions, type CrmResourceOptions } from './cluster.js';
export {
  parseCrmMon,
  findResource,
  onlineNodes,
  failCount,
  describeState,
  type ClusterState,
  type NodeStatus,
  type ResourceStatus,
  type FailedAction,
  type ResourceHistory,
  type OperationRecord,
} from './crm-mon.js';
export { RigError, type RigErrorCode } from './errors.js';
export { type RunResult, type RunOptions } from './exec.js';
export { listRigProcesses, RIG_MARKER, type ProcInfo, type RigProcess } from './procs.js';
export { findLeftovers, sweepStaleRigs, type Leftovers } from './teardown.js';
export { DEFAULT_CLUSTER_OPTIONS } from './config.js';
