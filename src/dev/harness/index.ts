/* clusterkit/harness: a Resource Hosting Subsystem (RHS) emulator over koffi. */
export { ResourceMonitor } from './monitor.js';
export type { MonitorOptions, CreateResourceOptions } from './monitor-options.js';
export { Resource } from './resource.js';
export type { ControlResult } from './entry-points.js';
export { ClusterDatabase } from './database.js';
export type { RegValue, DatabaseOptions } from './database.js';
export {
  CLUSCTL_RESOURCE_ENUM_PRIVATE_PROPERTIES,
  CLUSCTL_RESOURCE_GET_CHARACTERISTICS,
  CLUSCTL_RESOURCE_GET_CLASS_INFO,
  CLUSCTL_RESOURCE_GET_PRIVATE_PROPERTIES,
  CLUSCTL_RESOURCE_GET_PRIVATE_PROPERTY_FMTS,
  CLUSCTL_RESOURCE_GET_REQUIRED_DEPENDENCIES,
  CLUSCTL_RESOURCE_GET_RO_PRIVATE_PROPERTIES,
  CLUSCTL_RESOURCE_SET_NAME,
  CLUSCTL_RESOURCE_SET_PRIVATE_PROPERTIES,
  CLUSCTL_RESOURCE_TYPE_GET_CHARACTERISTICS,
  CLUSCTL_RESOURCE_TYPE_GET_CLASS_INFO,
  CLUSCTL_RESOURCE_TYPE_GET_PRIVATE_PROPERTIES,
  CLUSCTL_RESOURCE_TYPE_GET_PRIVATE_PROPERTY_FMTS,
  CLUSCTL_RESOURCE_TYPE_SET_PRIVATE_PROPERTIES,
  CLUSCTL_RESOURCE_UNKNOWN,
  CLUSCTL_RESOURCE_VALIDATE_PRIVATE_PROPERTIES,
  INFINITE,
  REG_BINARY,
  REG_DWORD,
  REG_EXPAND_SZ,
  REG_MULTI_SZ,
  REG_NONE,
  REG_QWORD,
  REG_SZ,
  RHS_DEFAULT_TIMING,
  userControlCode,
} from '../../bundle/resapi/index.js';
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
export {
  BundleSchemaError,
  ControlFailedError,
  DatabaseFileError,
  DuplicateResourceError,
  HarnessError,
  InvalidArgumentError,
  LibraryCallError,
  LibraryInUseError,
  LibraryLoadError,
  MonitorClosedError,
  OfflineFailedError,
  OnlineFailedError,
  OpenFailedError,
  PendingTimeoutError,
  PropertiesRejectedError,
  ResourceClosedError,
  StartupError,
  StateTimeoutError,
  TerminatedError,
} from './errors.js';
export {
  childProcesses,
  descendantProcesses,
  findHostProcesses,
  isProcessRunning,
  readProcess,
} from './processes.js';
export type { ProcessInfo } from './processes.js';
export type { PropertyValues } from './properties.js';
