/** The local cluster built on the harness: nodes, monitor processes, groups, policy, log, faults. */
export { LocalCluster } from './cluster.js';
export type { ClusterOptions, GroupOptions, ResourceOptions } from './cluster-options.js';
export type { ResourceSnapshot, HealthResult } from './cluster-resource.js';
export type { Faults } from './faults.js';
export { EventStream } from './events.js';
export type { ClusterEvent, StampedEvent } from './events.js';
export { ClusterLog, formatLogLine, parseLogLine } from './cluster-log.js';
export type { LogRecord } from './cluster-log.js';
export { ClusterError, BadSettingError, DependencyCycleError, CallFailedError } from './errors.js';
export { MonitorGoneError } from './monitor-process.js';
export { FakeClock, SystemClock } from './clock.js';
export type { Clock } from './clock.js';
export {
  INFINITE,
  RHS_RESOURCE_DEFAULTS,
  RHS_TYPE_DEFAULTS,
  RHS_GROUP_DEFAULTS,
} from './settings.js';
export type { ResourcePolicy, TypePolicy, GroupPolicy } from './settings.js';
