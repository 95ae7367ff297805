/**
 * A property value between JavaScript and its JSON form in the schema (docs/schema.md):
 * bool as 0|1, binary as lower-case hex, the 64-bit kinds as decimal strings, the rest as
 * themselves. The one converter every reader of a schema default uses (runtime, build, verify).
 */
import { isBigIntKind, type JsValue, type PropKind } from '../clusprop/kinds.js';

/** A value as the schema's JSON holds it. */
export type SchemaValue = number | string | string[];

const HEX = /^(?:[0-9a-f]{2})*$/;
const DECIMAL = /^(?:0|-?[1-9][0-9]*)$/;

/** The JSON form of a value that has passed the kind's rules. */
export function toSchemaValue(kind: PropKind, value: JsValue): SchemaValue {
  switch (kind) {
    case 'bool':
      return value ? 1 : 0;
    case 'binary': {
      const bytes = value as Uint8Array;
      return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
    }
    case 'multiString':
      return [...(value as string[])];
    default:
      return isBigIntKind(kind) ? String(value) : (value as number | string);
  }
}

/**
 * The JavaScript value of a JSON-form value, for the kind's rules to check. Throws an Error
 * saying which JSON form the kind needs when `json` does not have it.
 */
export function fromSchemaValue(kind: PropKind, json: unknown): JsValue {
  switch (kind) {
    case 'bool':
      if (json === 0 || json === 1) return json === 1;
      throw new Error(`a bool is written 0 or 1, got ${JSON.stringify(json)}`);
    case 'binary':
      if (typeof json === 'string' && HEX.test(json))
        return Uint8Array.from(Buffer.from(json, 'hex'));
      throw new Error(
        `binary is written as lower-case hex of whole bytes, got ${JSON.stringify(json)}`,
      );
    case 'multiString':
      if (Array.isArray(json)) return [...json] as string[];
      throw new Error(
        `a multiString is written as an array of strings, got ${JSON.stringify(json)}`,
      );
    case 'string':
    case 'expandString':
    case 'choice':
    case 'secret':
      if (typeof json === 'string') return json;
      throw new Error(`a ${kind} is written as a string, got ${JSON.stringify(json)}`);
    default:
      if (isBigIntKind(kind)) {
        if (typeof json === 'string' && DECIMAL.test(json)) return BigInt(json);
        throw new Error(`a ${kind} is written as a decimal string, got ${JSON.stringify(json)}`);
      }
      if (typeof json === 'number') return json;
      throw new Error(`a ${kind} is written as a number, got ${JSON.stringify(json)}`);
  }
}
