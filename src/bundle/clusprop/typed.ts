import { type PropEntry, type PropValue, decodePropertyList, encodePropertyList } from './codec.js';
import { invalidParameter } from './errors.js';
import { type JsValue, type PropKind, KIND_FORMAT, isPropKind } from './kinds.js';
import {
  CLUSPROP_FORMAT_EXPANDED_SZ,
  CLUSPROP_TYPE_LIST_VALUE,
  formatName,
  syntaxFormat,
} from './syntax.js';
import { decodeData, encodeData } from './typed-data.js';

/**
 * The property-list values for one JS value of a kind. expandString gives the
 * EXPAND_SZ value only (clients never send EXPANDED_SZ, [MS-CMRP] 2.2.2.3).
 * Out-of-range or mistyped values throw INVALID_PARAMETER.
 */
export function encodeValue(kind: PropKind, value: unknown): PropValue[] {
  if (!isPropKind(kind)) throw invalidParameter(`unknown property kind ${JSON.stringify(kind)}`);
  const syntax = (CLUSPROP_TYPE_LIST_VALUE << 16) | KIND_FORMAT[kind];
  return [{ syntax, data: encodeData(kind, value) }];
}

/**
 * The JS value of a property from its values. The first value must have the
 * kind's format; an EXPANDED_SZ companion after an EXPAND_SZ is ignored (the
 * raw string is returned); any other extra value throws INVALID_PARAMETER.
 */
export function decodeValue(kind: PropKind, values: PropValue[]): JsValue {
  if (!isPropKind(kind)) throw invalidParameter(`unknown property kind ${JSON.stringify(kind)}`);
  const first = values[0];
  if (!first) throw invalidParameter(`${kind} property has no value`);
  const format = syntaxFormat(first.syntax);
  if (format !== KIND_FORMAT[kind]) {
    throw invalidParameter(
      `${kind} property needs format ${formatName(KIND_FORMAT[kind])}, got ${formatName(format)}`,
    );
  }
  const extra = values.slice(1);
  const companion =
    kind === 'expandString' &&
    extra.length === 1 &&
    syntaxFormat(extra[0].syntax) === CLUSPROP_FORMAT_EXPANDED_SZ;
  if (extra.length > 0 && !companion)
    throw invalidParameter(`${kind} property has ${values.length} values; expected one`);
  return decodeData(kind, first.data);
}

/** A property table for the record conversions: property name → kind. */
export type PropKinds = Readonly<Record<string, PropKind>>;

/**
 * A property list of `values`, in the declaration order of `kinds`. Keys that
 * are not in `kinds` throw INVALID_PARAMETER; undefined values are left out.
 */
export function encodeProperties(
  kinds: PropKinds,
  values: Readonly<Record<string, unknown>>,
): Uint8Array {
  for (const name of Object.keys(values)) {
    if (!Object.prototype.hasOwnProperty.call(kinds, name)) throw unknownProperty(name, kinds);
  }
  const entries: PropEntry[] = [];
  for (const [name, kind] of Object.entries(kinds)) {
    const value = values[name];
    if (value === undefined) continue;
    try {
      entries.push({ name, values: encodeValue(kind, value) });
    } catch (err) {
      throw prefixed(name, err);
    }
  }
  return encodePropertyList(entries);
}

/**
 * The JS values of a property list (bytes or decoded entries), keyed by the
 * names declared in `kinds`. Names match case-insensitively, as in the cluster
 * database. Unknown or repeated names throw INVALID_PARAMETER.
 */
export function decodeProperties(
  list: Uint8Array | PropEntry[],
  kinds: PropKinds,
): Record<string, JsValue> {
  const entries = list instanceof Uint8Array ? decodePropertyList(list) : list;
  const byLower = new Map(Object.keys(kinds).map((name) => [name.toLowerCase(), name]));
  const out: Record<string, JsValue> = {};
  for (const entry of entries) {
    const name = byLower.get(entry.name.toLowerCase());
    if (name === undefined) throw unknownProperty(entry.name, kinds);
    if (Object.prototype.hasOwnProperty.call(out, name))
      throw invalidParameter(`property "${name}" appears more than once in the list`);
    try {
      out[name] = decodeValue(kinds[name], entry.values);
    } catch (err) {
      throw prefixed(name, err);
    }
  }
  return out;
}

function unknownProperty(name: string, kinds: PropKinds): Error {
  const known = Object.keys(kinds).join(', ') || '(none)';
  return invalidParameter(`unknown property ${name}; known properties are ${known}`);
}

function prefixed(name: string, err: unknown): unknown {
  if (err instanceof Error && 'code' in err) err.message = `property "${name}": ${err.message}`;
  return err;
}
