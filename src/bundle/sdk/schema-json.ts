/**
 * The second door into the schema rules: a schema as JSON, printed by a bundle that may come
 * from a stale or foreign runtime. Its values are turned back into declarations and run
 * through the same assembleSchema/schemaProperty as defineResourceType; the result must equal
 * the JSON exactly, because the build hashes the JSON and the host hashes its own schema.
 */
import { isPropKind, KIND_FORMAT } from '../clusprop/kinds.js';
import { SchemaError } from './errors.js';
import type { AnyPropSpec } from './prop.js';
import { assembleSchema } from './schema.js';
import type { Schema } from './schema-types.js';
import { fromSchemaValue } from './schema-values.js';

const SCHEMA_KEYS = [
  'schemaVersion',
  'type',
  'displayName',
  'version',
  'properties',
  'typeProperties',
  'requiredDependencies',
  'characteristics',
  'resourceClass',
  'resourceSubclass',
  'controls',
  'timeouts',
  'pollIntervals',
  'progressInterval',
];
const PROP_KEYS = ['name', 'kind', 'format', 'required', 'readOnly'];
const PROP_OPTIONAL = ['live', 'default', 'min', 'max', 'choices', 'description'];

/** Returns `value` as a Schema, or throws SchemaError naming the field and the rule. */
export function checkSchemaJson(value: unknown): Schema {
  const s = record(value, 'the schema');
  keys(s, SCHEMA_KEYS, [], 'the schema');
  if (s.schemaVersion !== 1) {
    fail(
      'BAD_OPTION',
      `schemaVersion is ${JSON.stringify(s.schemaVersion)}, this kit reads version 1: build the handler with this kit's runtime`,
    );
  }
  const deps = record(s.requiredDependencies, 'requiredDependencies');
  keys(deps, ['types', 'classes'], [], 'requiredDependencies');
  const timeouts = record(s.timeouts, 'timeouts');
  const polls = record(s.pollIntervals, 'pollIntervals');
  const schema = assembleSchema({
    type: s.type as string,
    displayName: s.displayName as string,
    version: s.version as string,
    properties: declarations(s.properties, 'properties'),
    typeProperties: declarations(s.typeProperties, 'typeProperties'),
    requiredDependencies: {
      types: list(deps.types, 'requiredDependencies.types') as string[],
      classes: list(deps.classes, 'requiredDependencies.classes') as number[],
    },
    characteristics: s.characteristics as number,
    resourceClass: s.resourceClass as number,
    resourceSubclass: s.resourceSubclass as number,
    controls: list(s.controls, 'controls'),
    timeouts: timeouts as never,
    pollIntervals: polls as never,
    progressInterval: s.progressInterval as number,
  });
  keys(timeouts, Object.keys(schema.timeouts), [], 'timeouts');
  keys(polls, Object.keys(schema.pollIntervals), [], 'pollIntervals');
  const diff = difference(schema, value, '');
  if (diff) fail('BAD_OPTION', diff);
  return schema;
}

/** Each PROP back as the declaration defineResourceType would have been given. */
function declarations(value: unknown, where: string): [string, AnyPropSpec][] {
  return list(value, where).map((item, i) => {
    const at = `${where}[${i}]`;
    const p = record(item, at);
    keys(p, PROP_KEYS, PROP_OPTIONAL, at);
    if (!isPropKind(p.kind)) {
      fail(
        'BAD_PROPERTY',
        `${at}.kind ${JSON.stringify(p.kind)} is not one of ${Object.keys(KIND_FORMAT).join(', ')}`,
      );
    }
    const options: Record<string, unknown> = { required: p.required, readOnly: p.readOnly };
    for (const key of ['default', 'min', 'max'] as const) {
      if (p[key] === undefined) continue;
      try {
        options[key] = fromSchemaValue(p.kind, p[key]);
      } catch (err) {
        fail(
          key === 'default' ? 'BAD_DEFAULT' : 'BAD_RANGE',
          `${at}.${key}: ${(err as Error).message}`,
        );
      }
    }
    if (p.live !== undefined) options.live = p.live;
    if (p.choices !== undefined) options.choices = p.choices;
    if (p.description !== undefined) options.description = p.description;
    return [p.name as string, { kind: p.kind, options } as AnyPropSpec];
  });
}

/** The first place where the schema this kit builds differs from the given JSON. */
function difference(mine: unknown, given: unknown, path: string): string | null {
  if (Array.isArray(mine) && Array.isArray(given) && mine.length === given.length) {
    for (let i = 0; i < mine.length; i++) {
      const d = difference(mine[i], given[i], `${path}[${i}]`);
      if (d) return d;
    }
    return null;
  }
  if (isRecord(mine) && isRecord(given)) {
    const a = Object.keys(mine);
    if (a.join() !== Object.keys(given).join()) {
      return `${path || 'the schema'} has its keys as ${Object.keys(given).join(', ')}; this kit writes ${a.join(', ')}`;
    }
    for (const key of a) {
      const d = difference(mine[key], given[key], path ? `${path}.${key}` : key);
      if (d) return d;
    }
    return null;
  }
  if (JSON.stringify(mine) === JSON.stringify(given)) return null;
  return `${path} is ${JSON.stringify(given)} where this kit writes ${JSON.stringify(mine)}`;
}

/** Refuses missing required keys and unknown keys, naming the first one. */
function keys(o: Record<string, unknown>, required: string[], optional: string[], where: string) {
  for (const key of required) {
    if (!(key in o)) fail('BAD_OPTION', `${where} lacks "${key}"`);
  }
  for (const key of Object.keys(o)) {
    if (!required.includes(key) && !optional.includes(key))
      fail('BAD_OPTION', `${where} has the unknown key "${key}"`);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function record(value: unknown, where: string): Record<string, unknown> {
  if (!isRecord(value)) fail('BAD_OPTION', `${where} must be an object`);
  return value;
}

function list(value: unknown, where: string): unknown[] {
  if (!Array.isArray(value)) fail('BAD_OPTION', `${where} must be an array`);
  return value;
}

function fail(code: ConstructorParameters<typeof SchemaError>[0], message: string): never {
  throw new SchemaError(code, message);
}
