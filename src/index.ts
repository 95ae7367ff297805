/** clusterkit: the public SDK for writing a cluster resource type handler. */
export { defineResourceType, isResourceTypeDefinition } from './bundle/sdk/define.js';
export type {
  ControlHandler,
  ResourceTypeDefinition,
  ResourceTypeOptions,
} from './bundle/sdk/define.js';
export { prop } from './bundle/sdk/prop.js';
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
} from './bundle/sdk/prop.js';
export type {
  ExitInfo,
  ManagedProcess,
  Probes,
  ResourceContext,
  ResourceLog,
  SpawnOptions,
} from './bundle/sdk/context.js';
export { ResourceError, SchemaError } from './bundle/sdk/errors.js';
export type { SchemaErrorCode } from './bundle/sdk/errors.js';
export {
  schemaHash,
  DEFAULT_TIMEOUTS,
  DEFAULT_POLL_INTERVALS,
  DEFAULT_PROGRESS_INTERVAL,
} from './bundle/sdk/schema.js';
export type {
  Schema,
  SchemaProperty,
  Timeouts,
  PollIntervals,
  RequiredDependencies,
} from './bundle/sdk/schema.js';
export { KIT_VERSION } from './bundle/version.js';
