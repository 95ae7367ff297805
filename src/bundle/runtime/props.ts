/** Property values between the wire (CLUSPROP lists) and the handler's ctx.props. */
import {
  decodeProperties,
  encodeProperties,
  type JsValue,
  type PropKinds,
} from '../clusprop/index.js';
import type { Schema, SchemaProperty } from '../sdk/schema.js';
import { fromSchemaValue } from '../sdk/schema-values.js';

export type PropValues = Record<string, JsValue>;

/** Name → kind of the read/write (or only the read-only) properties. */
export function kindsOf(schema: Schema, readOnly: boolean): PropKinds {
  const kinds: Record<string, SchemaProperty['kind']> = {};
  for (const p of schema.properties) if (p.readOnly === readOnly) kinds[p.name] = p.kind;
  return kinds;
}

/** The read/write defaults, for properties the library did not send. */
export function defaultsOf(schema: Schema): PropValues {
  const out: PropValues = {};
  for (const p of schema.properties) {
    if (p.readOnly) continue;
    if (p.default !== undefined) out[p.name] = fromSchemaValue(p.kind, p.default);
  }
  return out;
}

/** Decodes an ONLINE/VALIDATE/PROPERTIES list; throws ClusPropError (win32 13 or 87). */
export function decodeProps(schema: Schema, list: Uint8Array): PropValues {
  const values = decodeProperties(list, kindsOf(schema, false));
  return { ...defaultsOf(schema), ...values };
}

/** Encodes published read-only values; throws ClusPropError for unknown names or bad values. */
export function encodePublished(schema: Schema, values: Record<string, unknown>): Uint8Array {
  return encodeProperties(kindsOf(schema, true), values);
}

function same(a: JsValue | undefined, b: JsValue | undefined): boolean {
  if (a instanceof Uint8Array && b instanceof Uint8Array)
    return a.length === b.length && a.every((x, i) => x === b[i]);
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((x, i) => x === b[i]);
  return a === b;
}

/** The writable properties whose value differs, split by the schema's `live` flag. */
export function changedProperties(
  schema: Schema,
  running: PropValues,
  next: PropValues,
): { live: string[]; restart: string[] } {
  const live: string[] = [];
  const restart: string[] = [];
  for (const p of schema.properties) {
    if (p.readOnly || same(running[p.name], next[p.name])) continue;
    (p.live ? live : restart).push(p.name);
  }
  return { live, restart };
}
