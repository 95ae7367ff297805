/** clusterkit: the public SDK for writing a cluster resource type handler. */
export { defineResourceType, isResourceTypeDefinition } from './bundle/sdk/define.js';
export type {
  ControlDataValue,
  ControlHandler,
  ControlSpec,
  ControlSpecOf,
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
  SecretPropOptions,
  ValidatePropsOf,
  ValueOf,
} from './bundle/sdk/prop.js';
export type {
  Account,
  CallContext,
  ChangeResult,
  ExitInfo,
  ManagedProcess,
  OutputLevel,
  Probes,
  PropertyChange,
  ResourceContext,
  ResourceLog,
  SignalScope,
  SpawnOptions,
  StopOptions,
  ValidateContext,
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
  ControlData,
  Schema,
  SchemaControl,
  SchemaProperty,
  Timeouts,
  PollIntervals,
  RequiredDependencies,
} from './bundle/sdk/schema.js';
export { KIT_VERSION } from './bundle/version.js';
