/* clusterkit/harness: a Resource Hosting Subsystem (RHS) emulator over koffi. */
export { ResourceMonitor } from './monitor.js';
export type { MonitorOptions, CreateResourceOptions } from './monitor-options.js';
export { Resource } from './resource.js';
export type { ControlResult } from './entry-points.js';
export {
  ClusterDatabase,
  REG_BINARY,
  REG_DWORD,
  REG_EXPAND_SZ,
  REG_MULTI_SZ,
  REG_NONE,
  REG_QWORD,
  REG_SZ,
} from './database.js';
export type { RegValue, DatabaseOptions } from './database.js';
export { RHS_DEFAULT_TIMING, INHERIT } from './timing.js';
export type { Timing } from './timing.js';
export type {
  AnomalyEvent,
  CallEvent,
  CheckEvent,
  DeadlockEvent,
  HarnessEvent,
  LogEvent,
  LogLevelName,
  ResourceState,
  SignalEvent,
  StateEvent,
  StatusEvent,
} from './events.js';
export * from './errors.js';
export * from './control-codes.js';
export {
  childProcesses,
  descendantProcesses,
  findHostProcesses,
  isProcessRunning,
  readProcess,
} from './processes.js';
export type { ProcessInfo } from './processes.js';
export type { PropertyValues } from './properties.js';
