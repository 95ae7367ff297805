/** The CLUSPROP property-list codec (mirror of native/src/clusprop.c). */
export { decodePropertyList, encodePropertyList } from './codec.js';
export type { PropEntry, PropValue } from './codec.js';
export { ClusPropError } from './errors.js';
export type { ClusPropErrorCode } from './errors.js';
export { KIND_FORMAT, isPropKind } from './kinds.js';
export type { JsValue, PropKind } from './kinds.js';
export { decodeProperties, decodeValue, encodeProperties, encodeValue } from './typed.js';
export type { PropKinds } from './typed.js';
export * from './syntax.js';
