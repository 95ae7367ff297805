/**
 * Turns one declared property into its schema entry (docs/schema.md PROP), checking every
 * rule that concerns a single property. The build's check of a printed schema runs the same
 * function (schema-json.ts), so both doors apply one rule set.
 */
import { SchemaError } from './errors.js';
import { KIND_FORMAT, KIND_RANGE, RANGED_KINDS, isPropKind } from '../clusprop/kinds.js';
import { propertyNameProblem } from './names.js';
import type { AnyPropSpec, Kind } from './prop.js';
import { toSchemaValue, type SchemaValue } from './schema-values.js';

/** One property as it appears in the schema. Key order is fixed. */
export interface SchemaProperty {
  name: string;
  kind: Kind;
  format: number;
  required: boolean;
  readOnly: boolean;
  default?: SchemaValue;
  min?: number | string;
  max?: number | string;
  description?: string;
}

const OPTION_KEYS = new Set(['default', 'required', 'readOnly', 'description', 'min', 'max']);

/** Checks a property name (docs/schema.md, "Names"). */
export function checkPropertyName(name: unknown): asserts name is string {
  const problem = propertyNameProblem(name);
  if (problem) {
    throw new SchemaError(
      'BAD_PROPERTY_NAME',
      `property name ${JSON.stringify(name)} ${problem}: use 1 to 64 ASCII letters, digits, '_', '-', '.' or inner spaces`,
    );
  }
}

function fail(
  code: 'BAD_DEFAULT' | 'BAD_RANGE' | 'BAD_OPTION' | 'BAD_PROPERTY',
  name: string,
  what: string,
): never {
  throw new SchemaError(code, `property ${name}: ${what}`);
}

/** A numeric option as a bigint, checked against the kind's range. */
function numeric(name: string, kind: Kind, key: string, value: unknown): bigint {
  const code = key === 'default' ? 'BAD_DEFAULT' : 'BAD_RANGE';
  const range = KIND_RANGE[kind]!;
  const small = range.bytes === 4;
  if (small ? !Number.isInteger(value) : typeof value !== 'bigint') {
    fail(
      code,
      name,
      `${key} must be ${small ? 'an integer number' : 'a bigint (e.g. 10n)'}, got ${String(value)}`,
    );
  }
  const n = BigInt(value as number | bigint);
  if (n < range.min || n > range.max) {
    fail(code, name, `${key} ${n} is outside the ${kind} range ${range.min}..${range.max}`);
  }
  return n;
}

function asSchemaNumber(kind: Kind, n: bigint): number | string {
  return KIND_RANGE[kind]!.bytes === 4 ? Number(n) : n.toString();
}

function checkText(name: string, text: unknown, what: string): string {
  if (typeof text !== 'string') fail('BAD_DEFAULT', name, `${what} must be a string`);
  if (text.includes('\0')) fail('BAD_DEFAULT', name, `${what} must not contain NUL characters`);
  return text;
}

/** Checks a default against its kind; returns its schema (JSON) form. */
function schemaDefault(name: string, kind: Kind, value: unknown): SchemaValue {
  switch (kind) {
    case 'bool':
      if (typeof value !== 'boolean') fail('BAD_DEFAULT', name, 'default must be true or false');
      break;
    case 'string':
    case 'expandString':
      checkText(name, value, 'default');
      break;
    case 'multiString':
      if (!Array.isArray(value)) fail('BAD_DEFAULT', name, 'default must be an array of strings');
      value.forEach((item, i) => {
        if (checkText(name, item, `default[${i}]`) === '')
          fail('BAD_DEFAULT', name, `default[${i}] is empty; a MULTI_SZ cannot hold empty strings`);
      });
      break;
    case 'binary':
      if (!(value instanceof Uint8Array)) fail('BAD_DEFAULT', name, 'default must be a Uint8Array');
      break;
    default:
      return asSchemaNumber(kind, numeric(name, kind, 'default', value));
  }
  return toSchemaValue(kind, value as never);
}

/** Builds and checks the schema entry of one property. */
export function schemaProperty(name: string, spec: AnyPropSpec): SchemaProperty {
  checkPropertyName(name);
  if (spec === null || typeof spec !== 'object' || !isPropKind(spec.kind)) {
    fail(
      'BAD_PROPERTY',
      name,
      'declare it with prop.dword(...), prop.string(...) or another prop.* builder',
    );
  }
  const { kind } = spec;
  const o = spec.options ?? {};
  for (const key of Object.keys(o)) {
    if (!OPTION_KEYS.has(key))
      fail('BAD_OPTION', name, `unknown option "${key}"; known: ${[...OPTION_KEYS].join(', ')}`);
  }
  const ranged = RANGED_KINDS.includes(kind);
  if (!ranged && (o.min !== undefined || o.max !== undefined)) {
    fail('BAD_OPTION', name, `min/max apply only to ${RANGED_KINDS.join(', ')}, not ${kind}`);
  }
  for (const key of ['required', 'readOnly'] as const) {
    if (o[key] !== undefined && typeof o[key] !== 'boolean')
      fail('BAD_OPTION', name, `${key} must be true or false`);
  }
  if (o.description !== undefined && typeof o.description !== 'string') {
    fail('BAD_OPTION', name, 'description must be a string');
  }
  if (o.required && o.default !== undefined) {
    throw new SchemaError(
      'REQUIRED_WITH_DEFAULT',
      `property ${name}: required and default cannot both be set; drop one`,
    );
  }
  if (o.readOnly && o.required) {
    throw new SchemaError(
      'READ_ONLY_REQUIRED',
      `property ${name}: a readOnly property cannot be required; drop required`,
    );
  }
  const entry: SchemaProperty = {
    name,
    kind,
    format: KIND_FORMAT[kind],
    required: !!o.required,
    readOnly: !!o.readOnly,
  };
  if (o.default !== undefined) entry.default = schemaDefault(name, kind, o.default);
  if (ranged) {
    const min = o.min === undefined ? undefined : numeric(name, kind, 'min', o.min);
    const max = o.max === undefined ? undefined : numeric(name, kind, 'max', o.max);
    const def = o.default === undefined ? undefined : BigInt(o.default as number | bigint);
    if (min !== undefined && max !== undefined && min > max)
      fail('BAD_RANGE', name, `min ${min} is greater than max ${max}; swap them or fix one`);
    if (def !== undefined && min !== undefined && def < min)
      fail(
        'BAD_RANGE',
        name,
        `default ${def} is below min ${min}; give a default from min to max, or lower min`,
      );
    if (def !== undefined && max !== undefined && def > max)
      fail(
        'BAD_RANGE',
        name,
        `default ${def} is above max ${max}; give a default from min to max, or raise max`,
      );
    if (min !== undefined) entry.min = asSchemaNumber(kind, min);
    if (max !== undefined) entry.max = asSchemaNumber(kind, max);
  }
  if (o.description !== undefined) entry.description = o.description;
  return entry;
}
