/**
 * CLUSPROP syntax, format and type values (ClusApi.h). A syntax is
 * `(type << 16) | format`; the values mirror native/include/ck_resapi.h.
 */

export const CLUSPROP_FORMAT_UNKNOWN = 0;
export const CLUSPROP_FORMAT_BINARY = 1;
export const CLUSPROP_FORMAT_DWORD = 2;
export const CLUSPROP_FORMAT_SZ = 3;
export const CLUSPROP_FORMAT_EXPAND_SZ = 4;
export const CLUSPROP_FORMAT_MULTI_SZ = 5;
export const CLUSPROP_FORMAT_ULARGE_INTEGER = 6;
export const CLUSPROP_FORMAT_LONG = 7;
export const CLUSPROP_FORMAT_EXPANDED_SZ = 8;
export const CLUSPROP_FORMAT_SECURITY_DESCRIPTOR = 9;
export const CLUSPROP_FORMAT_LARGE_INTEGER = 10;
export const CLUSPROP_FORMAT_WORD = 11;
export const CLUSPROP_FORMAT_FILETIME = 12;

export const CLUSPROP_TYPE_ENDMARK = 0;
export const CLUSPROP_TYPE_LIST_VALUE = 1;
export const CLUSPROP_TYPE_RESCLASS = 2;
export const CLUSPROP_TYPE_NAME = 4;

export const CLUSPROP_SYNTAX_ENDMARK = 0x00000000;
export const CLUSPROP_SYNTAX_NAME = 0x00040003;
export const CLUSPROP_SYNTAX_RESCLASS = 0x00020002;
export const CLUSPROP_SYNTAX_LIST_VALUE_BINARY = 0x00010001;
export const CLUSPROP_SYNTAX_LIST_VALUE_DWORD = 0x00010002;
export const CLUSPROP_SYNTAX_LIST_VALUE_SZ = 0x00010003;
export const CLUSPROP_SYNTAX_LIST_VALUE_EXPAND_SZ = 0x00010004;
export const CLUSPROP_SYNTAX_LIST_VALUE_MULTI_SZ = 0x00010005;
export const CLUSPROP_SYNTAX_LIST_VALUE_ULARGE_INTEGER = 0x00010006;
export const CLUSPROP_SYNTAX_LIST_VALUE_LONG = 0x00010007;
export const CLUSPROP_SYNTAX_LIST_VALUE_EXPANDED_SZ = 0x00010008;
export const CLUSPROP_SYNTAX_LIST_VALUE_LARGE_INTEGER = 0x0001000a;

/** The format half of a syntax value. */
export function syntaxFormat(syntax: number): number {
  return syntax & 0xffff;
}

/** The type half of a syntax value. */
export function syntaxType(syntax: number): number {
  return (syntax >>> 16) & 0xffff;
}

/** Rounds a byte count up to the 4-byte boundary entries are padded to (ALIGN_CLUSPROP). */
export function alignClusprop(count: number): number {
  // Arithmetic, not bitwise: JS bit operators would wrap counts above 2^31.
  return Math.ceil(count / 4) * 4;
}

const FORMAT_NAMES: Record<number, string> = {
  [CLUSPROP_FORMAT_UNKNOWN]: 'UNKNOWN',
  [CLUSPROP_FORMAT_BINARY]: 'BINARY',
  [CLUSPROP_FORMAT_DWORD]: 'DWORD',
  [CLUSPROP_FORMAT_SZ]: 'SZ',
  [CLUSPROP_FORMAT_EXPAND_SZ]: 'EXPAND_SZ',
  [CLUSPROP_FORMAT_MULTI_SZ]: 'MULTI_SZ',
  [CLUSPROP_FORMAT_ULARGE_INTEGER]: 'ULARGE_INTEGER',
  [CLUSPROP_FORMAT_LONG]: 'LONG',
  [CLUSPROP_FORMAT_EXPANDED_SZ]: 'EXPANDED_SZ',
  [CLUSPROP_FORMAT_SECURITY_DESCRIPTOR]: 'SECURITY_DESCRIPTOR',
  [CLUSPROP_FORMAT_LARGE_INTEGER]: 'LARGE_INTEGER',
  [CLUSPROP_FORMAT_WORD]: 'WORD',
  [CLUSPROP_FORMAT_FILETIME]: 'FILETIME',
};

/** A readable name for a format value, for error messages. */
export function formatName(format: number): string {
  return FORMAT_NAMES[format] ?? `format ${format}`;
}
