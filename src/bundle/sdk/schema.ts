/**
 * The schema (docs/schema.md): plain JSON derived from a resource type definition,
 * with a fixed key order so that its hash is stable.
 */
import { createHash } from 'node:crypto';
import { SchemaError } from './errors.js';
import type { AnyPropSpec } from './prop.js';
import { typeNameProblem } from './names.js';
import { schemaProperty, type SchemaProperty } from './schema-props.js';
import {
  CLUS_RESCLASS_USER,
  CONTROL_DATA,
  DEFAULT_POLL_INTERVALS,
  DEFAULT_PROGRESS_INTERVAL,
  DEFAULT_TIMEOUTS,
  MAX_CONTROL_FUNCTION,
  type PollIntervals,
  type RequiredDependencies,
  type Schema,
  type SchemaControl,
  type Timeouts,
} from './schema-types.js';

export type { SchemaProperty } from './schema-props.js';
export { KIND_FORMAT } from '../clusprop/kinds.js';

export type {
  ControlData,
  PollIntervals,
  RequiredDependencies,
  Schema,
  SchemaControl,
  Timeouts,
} from './schema-types.js';
export {
  CLUS_RESCLASS_USER,
  CONTROL_DATA,
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

/** Checks a cluster resource type name (also used for required dependency types). */
export function checkTypeName(name: unknown, what = 'type'): asserts name is string {
  const problem = typeNameProblem(name);
  if (problem) {
    throw new SchemaError(
      'BAD_TYPE_NAME',
      `${what} ${JSON.stringify(name)} is not a valid cluster type name: it ${problem}`,
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

/** [name, declaration] pairs of a properties option, in declaration order. */
function declared(props: unknown, what: string): [string, AnyPropSpec][] {
  if (props === undefined) return [];
  if (props === null || typeof props !== 'object') {
    throw new SchemaError('BAD_OPTION', `${what} must be an object of prop.* declarations`);
  }
  return Object.entries(props as Record<string, AnyPropSpec>);
}

function propertyList(entries: [string, AnyPropSpec][], what: string): SchemaProperty[] {
  const seen = new Map<string, string>();
  return entries.map(([name, spec]) => {
    const lower = typeof name === 'string' ? name.toLowerCase() : name;
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

/**
 * The controls option as schema entries: canonical decimal keys, each a function (bytes in,
 * bytes or text out) or a spec `{ name?, description?, input, output, run }`.
 */
function controlEntries(controls: Record<number, unknown> | undefined): unknown[] {
  return Object.keys(controls ?? {}).map((key) => {
    if (!/^(?:0|[1-9][0-9]*)$/.test(key)) throw badControl(key);
    const handler = (controls as Record<string, unknown>)[key];
    if (typeof handler === 'function')
      return { function: Number(key), input: 'bytes', output: 'bytes' };
    const spec = handler as Record<string, unknown> | null;
    if (spec === null || typeof spec !== 'object' || typeof spec.run !== 'function') {
      throw new SchemaError(
        'BAD_CONTROL',
        `control function ${key} must be a function (ctx, input) => output or { input, output, run }`,
      );
    }
    const entry: Record<string, unknown> = { function: Number(key) };
    if (spec.name !== undefined) entry.name = spec.name;
    entry.input = spec.input;
    entry.output = spec.output;
    if (spec.description !== undefined) entry.description = spec.description;
    for (const k of Object.keys(spec)) {
      if (!['name', 'description', 'input', 'output', 'run'].includes(k))
        throw new SchemaError(
          'BAD_CONTROL',
          `control ${key} has the unknown key "${k}"; known: name, description, input, output, run`,
        );
    }
    return entry;
  });
}

/** A control's name: the admin module makes it part of a function name. */
const CONTROL_NAME = /^[A-Za-z][A-Za-z0-9]{0,63}$/;

/** Checked schema entries, sorted by function number, without duplicates. */
function controlList(entries: unknown[]): SchemaControl[] {
  const seen = new Set<number>();
  const names = new Map<string, number>();
  const out = entries.map((item, i) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item))
      throw new SchemaError(
        'BAD_CONTROL',
        `controls[${i}] must be an object such as { "function": 7, "input": "bytes", "output": "bytes" }, got ${JSON.stringify(item)}`,
      );
    const e = item as Record<string, unknown>;
    const n = e.function;
    if (!Number.isInteger(n) || (n as number) < 0 || (n as number) > MAX_CONTROL_FUNCTION)
      throw badControl(String(n));
    const fn = n as number;
    if (seen.has(fn)) throw new SchemaError('BAD_CONTROL', `control function ${fn} appears twice`);
    seen.add(fn);
    let name: string | undefined;
    if (e.name !== undefined) {
      if (typeof e.name !== 'string' || !CONTROL_NAME.test(e.name))
        throw new SchemaError(
          'BAD_CONTROL',
          `control ${fn}: name ${JSON.stringify(e.name)} must be a letter then letters or digits (at most 64), e.g. FlushLog`,
        );
      const lower = e.name.toLowerCase();
      if (names.has(lower))
        throw new SchemaError(
          'BAD_CONTROL',
          `controls ${names.get(lower)} and ${fn} are both named ${e.name} (names compare without case)`,
        );
      names.set(lower, fn);
      name = e.name;
    }
    for (const side of ['input', 'output'] as const) {
      if (!CONTROL_DATA.includes(e[side] as never))
        throw new SchemaError(
          'BAD_CONTROL',
          `control ${fn}: ${side} must be one of ${CONTROL_DATA.join(', ')}, got ${JSON.stringify(e[side])}`,
        );
    }
    if (e.description !== undefined && typeof e.description !== 'string')
      throw new SchemaError('BAD_CONTROL', `control ${fn}: description must be a string`);
    // Key order is the schema's: function, name, input, output, description.
    const control = { function: fn } as SchemaControl;
    if (name !== undefined) control.name = name;
    control.input = e.input as SchemaControl['input'];
    control.output = e.output as SchemaControl['output'];
    if (e.description !== undefined) control.description = e.description as string;
    return control;
  });
  return out.sort((a, b) => a.function - b.function);
}

function badControl(key: string): SchemaError {
  return new SchemaError(
    'BAD_CONTROL',
    `control function ${key} must be an integer 0..${MAX_CONTROL_FUNCTION} (0x3FFFF)`,
  );
}

function dependencies(deps: SchemaFields['requiredDependencies']): RequiredDependencies {
  const types = [...(deps?.types ?? [])];
  types.forEach((t) => checkTypeName(t, 'required dependency type'));
  const classes = (deps?.classes ?? []).map((c) => uint32(c, 'required dependency class', 0));
  return { types, classes };
}

/** Builds the schema of a definition, checking every rule of docs/schema.md. */
export function buildSchema(input: SchemaInput): Schema {
  return assembleSchema({
    ...input,
    properties: declared(input.properties, 'properties'),
    typeProperties: declared(input.typeProperties, 'typeProperties'),
    controls: controlEntries(input.controls),
  });
}

/**
 * A definition's fields in the order and form both doors can give them: property
 * declarations as [name, spec] pairs, control functions as numbers. Absent optional fields
 * take their defaults.
 */
export interface SchemaFields extends Omit<
  SchemaInput,
  'properties' | 'typeProperties' | 'controls'
> {
  properties: [string, AnyPropSpec][];
  typeProperties: [string, AnyPropSpec][];
  controls: unknown[];
}

/** The schema of checked fields: every rule of docs/schema.md, for both doors. */
export function assembleSchema(input: SchemaFields): Schema {
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
  const typeProperties = propertyList(input.typeProperties, 'typeProperties');
  for (const p of typeProperties) {
    if (p.kind === 'secret' || p.live) {
      throw new SchemaError(
        'BAD_PROPERTY',
        `typeProperties: ${p.name} is ${p.live ? 'live' : 'a secret'}, which only a resource's own properties can be (the cluster protects secrets per resource; only resources run)`,
      );
    }
  }
  return {
    schemaVersion: 1,
    type: input.type,
    displayName,
    version,
    properties: propertyList(input.properties, 'properties'),
    typeProperties,
    requiredDependencies: dependencies(input.requiredDependencies),
    characteristics: uint32(input.characteristics, 'characteristics', 0),
    resourceClass: uint32(input.resourceClass, 'resourceClass', CLUS_RESCLASS_USER),
    resourceSubclass: uint32(input.resourceSubclass, 'resourceSubclass', 0),
    controls: controlList(input.controls),
    timeouts: positiveMs(input.timeouts, DEFAULT_TIMEOUTS, 'timeouts'),
    pollIntervals: positiveMs(input.pollIntervals, DEFAULT_POLL_INTERVALS, 'pollIntervals'),
    progressInterval,
  };
}

/** Lower-case hex SHA-256 of JSON.stringify(schema): the hash HELLO announces. */
export function schemaHash(schema: Schema): string {
  return createHash('sha256').update(JSON.stringify(schema)).digest('hex');
}
