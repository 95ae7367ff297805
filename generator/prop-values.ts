/**
 * Property values of the schema turned into what the C table holds: defaults as the bytes the
 * cluster database stores (REG_* layouts, little-endian, UTF-16LE strings) and limits as uint64
 * bit patterns (two's complement for signed kinds).
 */
import type { PropKind, SchemaProp } from './schema-types.js';

interface Range {
  lo: bigint;
  hi: bigint;
  signed: boolean;
  size: 4 | 8;
}

const RANGES: Partial<Record<PropKind, Range>> = {
  dword: { lo: 0n, hi: 0xffffffffn, signed: false, size: 4 },
  long: { lo: -(2n ** 31n), hi: 2n ** 31n - 1n, signed: true, size: 4 },
  ulargeInteger: { lo: 0n, hi: 2n ** 64n - 1n, signed: false, size: 8 },
  largeInteger: { lo: -(2n ** 63n), hi: 2n ** 63n - 1n, signed: true, size: 8 },
};

/**
 * The integer range of a numeric kind (what the C table's validator accepts when a property
 * sets no min/max), or undefined for other kinds. The admin module's ranges come from here too.
 */
export function kindRange(kind: PropKind): { lo: bigint; hi: bigint } | undefined {
  const r = RANGES[kind];
  return r ? { lo: r.lo, hi: r.hi } : undefined;
}

/** True for the kinds the C side treats as signed (CK_PROP_SIGNED). */
export function isSignedKind(kind: PropKind): boolean {
  return RANGES[kind]?.signed ?? false;
}

/** Throws an Error (message names the field) when a default or limit does not fit the kind. */
export function checkPropValues(prop: SchemaProp): void {
  encodeDefault(prop);
  const min = limitValue(prop, 'min');
  const max = limitValue(prop, 'max');
  if (min !== undefined && max !== undefined && min > max)
    throw new Error(`min ${min} is greater than max ${max}`);
}

/** The default as database bytes, or undefined when the property has none. */
export function encodeDefault(prop: SchemaProp): Uint8Array | undefined {
  const value = prop.default;
  if (value === undefined) return undefined;
  const range = RANGES[prop.kind];
  if (range) return intBytes(toInt(value, range, 'default', prop.kind), range.size);
  switch (prop.kind) {
    case 'bool':
      if (value !== 0 && value !== 1)
        throw new Error(`a bool default must be 0 or 1, got ${JSON.stringify(value)}`);
      return intBytes(BigInt(value), 4);
    case 'string':
    case 'expandString':
      return utf16z(checkText(value, 'default'), 1);
    case 'multiString':
      if (!Array.isArray(value))
        throw new Error('a multiString default must be an array of strings');
      value.forEach((s, i) => {
        if (checkText(s, `default[${i}]`) === '')
          throw new Error(`default[${i}] is empty; a MULTI_SZ cannot hold an empty string`);
      });
      return utf16z(value.map((s) => `${s}\0`).join(''), value.length === 0 ? 2 : 1);
    case 'binary':
      if (typeof value !== 'string' || !/^(?:[0-9a-fA-F]{2})*$/.test(value)) {
        throw new Error(
          `a binary default must be a hex string of whole bytes, got ${JSON.stringify(value)}`,
        );
      }
      return Uint8Array.from(Buffer.from(value, 'hex'));
    default:
      throw new Error(`unknown kind ${JSON.stringify(prop.kind)}`);
  }
}

/** The limit as a uint64 bit pattern (signed kinds sign-extended), or undefined when absent. */
export function limitBits(prop: SchemaProp, which: 'min' | 'max'): bigint | undefined {
  const value = limitValue(prop, which);
  return value === undefined ? undefined : BigInt.asUintN(64, value);
}

function limitValue(prop: SchemaProp, which: 'min' | 'max'): bigint | undefined {
  // A bool is stored as a DWORD; the table has no kind field, so its 0..1 range is what
  // makes the C validator refuse any other DWORD.
  if (prop.kind === 'bool') return which === 'min' ? 0n : 1n;
  const value = prop[which];
  if (value === undefined) return undefined;
  const range = RANGES[prop.kind];
  if (!range) throw new Error(`"${which}" is only allowed on numeric kinds, not on ${prop.kind}`);
  return toInt(value, range, which, prop.kind);
}

function toInt(value: unknown, range: Range, field: string, kind: PropKind): bigint {
  let n: bigint;
  if (range.size === 4) {
    if (!Number.isInteger(value))
      throw new Error(`${field} must be an integer, got ${JSON.stringify(value)}`);
    n = BigInt(value as number);
  } else {
    if (typeof value !== 'string' || !/^-?\d+$/.test(value)) {
      throw new Error(
        `${field} of a ${kind} must be a decimal string, got ${JSON.stringify(value)}`,
      );
    }
    n = BigInt(value);
  }
  if (n < range.lo || n > range.hi)
    throw new Error(`${field} ${n} is outside the ${kind} range ${range.lo}..${range.hi}`);
  return n;
}

function intBytes(n: bigint, size: 4 | 8): Uint8Array {
  const out = new Uint8Array(size);
  let bits = BigInt.asUintN(size * 8, n);
  for (let i = 0; i < size; i++) {
    out[i] = Number(bits & 0xffn);
    bits >>= 8n;
  }
  return out;
}

function checkText(value: unknown, field: string): string {
  if (typeof value !== 'string')
    throw new Error(`${field} must be a string, got ${JSON.stringify(value)}`);
  if (value.includes('\0')) throw new Error(`${field} contains a NUL character; remove it`);
  return value;
}

/** UTF-16LE of `text` followed by `nuls` NUL code units. */
function utf16z(text: string, nuls: number): Uint8Array {
  const body = Buffer.from(text, 'utf16le');
  const out = new Uint8Array(body.length + 2 * nuls);
  out.set(body, 0);
  return out;
}
