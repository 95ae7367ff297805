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
  | 'largeInteger';

/** A property value as JavaScript sees it. */
export type JsValue = number | boolean | string | string[] | Uint8Array | bigint;

/** The CLUSPROP format each kind is stored and sent as (bool is a DWORD 0/1). */
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
};

/** True when `kind` is one of the kinds above. */
export function isPropKind(kind: unknown): kind is PropKind {
  return typeof kind === 'string' && Object.prototype.hasOwnProperty.call(KIND_FORMAT, kind);
}
