/**
 * The schema as the generator reads it (docs/schema.md). A structural mirror of the SDK's
 * output, kept here so the build checks what it receives instead of trusting it.
 */

import type { PropKind } from '../src/bundle/clusprop/kinds.js';
import type { Timeouts } from '../src/bundle/sdk/schema-types.js';

export type { PropKind } from '../src/bundle/clusprop/kinds.js';
export { KIND_FORMAT } from '../src/bundle/clusprop/kinds.js';

export interface SchemaProp {
  name: string;
  kind: PropKind;
  format: number;
  required: boolean;
  readOnly: boolean;
  default?: number | string | string[];
  min?: number | string;
  max?: number | string;
  description?: string;
}

export type SchemaTimeouts = Timeouts;

export interface ResourceTypeSchema {
  schemaVersion: 1;
  type: string;
  displayName: string;
  version: string;
  properties: SchemaProp[];
  typeProperties: SchemaProp[];
  requiredDependencies: { types: string[]; classes: number[] };
  characteristics: number;
  resourceClass: number;
  resourceSubclass: number;
  controls: number[];
  timeouts: SchemaTimeouts;
  pollIntervals: { looksAlive: number; isAlive: number };
  progressInterval: number;
}

export const TIMEOUT_KEYS: readonly (keyof SchemaTimeouts)[] = [
  'open',
  'close',
  'online',
  'offline',
  'terminate',
  'looksAlive',
  'isAlive',
  'control',
  'handshake',
];
