/** Types and defaults of the schema (docs/schema.md). */
import type { SchemaProperty } from './schema-props.js';

/** Per-call deadlines in milliseconds. */
export interface Timeouts {
  open: number;
  close: number;
  online: number;
  offline: number;
  terminate: number;
  looksAlive: number;
  isAlive: number;
  control: number;
  handshake: number;
}

/** RHS poll intervals of the type, in milliseconds. */
export interface PollIntervals {
  looksAlive: number;
  isAlive: number;
}

export interface RequiredDependencies {
  types: string[];
  classes: number[];
}

export interface Schema {
  schemaVersion: 1;
  type: string;
  displayName: string;
  version: string;
  properties: SchemaProperty[];
  typeProperties: SchemaProperty[];
  requiredDependencies: RequiredDependencies;
  characteristics: number;
  resourceClass: number;
  resourceSubclass: number;
  controls: number[];
  timeouts: Timeouts;
  pollIntervals: PollIntervals;
  progressInterval: number;
}

export const DEFAULT_TIMEOUTS: Readonly<Timeouts> = Object.freeze({
  open: 5000,
  close: 5000,
  online: 300000,
  offline: 300000,
  terminate: 3000,
  looksAlive: 1000,
  isAlive: 5000,
  control: 10000,
  handshake: 10000,
});
export const DEFAULT_POLL_INTERVALS: Readonly<PollIntervals> = Object.freeze({
  looksAlive: 5000,
  isAlive: 60000,
});
/**
 * Automatic progress is off unless a type asks for it: only ctx.progress() says that a pending
 * Online/Offline moves, so RHS's PendingTimeout ends one that hangs (docs/schema.md, "Progress").
 */
export const DEFAULT_PROGRESS_INTERVAL = 0;
export { CLUS_RESCLASS_USER, MAX_CONTROL_FUNCTION } from '../resapi/index.js';
