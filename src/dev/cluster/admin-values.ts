/**
 * Private-property values between a property list and the JSON an administrator's client
 * sends and reads. Each value carries its ClusterParameterType name (FailoverClusters'
 * enum, whose numbers are the CLUSPROP formats), so nothing about a value is guessed:
 * UInt32/Int32 as JSON numbers, String/ExpandString as strings, StringCollection as an array,
 * ByteArray as base64, UInt64/Int64 as decimal strings (JSON numbers lose 64-bit precision).
 */
import {
  decodePropertyList,
  decodeValue,
  encodePropertyList,
  encodeValue,
  syntaxFormat,
  type PropEntry,
  type PropKind,
} from '../../bundle/clusprop/index.js';
import { ClusterError } from './errors.js';

/** ClusterParameterType name → the kind whose CLUSPROP format it is. */
export const TYPE_KIND: Readonly<Record<string, PropKind>> = {
  ByteArray: 'binary',
  UInt32: 'dword',
  String: 'string',
  ExpandString: 'expandString',
  StringCollection: 'multiString',
  UInt64: 'ulargeInteger',
  Int32: 'long',
  Int64: 'largeInteger',
};

/** CLUSPROP format → ClusterParameterType name (the enum's values are the formats). */
const FORMAT_TYPE: Readonly<Record<number, string>> = {
  1: 'ByteArray',
  2: 'UInt32',
  3: 'String',
  4: 'ExpandString',
  5: 'StringCollection',
  6: 'UInt64',
  7: 'Int32',
  10: 'Int64',
};

export type WireValue = number | string | string[];

export interface WireParameter {
  name: string;
  /** A ClusterParameterType name. */
  type: string;
  value: WireValue;
  readOnly?: boolean;
}

const bad = (msg: string) => new ClusterError('BAD_SETTING', msg);

/** The parameters of a GET_(RO_)PRIVATE_PROPERTIES answer, in list order. */
export function parametersFromList(list: Uint8Array, readOnly: boolean): WireParameter[] {
  if (list.length === 0) return [];
  return decodePropertyList(list).flatMap((entry) => {
    const first = entry.values[0];
    const type = first ? FORMAT_TYPE[syntaxFormat(first.syntax)] : undefined;
    if (!first || !type) return [];
    const value = toWire(TYPE_KIND[type], decodeValue(TYPE_KIND[type], [first]));
    return [{ name: entry.name, type, value, readOnly }];
  });
}

/** A GET_PRIVATE_PROPERTY_FMTS answer: each property's first value is its CLUSPROP format. */
export function formatsFromList(list: Uint8Array): { name: string; type: string }[] {
  if (list.length === 0) return [];
  return decodePropertyList(list).flatMap((entry) => {
    const v = entry.values[0];
    if (!v || v.data.length < 4) return [];
    const format = new DataView(v.data.buffer, v.data.byteOffset, 4).getUint32(0, true);
    const type = FORMAT_TYPE[format];
    return type ? [{ name: entry.name, type }] : [];
  });
}

/** A SET_PRIVATE_PROPERTIES list of `params`, each value encoded as its own type says. */
export function listFromParameters(params: unknown): Uint8Array {
  if (!Array.isArray(params) || params.length === 0)
    throw bad('"parameters" must be a non-empty array of {name, type, value}');
  const entries: PropEntry[] = params.map((p, i) => {
    const o = (p ?? {}) as Record<string, unknown>;
    if (typeof o.name !== 'string' || o.name === '')
      throw bad(`parameters[${i}] needs a "name" (a non-empty string)`);
    const kind = typeof o.type === 'string' ? TYPE_KIND[o.type] : undefined;
    if (!kind)
      throw bad(
        `parameter "${o.name}": "type" must be one of ${Object.keys(TYPE_KIND).join(', ')}`,
      );
    try {
      return { name: o.name, values: encodeValue(kind, fromWire(kind, o.value)) };
    } catch (e) {
      throw bad(`parameter "${o.name}" (${String(o.type)}): ${(e as Error).message}`);
    }
  });
  return encodePropertyList(entries);
}

function toWire(kind: PropKind, value: unknown): WireValue {
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (typeof value === 'bigint') return value.toString();
  if (kind === 'bool') return value ? 1 : 0;
  return value as WireValue;
}

function fromWire(kind: PropKind, value: unknown): unknown {
  switch (kind) {
    case 'binary':
      if (typeof value !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(value))
        throw new Error('a ByteArray value must be a base64 string');
      return Uint8Array.from(Buffer.from(value, 'base64'));
    case 'ulargeInteger':
    case 'largeInteger':
      if (typeof value !== 'string' || !/^-?\d+$/.test(value))
        throw new Error('a 64-bit value must be a decimal string');
      return BigInt(value);
    default:
      return value;
  }
}
