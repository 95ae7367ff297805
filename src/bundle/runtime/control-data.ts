/**
 * A custom control's input and output in the forms its schema entry names (docs/sdk.md,
 * "Custom controls"): raw bytes, UTF-8 text, JSON as UTF-8 text, or nothing.
 */
import type { SchemaControl } from '../sdk/schema.js';

const strict = new TextDecoder('utf-8', { fatal: true });

/** The handler's input value; throws an Error (the caller answers 87) for bad input. */
export function decodeControlInput(spec: SchemaControl, input: Uint8Array): unknown {
  switch (spec.input) {
    case 'none':
      return undefined;
    case 'bytes':
      return input;
    case 'text':
      return text(spec, input);
    case 'json': {
      const t = text(spec, input);
      try {
        return JSON.parse(t);
      } catch (err) {
        throw new Error(
          `control ${label(spec)}: the input is not JSON (${(err as Error).message})`,
        );
      }
    }
  }
}

function text(spec: SchemaControl, input: Uint8Array): string {
  try {
    return strict.decode(input);
  } catch {
    throw new Error(`control ${label(spec)}: the input is not UTF-8 text`);
  }
}

/**
 * The output bytes of the handler's return value. A plain control (bytes) may also return a
 * string (sent as UTF-8) or nothing; throws an Error naming what the spec expected.
 */
export function encodeControlOutput(spec: SchemaControl, value: unknown): Uint8Array {
  const wrong = (what: string) =>
    new Error(`control ${label(spec)} returned ${describe(value)}; its output is ${what}`);
  switch (spec.output) {
    case 'none':
      return new Uint8Array(0);
    case 'bytes':
      if (value === undefined) return new Uint8Array(0);
      if (value instanceof Uint8Array) return value;
      if (typeof value === 'string') return new TextEncoder().encode(value);
      throw wrong('bytes (a Uint8Array)');
    case 'text':
      if (value === undefined) return new Uint8Array(0);
      if (typeof value === 'string') return new TextEncoder().encode(value);
      throw wrong('text (a string)');
    case 'json': {
      const json = value === undefined ? 'null' : JSON.stringify(value);
      if (typeof json !== 'string') throw wrong('a JSON value');
      return new TextEncoder().encode(json);
    }
  }
}

function label(spec: SchemaControl): string {
  return spec.name ? `${spec.name} (${spec.function})` : String(spec.function);
}

function describe(value: unknown): string {
  if (value instanceof Uint8Array) return `${value.length} bytes`;
  return typeof value;
}
