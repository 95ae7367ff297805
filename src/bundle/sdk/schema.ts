/**
 * The schema (docs/schema.md): plain JSON derived from a resource type definition,
 * with a fixed key order so that its hash is stable.
 */
import { createHash } from 'node:crypto';
import { SchemaError } from './errors.js';
import type { AnyPropSpec } from './prop.js';
import { schemaProperty, type SchemaProperty } from './schema-props.js';
import {
  CLUS_RESCLASS_USER,
  DEFAULT_POLL_INTERVALS,
  DEFAULT_PROGRESS_INTERVAL,
  DEFAULT_TIMEOUTS,
  MAX_CONTROL_FUNCTION,
  type PollIntervals,
  type RequiredDependencies,
  type Schema,
  type Timeouts,
} from './schema-types.js';

export type { SchemaProperty } from './schema-props.js';
export { KIND_FORMAT } from '../clusprop/kinds.js';

export type { PollIntervals, RequiredDependencies, Schema, Timeouts } from './schema-types.js';
export {
  CLUS_RESCLASS_USER,
  DEFAULT_POLL_INTERVALS,
  DEFAULT_PROGRESS_INTERVAL,
  DEFAULT_TIMEOUTS,
  MAX_CONTROL_FUNCTION,
} from './schema-types.js';

/** What buildSchema reads from the definition (handlers are not part of it). */
export interface SchemaInput {
  type: string;
  displayName?: string;
  version?: string;
  properties: Record<string, AnyPropSpec>;
  typeProperties?: Record<string, AnyPropSpec>;
  requiredDependencies?: { types?: string[]; classes?: number[] };
  characteristics?: number;
  resourceClass?: number;
  resourceSubclass?: number;
  controls?: Record<number, unknown>;
  timeouts?: Partial<Timeouts>;
  pollIntervals?: Partial<PollIntervals>;
  progressInterval?: number;
}

const BAD_TYPE_CHARS = /[\u0000-\u001f\u007f\\/:*?"<>|]/;

/** Checks a cluster resource type name (also used for required dependency types). */
export function checkTypeName(name: unknown, what = 'type'): asserts name is string {
  if (
    typeof name !== 'string' ||
    name.length < 1 ||
    name.length > 64 ||
    BAD_TYPE_CHARS.test(name)
  ) {
    throw new SchemaError(
      'BAD_TYPE_NAME',
      `${what} ${JSON.stringify(name)} is not a valid cluster type name: use 1 to 64 characters, ` +
        'no control characters and none of \\ / : * ? " < > |',
    );
  }
}

function uint32(value: unknown, what: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || (value as number) < 0 || (value as number) > 0xffffffff) {
    throw new SchemaError(
      'BAD_OPTION',
      `${what} must be an integer 0..4294967295, got ${String(value)}`,
    );
  }
  return value as number;
}

function positiveMs<T extends object>(given: Partial<T> | undefined, defaults: T, what: string): T {
  const out = { ...defaults };
  for (const [key, value] of Object.entries(given ?? {})) {
    if (!(key in defaults)) {
      throw new SchemaError(
        'BAD_TIMEOUT',
        `${what}.${key} is unknown; known: ${Object.keys(defaults).join(', ')}`,
      );
    }
    if (value === undefined) continue;
    if (!Number.isInteger(value) || (value as number) <= 0 || (value as number) > 0xffffffff) {
      throw new SchemaError(
        'BAD_TIMEOUT',
        `${what}.${key} must be a positive integer (milliseconds), got ${String(value)}`,
      );
    }
    (out as Record<string, unknown>)[key] = value;
  }
  return out;
}

function propertyList(
  props: Record<string, AnyPropSpec> | undefined,
  what: string,
): SchemaProperty[] {
  if (props === undefined) return [];
  if (props === null || typeof props !== 'object') {
    throw new SchemaError('BAD_OPTION', `${what} must be an object of prop.* declarations`);
  }
  const seen = new Map<string, string>();
  return Object.entries(props).map(([name, spec]) => {
    const lower = name.toLowerCase();
    if (seen.has(lower)) {
      throw new SchemaError(
        'DUPLICATE_PROPERTY',
        `${what}: ${name} and ${seen.get(lower)} differ only in case; the cluster database is case-insensitive, rename one`,
      );
    }
    seen.set(lower, name);
    return schemaProperty(name, spec);
  });
}

function controlNumbers(controls: Record<number, unknown> | undefined): number[] {
  const keys = Object.keys(controls ?? {});
  const numbers = keys.map((key) => {
    const n = Number(key);
    if (!/^\d+$/.test(key) || String(n) !== key || n > MAX_CONTROL_FUNCTION) {
      throw new SchemaError(
        'BAD_CONTROL',
        `control function ${key} must be an integer 0..${MAX_CONTROL_FUNCTION} (0x3FFFF)`,
      );
    }
    if (typeof (controls as Record<string, unknown>)[key] !== 'function') {
      throw new SchemaError(
        'BAD_CONTROL',
        `control function ${key} must be a function (ctx, input) => output`,
      );
    }
    return n;
  });
  return numbers.sort((a, b) => a - b);
}

function dependencies(deps: SchemaInput['requiredDependencies']): RequiredDependencies {
  const types = [...(deps?.types ?? [])];
  types.forEach((t) => checkTypeName(t, 'required dependency type'));
  const classes = (deps?.classes ?? []).map((c) => uint32(c, 'required dependency class', 0));
  return { types, classes };
}

/** Builds the schema of a definition, checking every rule of docs/schema.md. */
export function buildSchema(input: SchemaInput): Schema {
  checkTypeName(input.type);
  const displayName = input.displayName ?? input.type;
  if (typeof displayName !== 'string' || displayName === '') {
    throw new SchemaError('BAD_OPTION', 'displayName must be a non-empty string');
  }
  const version = input.version ?? '1.0.0';
  if (typeof version !== 'string' || !/^[0-9A-Za-z.+\-]{1,64}$/.test(version)) {
    throw new SchemaError(
      'BAD_OPTION',
      `version ${JSON.stringify(version)} must look like "1.0.0"`,
    );
  }
  const progressInterval = input.progressInterval ?? DEFAULT_PROGRESS_INTERVAL;
  if (
    !Number.isInteger(progressInterval) ||
    progressInterval < 0 ||
    progressInterval > 0xffffffff
  ) {
    throw new SchemaError(
      'BAD_TIMEOUT',
      `progressInterval must be an integer >= 0 (ms; 0 = off), got ${progressInterval}`,
    );
  }
  return {
    schemaVersion: 1,
    type: input.type,
    displayName,
    version,
    properties: propertyList(input.properties, 'properties'),
    typeProperties: propertyList(input.typeProperties, 'typeProperties'),
    requiredDependencies: dependencies(input.requiredDependencies),
    characteristics: uint32(input.characteristics, 'characteristics', 0),
    resourceClass: uint32(input.resourceClass, 'resourceClass', CLUS_RESCLASS_USER),
    resourceSubclass: uint32(input.resourceSubclass, 'resourceSubclass', 0),
    controls: controlNumbers(input.controls),
    timeouts: positiveMs(input.timeouts, DEFAULT_TIMEOUTS, 'timeouts'),
    pollIntervals: positiveMs(input.pollIntervals, DEFAULT_POLL_INTERVALS, 'pollIntervals'),
    progressInterval,
  };
}

/** Lower-case hex SHA-256 of JSON.stringify(schema): the hash HELLO announces. */
export function schemaHash(schema: Schema): string {
  return createHash('sha256').update(JSON.stringify(schema)).digest('hex');
}
