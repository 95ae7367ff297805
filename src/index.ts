/** clusterkit: the public SDK for writing a cluster resource type handler. */
export { defineResourceType, isResourceTypeDefinition } from './sdk/define.js';
export type { ControlHandler, ResourceTypeDefinition, ResourceTypeOptions } from './sdk/define.js';
export { prop } from './sdk/prop.js';
export type {
  AnyPropSpec,
  Kind,
  KindValue,
  PropOptions,
  PropSpec,
  PropsOf,
  PublishOf,
  RangePropOptions,
  ValueOf,
} from './sdk/prop.js';
export type {
  ExitInfo,
  ManagedProcess,
  Probes,
  ResourceContext,
  ResourceLog,
  SpawnOptions,
} from './sdk/context.js';
export { ResourceError, SchemaError } from './sdk/errors.js';
export type { SchemaErrorCode } from './sdk/errors.js';
export {
  schemaHash,
  DEFAULT_TIMEOUTS,
  DEFAULT_POLL_INTERVALS,
  DEFAULT_PROGRESS_INTERVAL,
} from './sdk/schema.js';
export type {
  Schema,
  SchemaProperty,
  Timeouts,
  PollIntervals,
  RequiredDependencies,
} from './sdk/schema.js';
export { KIT_VERSION } from './version.js';
