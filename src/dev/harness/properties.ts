/*
 * Property values between JS and the library's property lists. Kinds come from the
 * handler's schema when the monitor has it, else from CLUSCTL_*_GET_PRIVATE_PROPERTY_FMTS,
 * else from the JS value's type; decoding falls back to each value's own syntax.
 */
import {
  CLUSPROP_FORMAT_BINARY,
  CLUSPROP_FORMAT_DWORD,
  CLUSPROP_FORMAT_EXPAND_SZ,
  CLUSPROP_FORMAT_LARGE_INTEGER,
  CLUSPROP_FORMAT_LONG,
  CLUSPROP_FORMAT_MULTI_SZ,
  CLUSPROP_FORMAT_SZ,
  CLUSPROP_FORMAT_ULARGE_INTEGER,
  decodePropertyList,
  decodeValue,
  encodePropertyList,
  encodeValue,
  isPropKind,
  syntaxFormat,
  type JsValue,
  type PropEntry,
  type PropKind,
} from '../../bundle/clusprop/index.js';
import { InvalidArgumentError } from './errors.js';

export type PropertyValues = Record<string, JsValue>;

/** Lower-case property name → kind. */
export type KindMap = Map<string, PropKind>;

const FORMAT_KIND: Record<number, PropKind> = {
  [CLUSPROP_FORMAT_BINARY]: 'binary',
  [CLUSPROP_FORMAT_DWORD]: 'dword',
  [CLUSPROP_FORMAT_SZ]: 'string',
  [CLUSPROP_FORMAT_EXPAND_SZ]: 'expandString',
  [CLUSPROP_FORMAT_MULTI_SZ]: 'multiString',
  [CLUSPROP_FORMAT_ULARGE_INTEGER]: 'ulargeInteger',
  [CLUSPROP_FORMAT_LONG]: 'long',
  [CLUSPROP_FORMAT_LARGE_INTEGER]: 'largeInteger',
};

export function kindFromFormat(format: number): PropKind | undefined {
  return FORMAT_KIND[format];
}

/** Kinds declared by a schema (docs/schema.md), resource and type properties. */
export function kindsFromSchema(
  schema: unknown,
  which: 'properties' | 'typeProperties' = 'properties',
): KindMap {
  const out: KindMap = new Map();
  const list = (schema as Record<string, unknown> | undefined)?.[which];
  if (!Array.isArray(list)) return out;
  for (const p of list as { name?: unknown; kind?: unknown }[]) {
    if (typeof p.name === 'string' && isPropKind(p.kind)) out.set(p.name.toLowerCase(), p.kind);
  }
  return out;
}

/** Kinds from a GET_PRIVATE_PROPERTY_FMTS answer: each property's first value holds its format. */
export function kindsFromFormatList(list: Uint8Array): KindMap {
  const out: KindMap = new Map();
  for (const entry of decodePropertyList(list)) {
    const v = entry.values[0];
    if (!v || v.data.length < 2) continue;
    const dv = new DataView(v.data.buffer, v.data.byteOffset, v.data.byteLength);
    const format = v.data.length >= 4 ? dv.getUint32(0, true) : dv.getUint16(0, true);
    const kind = kindFromFormat(format);
    if (kind) out.set(entry.name.toLowerCase(), kind);
  }
  return out;
}

/** The kind a JS value most plausibly has when nothing better is known. */
export function inferKind(name: string, value: unknown): PropKind {
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return value < 0 ? 'long' : 'dword';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'bigint') return value < 0n ? 'largeInteger' : 'ulargeInteger';
  if (value instanceof Uint8Array) return 'binary';
  if (Array.isArray(value) && value.every((s) => typeof s === 'string')) return 'multiString';
  throw new InvalidArgumentError(
    `property "${name}": cannot send ${typeof value} values; use number, boolean, string, string[], Uint8Array or bigint`,
  );
}

/** A property list for SET_PRIVATE_PROPERTIES, in the order given. */
export function encodeForSet(values: Record<string, unknown>, kinds: KindMap): Uint8Array {
  const entries: PropEntry[] = [];
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined) continue;
    let kind = kinds.get(name.toLowerCase()) ?? inferKind(name, value);
    // FMTS reports bool properties as DWORD; a JS boolean is meant as 0/1.
    if (kind === 'dword' && typeof value === 'boolean') kind = 'bool';
    try {
      entries.push({ name, values: encodeValue(kind, value) });
    } catch (err) {
      throw new InvalidArgumentError(`property "${name}" (${kind}): ${(err as Error).message}`);
    }
  }
  return encodePropertyList(entries);
}

/** Decodes a property list the library returned; unknown kinds follow the value's syntax. */
export function decodeFromLibrary(list: Uint8Array, kinds: KindMap): PropertyValues {
  const out: PropertyValues = {};
  if (list.length === 0) return out;
  for (const entry of decodePropertyList(list)) {
    const first = entry.values[0];
    if (!first) continue;
    const kind = kinds.get(entry.name.toLowerCase()) ?? kindFromFormat(syntaxFormat(first.syntax));
    if (!kind) continue;
    out[entry.name] = decodeValue(kind, entry.values);
  }
  return out;
}
