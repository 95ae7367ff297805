/**
 * Property values an administrator types (`--set Name=Value,...`) or writes in a run config
 * (`"props": {...}`), typed by the handler's schema, so a bad value is one clear line before
 * anything starts instead of a refusal deep inside a monitor.
 *
 * `--set` splits at commas, but a comma starts a new pair only when a declared property name
 * and `=` follow it: `ListenAddress=127.0.0.1,::1,Port=5432` is two values. A multiString's
 * items are the comma-separated parts of its value. A value that itself holds `,Name=` (or a
 * multiString item with a comma) goes in a `--config` file.
 */
import { KIND_RANGE, type JsValue, type PropKind } from '../../bundle/clusprop/index.js';
import type { SchemaProperty } from '../../bundle/sdk/schema.js';
import { closest } from './closest.js';
import { ClusterError } from './errors.js';

const bad = (msg: string) => new ClusterError('BAD_SETTING', msg);
const NAME_THEN_EQUALS = /^\s*([A-Za-z0-9_.\- ]{0,64}?)\s*=/;

/** The values of every `--set` given (later ones win), typed by the schema. */
export function parseSetTexts(
  texts: readonly string[],
  props: readonly SchemaProperty[],
): Record<string, JsValue> {
  const out: Record<string, JsValue> = {};
  for (const text of texts) {
    for (const [name, raw] of splitPairs(text, props)) {
      const p = findProperty(props, name, `--set ${name}=`);
      out[p.name] = valueFromText(p, raw);
    }
  }
  return out;
}

/** A run config's `props` object, typed by the schema; `where` names it in errors. */
export function typedProps(
  json: Record<string, unknown>,
  props: readonly SchemaProperty[],
  where: string,
): Record<string, JsValue> {
  const out: Record<string, JsValue> = {};
  for (const [name, value] of Object.entries(json)) {
    const p = findProperty(props, name, `${where}.${name}`);
    out[p.name] = valueFromJson(p, value, `${where}.${name}`);
  }
  return out;
}

/** Required writable properties that `values` gives no value for. */
export function missingRequired(
  props: readonly SchemaProperty[],
  values: Record<string, unknown>,
): SchemaProperty[] {
  const given = new Set(Object.keys(values).map((k) => k.toLowerCase()));
  return props.filter((p) => p.required && !p.readOnly && !given.has(p.name.toLowerCase()));
}

/** `Name=<what>` for each property: the `--set` an error message tells the user to pass. */
export function setExample(props: readonly SchemaProperty[]): string {
  return props.map((p) => `${p.name}=${PLACEHOLDER[p.kind]}`).join(',');
}

const PLACEHOLDER: Readonly<Record<PropKind, string>> = {
  dword: '<number>',
  long: '<number>',
  bool: '<true|false>',
  string: '<text>',
  expandString: '<text>',
  multiString: '<item,item>',
  binary: '<hex>',
  ulargeInteger: '<number>',
  largeInteger: '<number>',
};

function splitPairs(text: string, props: readonly SchemaProperty[]): [string, string][] {
  const pairs: [string, string][] = [];
  const declared = (name: string) => props.some((p) => p.name.toLowerCase() === name.toLowerCase());
  for (const segment of text.split(',')) {
    const m = NAME_THEN_EQUALS.exec(segment);
    const name = m?.[1].trim() ?? '';
    if (m && name !== '' && (declared(name) || pairs.length === 0 || /^[A-Za-z_]/.test(name))) {
      if (!declared(name) && pairs.length > 0) {
        throw bad(
          `--set: ${name} is not a property of this type${hint(props, name)}; a value that holds ",${name}=" goes in a --config file ("props")`,
        );
      }
      pairs.push([name, segment.slice(m[0].length)]);
    } else if (pairs.length > 0) {
      pairs[pairs.length - 1][1] += `,${segment}`;
    } else if (segment.trim() !== '') {
      throw bad(
        `--set ${text}: "${segment}" is not Name=Value; write e.g. --set ${setExample(props.slice(0, 2))}`,
      );
    }
  }
  return pairs;
}

function findProperty(props: readonly SchemaProperty[], name: string, where: string) {
  const p = props.find((x) => x.name.toLowerCase() === name.toLowerCase());
  if (!p) throw bad(`${where}: ${name} is not a property of this type${hint(props, name)}`);
  if (p.readOnly)
    throw bad(`${where}: ${p.name} is read-only (the handler publishes it); leave it out`);
  return p;
}

function hint(props: readonly SchemaProperty[], name: string): string {
  const writable = props.filter((p) => !p.readOnly).map((p) => p.name);
  const guess = closest(name, writable);
  if (guess) return ` (did you mean ${guess}?)`;
  return writable.length > 0 ? ` (its properties: ${writable.join(', ')})` : ' (it has none)';
}

/** A value typed on the command line. */
function valueFromText(p: SchemaProperty, raw: string): JsValue {
  const where = `--set ${p.name}=${raw}`;
  switch (p.kind) {
    case 'bool': {
      const v = raw.trim().toLowerCase();
      if (v === 'true' || v === '1') return true;
      if (v === 'false' || v === '0') return false;
      throw bad(`${where}: ${p.name} is a bool; write true or false`);
    }
    case 'string':
    case 'expandString':
      return text(p, raw, where);
    case 'multiString':
      return items(
        p,
        raw.split(',').map((s) => s.trim()),
        where,
      );
    case 'binary':
      return hex(p, raw.trim(), where);
    default:
      return integer(p, raw.trim(), where);
  }
}

/** A value from a JSON config file. */
function valueFromJson(p: SchemaProperty, value: unknown, where: string): JsValue {
  switch (p.kind) {
    case 'bool':
      if (typeof value === 'boolean') return value;
      if (value === 0 || value === 1) return value === 1;
      throw bad(`${where}: ${p.name} is a bool; write true or false`);
    case 'string':
    case 'expandString':
      if (typeof value !== 'string')
        throw bad(`${where}: ${p.name} is a ${p.kind}; write a string`);
      return text(p, value, where);
    case 'multiString':
      if (!Array.isArray(value) || !value.every((v) => typeof v === 'string'))
        throw bad(`${where}: ${p.name} is a multiString; write an array of strings`);
      return items(p, value as string[], where);
    case 'binary':
      if (typeof value !== 'string')
        throw bad(`${where}: ${p.name} is binary; write its bytes as a hex string, e.g. "0a1b"`);
      return hex(p, value, where);
    default:
      if (typeof value === 'number' && Number.isSafeInteger(value))
        return integer(p, String(value), where);
      if (typeof value === 'string') return integer(p, value, where);
      throw bad(
        `${where}: ${p.name} is a ${p.kind}; write an integer (64-bit values as a decimal string)`,
      );
  }
}

function text(p: SchemaProperty, value: string, where: string): string {
  if (value.includes('\0')) throw bad(`${where}: ${p.name} must not contain NUL characters`);
  return value;
}

function items(p: SchemaProperty, list: string[], where: string): string[] {
  if (list.some((s) => s === '' || s.includes('\0')))
    throw bad(`${where}: ${p.name} is a multiString; its items must be non-empty text`);
  return list;
}

function hex(p: SchemaProperty, value: string, where: string): Uint8Array {
  if (!/^(?:[0-9a-fA-F]{2})*$/.test(value))
    throw bad(`${where}: ${p.name} is binary; write its bytes as hex digits, e.g. 0a1b`);
  return Uint8Array.from(Buffer.from(value, 'hex'));
}

/** An integer within the kind's range and the declared min/max (the C table's limits). */
function integer(p: SchemaProperty, value: string, where: string): number | bigint {
  const kindRange = KIND_RANGE[p.kind]!;
  if (!/^[+-]?(?:\d+|0[xX][0-9a-fA-F]+)$/.test(value))
    throw bad(`${where}: ${p.name} is a ${p.kind}; write an integer`);
  const negative = value.startsWith('-');
  const n = BigInt(value.replace(/^[+-]/, '')) * (negative ? -1n : 1n);
  const min = p.min !== undefined ? BigInt(p.min) : kindRange.min;
  const max = p.max !== undefined ? BigInt(p.max) : kindRange.max;
  if (n < min || n > max) throw bad(`${where}: ${p.name} must be within ${min}..${max}`);
  return kindRange.bytes === 4 ? Number(n) : n;
}
