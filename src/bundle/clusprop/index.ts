/** The CLUSPROP property-list codec (mirror of native/src/clusprop.c). */
export { decodePropertyList, encodePropertyList } from './codec.js';
export type { PropEntry, PropValue } from './codec.js';
export { ClusPropError } from './errors.js';
export type { ClusPropErrorCode } from './errors.js';
export {
  KIND_FORMAT,
  KIND_RANGE,
  RANGED_KINDS,
  isBigIntKind,
  isPropKind,
  isTextKind,
} from './kinds.js';
export type { IntegerRange, JsValue, PropKind } from './kinds.js';
export { decodeData, encodeData } from './typed-data.js';
export { decodeProperties, decodeValue, encodeProperties, encodeValue } from './typed.js';
export type { PropKinds } from './typed.js';
export {
  CLUSPROP_FORMAT_BINARY,
  CLUSPROP_FORMAT_DWORD,
  CLUSPROP_FORMAT_EXPANDED_SZ,
  CLUSPROP_FORMAT_EXPAND_SZ,
  CLUSPROP_FORMAT_FILETIME,
  CLUSPROP_FORMAT_LARGE_INTEGER,
  CLUSPROP_FORMAT_LONG,
  CLUSPROP_FORMAT_MULTI_SZ,
  CLUSPROP_FORMAT_SECURITY_DESCRIPTOR,
  CLUSPROP_FORMAT_SZ,
  CLUSPROP_FORMAT_ULARGE_INTEGER,
  CLUSPROP_FORMAT_UNKNOWN,
  CLUSPROP_FORMAT_WORD,
  CLUSPROP_SYNTAX_ENDMARK,
  CLUSPROP_SYNTAX_LIST_VALUE_BINARY,
  CLUSPROP_SYNTAX_LIST_VALUE_DWORD,
  CLUSPROP_SYNTAX_LIST_VALUE_EXPANDED_SZ,
  CLUSPROP_SYNTAX_LIST_VALUE_EXPAND_SZ,
  CLUSPROP_SYNTAX_LIST_VALUE_LARGE_INTEGER,
  CLUSPROP_SYNTAX_LIST_VALUE_LONG,
  CLUSPROP_SYNTAX_LIST_VALUE_MULTI_SZ,
  CLUSPROP_SYNTAX_LIST_VALUE_SZ,
  CLUSPROP_SYNTAX_LIST_VALUE_ULARGE_INTEGER,
  CLUSPROP_SYNTAX_NAME,
  CLUSPROP_SYNTAX_RESCLASS,
  CLUSPROP_TYPE_ENDMARK,
  CLUSPROP_TYPE_LIST_VALUE,
  CLUSPROP_TYPE_NAME,
  CLUSPROP_TYPE_RESCLASS,
  alignClusprop,
  formatName,
  syntaxFormat,
  syntaxType,
} from './syntax.js';
