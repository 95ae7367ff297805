/**
 * The schema as the generator reads it (docs/schema.md). A structural mirror of the SDK's
 * output, kept here so the build checks what it receives instead of trusting it.
 */

export type PropKind =
  | 'dword'
  | 'long'
  | 'bool'
  | 'string'
  | 'expandString'
  | 'multiString'
  | 'binary'
  | 'ulargeInteger'
  | 'largeInteger';

/** CLUSPROP_FORMAT_* of each kind (bool is stored as a DWORD). */
export const KIND_FORMAT: Readonly<Record<PropKind, number>> = {
  binary: 1,
  dword: 2,
  bool: 2,
  string: 3,
  expandString: 4,
  multiString: 5,
  ulargeInteger: 6,
  long: 7,
  largeInteger: 10,
};

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

export interface SchemaTimeouts {
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
