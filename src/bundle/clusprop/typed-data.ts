import { invalidParameter } from './errors.js';
import { KIND_RANGE, type JsValue, type PropKind } from './kinds.js';
import { fromUtf16, utf16z } from './utf16.js';

/* Conversions between JS values and the data bytes of one value, per kind. */

/** The data bytes of `value` as a `kind`; range and type errors throw INVALID_PARAMETER. */
export function encodeData(kind: PropKind, value: unknown): Uint8Array {
  switch (kind) {
    case 'dword':
    case 'long':
      return int32(checkInteger(kind, value));
    case 'bool':
      if (typeof value === 'boolean') return int32(value ? 1 : 0);
      return int32(checkInteger(kind, value));
    case 'string':
    case 'expandString':
    case 'choice':
    case 'secret':
      return utf16z(checkText(kind, value));
    case 'multiString':
      return encodeMultiString(value);
    case 'binary':
      if (value instanceof Uint8Array) return value.slice();
      throw invalidParameter(`binary value must be a Uint8Array, got ${describe(value)}`);
    case 'ulargeInteger':
    case 'largeInteger':
      return int64(checkBigInt(kind, value));
  }
}

/** The JS value of a `kind` from its data bytes; malformed data throws INVALID_PARAMETER. */
export function decodeData(kind: PropKind, data: Uint8Array): JsValue {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const need = { dword: 4, long: 4, bool: 4, ulargeInteger: 8, largeInteger: 8 } as Record<
    string,
    number
  >;
  if (need[kind] !== undefined && data.length !== need[kind]) {
    throw invalidParameter(`${kind} value must be ${need[kind]} bytes, not ${data.length}`);
  }
  switch (kind) {
    case 'dword':
      return view.getUint32(0, true);
    case 'long':
      return view.getInt32(0, true);
    case 'bool': {
      const n = view.getUint32(0, true);
      if (n > 1) throw invalidParameter(`bool value must be DWORD 0 or 1, not ${n}`);
      return n === 1;
    }
    case 'string':
    case 'expandString':
    case 'choice':
    case 'secret':
      return decodeText(kind, data);
    case 'multiString':
      return decodeMultiString(data);
    case 'binary':
      return data.slice();
    case 'ulargeInteger':
      return view.getBigUint64(0, true);
    case 'largeInteger':
      return view.getBigInt64(0, true);
  }
}

function decodeText(kind: PropKind, data: Uint8Array): string {
  const text = fromUtf16(data);
  if (data.length % 2 !== 0 || !text.endsWith('\0'))
    throw invalidParameter(`${kind} value lacks its NUL terminator`);
  const body = text.slice(0, -1);
  if (body.includes('\0')) throw invalidParameter(`${kind} value contains a NUL before its end`);
  return body;
}

function decodeMultiString(data: Uint8Array): string[] {
  const text = fromUtf16(data);
  if (data.length % 2 !== 0 || !text.endsWith('\0\0'))
    throw invalidParameter('multiString value lacks its final double NUL');
  const body = text.slice(0, -2);
  if (body === '') return [];
  const items = body.split('\0');
  if (items.includes(''))
    throw invalidParameter('multiString value contains an empty string before its end');
  return items;
}

function encodeMultiString(value: unknown): Uint8Array {
  if (!Array.isArray(value))
    throw invalidParameter(`multiString value must be a string[], got ${describe(value)}`);
  for (const item of value) {
    if (checkText('multiString', item) === '')
      throw invalidParameter('multiString items must not be empty strings');
  }
  // An empty list is the double NUL alone; otherwise each item ends with NUL, then one more.
  return utf16z(value.length === 0 ? '\0' : `${value.join('\0')}\0`);
}

function checkText(kind: string, value: unknown): string {
  if (typeof value !== 'string')
    throw invalidParameter(`${kind} value must be a string, got ${describe(value)}`);
  if (value.includes('\0')) throw invalidParameter(`${kind} value must not contain NUL characters`);
  return value;
}

function checkInteger(kind: PropKind, value: unknown): number {
  const min = Number(KIND_RANGE[kind]!.min);
  const max = Number(KIND_RANGE[kind]!.max);
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw invalidParameter(
      `${kind} value must be an integer in ${min}..${max}, got ${describe(value)}`,
    );
  }
  return value;
}

function checkBigInt(kind: PropKind, value: unknown): bigint {
  const { min, max } = KIND_RANGE[kind]!;
  const n = typeof value === 'number' && Number.isSafeInteger(value) ? BigInt(value) : value;
  if (typeof n !== 'bigint' || n < min || n > max) {
    throw invalidParameter(
      `${kind} value must be a bigint in ${min}..${max}, got ${describe(value)}`,
    );
  }
  return n;
}

function int32(value: number): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, value >>> 0, true);
  return out;
}

function int64(value: bigint): Uint8Array {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, BigInt.asUintN(64, value), true);
  return out;
}

function describe(value: unknown): string {
  if (typeof value === 'bigint') return `${value}n`;
  if (value instanceof Uint8Array) return `Uint8Array(${value.length})`;
  return typeof value === 'string' || typeof value === 'number'
    ? JSON.stringify(value)
    : typeof value;
}
