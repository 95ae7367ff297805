/**
 * Turns one declared property into its schema entry (docs/schema.md PROP), checking
 * every rule that concerns a single property.
 */
import { SchemaError } from './errors.js';
import { KIND_FORMAT } from '../clusprop/kinds.js';
import type { AnyPropSpec, Kind } from './prop.js';

/** One property as it appears in the schema. Key order is fixed. */
export interface SchemaProperty {
  name: string;
  kind: Kind;
  format: number;
  required: boolean;
  readOnly: boolean;
  default?: number | string | string[];
  min?: number | string;
  max?: number | string;
  description?: string;
}

const RANGES: Partial<Record<Kind, [bigint, bigint]>> = {
  dword: [0n, 0xffffffffn],
  long: [-(2n ** 31n), 2n ** 31n - 1n],
  ulargeInteger: [0n, 2n ** 64n - 1n],
  largeInteger: [-(2n ** 63n), 2n ** 63n - 1n],
};

const OPTION_KEYS = new Set(['default', 'required', 'readOnly', 'description', 'min', 'max']);
const NAME_RE = /^[\p{L}\p{N}_.\- ]{1,64}$/u;

/** Checks a property name: 1..64 letters, digits, '_', '-', '.', ' '. */
export function checkPropertyName(name: string): void {
  if (!NAME_RE.test(name)) {
    throw new SchemaError(
      'BAD_PROPERTY_NAME',
      `property name ${JSON.stringify(name)} is not valid: use 1 to 64 letters, digits, '_', '-', '.' or spaces`,
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
  const big = kind === 'dword' || kind === 'long';
  if (big ? !Number.isInteger(value) : typeof value !== 'bigint') {
    fail(
      code,
      name,
      `${key} must be ${big ? 'an integer number' : 'a bigint (e.g. 10n)'}, got ${String(value)}`,
    );
  }
  const n = BigInt(value as number | bigint);
  const [lo, hi] = RANGES[kind]!;
  if (n < lo || n > hi) fail(code, name, `${key} ${n} is outside the ${kind} range ${lo}..${hi}`);
  return n;
}

function asSchemaNumber(kind: Kind, n: bigint): number | string {
  return kind === 'dword' || kind === 'long' ? Number(n) : n.toString();
}

function checkText(name: string, text: unknown, what: string): string {
  if (typeof text !== 'string') fail('BAD_DEFAULT', name, `${what} must be a string`);
  if (text.includes('\0')) fail('BAD_DEFAULT', name, `${what} must not contain NUL characters`);
  return text;
}

/** The schema form of a default value (docs/schema.md). */
function schemaDefault(name: string, kind: Kind, value: unknown): number | string | string[] {
  switch (kind) {
    case 'bool':
      if (typeof value !== 'boolean') fail('BAD_DEFAULT', name, 'default must be true or false');
      return value ? 1 : 0;
    case 'string':
    case 'expandString':
      return checkText(name, value, 'default');
    case 'multiString':
      if (!Array.isArray(value)) fail('BAD_DEFAULT', name, 'default must be an array of strings');
      return value.map((item, i) => {
        const text = checkText(name, item, `default[${i}]`);
        if (text === '')
          fail('BAD_DEFAULT', name, `default[${i}] is empty; a MULTI_SZ cannot hold empty strings`);
        return text;
      });
    case 'binary':
      if (!(value instanceof Uint8Array)) fail('BAD_DEFAULT', name, 'default must be a Uint8Array');
      return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex');
    default:
      return asSchemaNumber(kind, numeric(name, kind, 'default', value));
  }
}

/** Builds and checks the schema entry of one property. */
export function schemaProperty(name: string, spec: AnyPropSpec): SchemaProperty {
  checkPropertyName(name);
  if (spec === null || typeof spec !== 'object' || !(spec.kind in KIND_FORMAT)) {
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
  const ranged = kind in RANGES;
  if (!ranged && (o.min !== undefined || o.max !== undefined)) {
    fail(
      'BAD_OPTION',
      name,
      `min/max apply only to dword, long, ulargeInteger and largeInteger, not ${kind}`,
    );
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
      fail('BAD_RANGE', name, `min ${min} is greater than max ${max}`);
    if (def !== undefined && min !== undefined && def < min)
      fail('BAD_RANGE', name, `default ${def} is below min ${min}`);
    if (def !== undefined && max !== undefined && def > max)
      fail('BAD_RANGE', name, `default ${def} is above max ${max}`);
    if (min !== undefined) entry.min = asSchemaNumber(kind, min);
    if (max !== undefined) entry.max = asSchemaNumber(kind, max);
  }
  if (o.description !== undefined) entry.description = o.description;
  return entry;
}
