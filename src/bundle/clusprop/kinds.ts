import {
  CLUSPROP_FORMAT_BINARY,
  CLUSPROP_FORMAT_DWORD,
  CLUSPROP_FORMAT_EXPAND_SZ,
  CLUSPROP_FORMAT_LARGE_INTEGER,
  CLUSPROP_FORMAT_LONG,
  CLUSPROP_FORMAT_MULTI_SZ,
  CLUSPROP_FORMAT_SZ,
  CLUSPROP_FORMAT_ULARGE_INTEGER,
} from './syntax.js';

/** Property kinds of docs/schema.md. */
export type PropKind =
  | 'dword'
  | 'long'
  | 'bool'
  | 'string'
  | 'expandString'
  | 'multiString'
  | 'binary'
  | 'ulargeInteger'
  | 'largeInteger'
  | 'choice'
  | 'secret';

/** A property value as JavaScript sees it. */
export type JsValue = number | boolean | string | string[] | Uint8Array | bigint;

/**
 * The CLUSPROP format each kind is stored and sent as (bool is a DWORD 0/1). A choice is an SZ
 * whose value the property table limits to its choices; a secret is an SZ that GET never
 * returns and the database keeps protected where the platform can (docs/schema.md).
 */
export const KIND_FORMAT: Readonly<Record<PropKind, number>> = {
  dword: CLUSPROP_FORMAT_DWORD,
  long: CLUSPROP_FORMAT_LONG,
  bool: CLUSPROP_FORMAT_DWORD,
  string: CLUSPROP_FORMAT_SZ,
  expandString: CLUSPROP_FORMAT_EXPAND_SZ,
  multiString: CLUSPROP_FORMAT_MULTI_SZ,
  binary: CLUSPROP_FORMAT_BINARY,
  ulargeInteger: CLUSPROP_FORMAT_ULARGE_INTEGER,
  largeInteger: CLUSPROP_FORMAT_LARGE_INTEGER,
  choice: CLUSPROP_FORMAT_SZ,
  secret: CLUSPROP_FORMAT_SZ,
};

/** True when `kind` is one of the kinds above. */
export function isPropKind(kind: unknown): kind is PropKind {
  return typeof kind === 'string' && Object.prototype.hasOwnProperty.call(KIND_FORMAT, kind);
}

/** The integer range and stored size of a kind that holds an integer. */
export interface IntegerRange {
  min: bigint;
  max: bigint;
  bytes: 4 | 8;
  signed: boolean;
}

/**
 * The one table of integer ranges: what the codec accepts, what the SDK and the build check
 * defaults and limits against, and what the C table's limits hold. A bool is a DWORD 0..1.
 */
export const KIND_RANGE: Readonly<Partial<Record<PropKind, IntegerRange>>> = Object.freeze({
  dword: { min: 0n, max: 0xffffffffn, bytes: 4, signed: false },
  long: { min: -(2n ** 31n), max: 2n ** 31n - 1n, bytes: 4, signed: true },
  bool: { min: 0n, max: 1n, bytes: 4, signed: false },
  ulargeInteger: { min: 0n, max: 2n ** 64n - 1n, bytes: 8, signed: false },
  largeInteger: { min: -(2n ** 63n), max: 2n ** 63n - 1n, bytes: 8, signed: true },
});

/** The kinds a declaration may give min/max for. */
export const RANGED_KINDS: readonly PropKind[] = Object.freeze([
  'dword',
  'long',
  'ulargeInteger',
  'largeInteger',
]);

/** True for the kinds whose JavaScript value is a bigint (the 64-bit integers). */
export function isBigIntKind(kind: PropKind): boolean {
  return KIND_RANGE[kind]?.bytes === 8;
}

/** True for the kinds whose value is one text (SZ): string, choice, secret. */
export function isTextKind(kind: PropKind): boolean {
  return kind === 'string' || kind === 'choice' || kind === 'secret';
}
