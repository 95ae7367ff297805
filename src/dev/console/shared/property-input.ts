/**
 * Form input ⇄ property values, for the browser and the server alike. Which input a kind gets,
 * its range and whether a typed value can be stored come from the schema entry and the
 * property-list codec's own rules (KIND_RANGE, encodeData): there is no second copy of a
 * range here. The library stays the judge; these are hints shown while typing.
 * Values are in wire form: 32-bit integers as numbers, 64-bit ones as decimal strings (never
 * JS numbers), binary as base64, multi-strings as arrays. No Node.js API is used.
 */
import { encodeData, isBigIntKind, KIND_RANGE } from '../../../bundle/clusprop/index.js';
import type { SchemaProperty } from '../../../bundle/sdk/schema-props.js';

export type WireValue = number | string | string[];

export type InputKind = 'integer' | 'bool' | 'text' | 'list' | 'hex' | 'choice' | 'secret';

export interface InputHints {
  input: InputKind;
  /** Integer kinds: the range the value must be in (declared, else the kind's), as decimal text. */
  min?: string;
  max?: string;
  /** 64-bit kinds: edited as decimal text, never as a JS number. */
  wide?: boolean;
}

export type Parsed = { ok: true; value: WireValue } | { ok: false; error: string };

const INPUT: Record<string, InputKind> = {
  dword: 'integer',
  long: 'integer',
  ulargeInteger: 'integer',
  largeInteger: 'integer',
  bool: 'bool',
  string: 'text',
  expandString: 'text',
  multiString: 'list',
  binary: 'hex',
  choice: 'choice',
  secret: 'secret',
};

export function inputHints(p: SchemaProperty): InputHints {
  const input = INPUT[p.kind] ?? 'text';
  const range = KIND_RANGE[p.kind];
  if (input !== 'integer' || !range) return { input };
  return {
    input,
    min: p.min !== undefined ? String(p.min) : range.min.toString(),
    max: p.max !== undefined ? String(p.max) : range.max.toString(),
    wide: isBigIntKind(p.kind),
  };
}

/** What the codec says about a value of `kind`, or null when it can be encoded. */
function codecFault(kind: SchemaProperty['kind'], value: unknown): string | null {
  try {
    encodeData(kind, value);
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}

/** Reads what the user typed; an error when the value cannot be sent as the property's kind. */
export function parseInput(p: SchemaProperty, raw: string | boolean | string[]): Parsed {
  const hints = inputHints(p);
  switch (hints.input) {
    case 'bool':
      return { ok: true, value: raw === true ? 1 : 0 };
    case 'integer': {
      const text = String(raw).trim();
      if (!/^-?\d+$/.test(text)) return { ok: false, error: 'enter a whole number' };
      const n = BigInt(text);
      const fault = codecFault(p.kind, hints.wide ? n : Number(n));
      if (fault) return { ok: false, error: fault };
      return { ok: true, value: hints.wide ? n.toString() : Number(n) };
    }
    case 'list': {
      const items = (raw as string[]).map((s) => String(s));
      const fault = codecFault(p.kind, items);
      return fault ? { ok: false, error: fault } : { ok: true, value: items };
    }
    case 'choice': {
      // A select offers only the choices; anything else is a page someone edited.
      const text = String(raw);
      return p.choices?.includes(text)
        ? { ok: true, value: text }
        : { ok: false, error: `choose one of ${(p.choices ?? []).join(', ')}` };
    }
    case 'hex': {
      const text = String(raw).replace(/\s+/g, '');
      if (!/^(?:[0-9a-fA-F]{2})*$/.test(text))
        return { ok: false, error: 'enter bytes as hex digit pairs, e.g. 01 0a ff' };
      const bytes = (text.match(/../g) ?? []).map((h) => parseInt(h, 16));
      return { ok: true, value: btoa(String.fromCharCode(...bytes)) };
    }
    default: {
      const text = String(raw);
      const fault = codecFault(p.kind, text);
      return fault ? { ok: false, error: fault } : { ok: true, value: text };
    }
  }
}

/** A hint when a parsed integer lies outside the declared min..max (the library refuses it). */
export function rangeHint(p: SchemaProperty, value: WireValue): string | undefined {
  const hints = inputHints(p);
  if (hints.input !== 'integer' || (p.min === undefined && p.max === undefined)) return undefined;
  const n = BigInt(value as number | string);
  if (n >= BigInt(hints.min!) && n <= BigInt(hints.max!)) return undefined;
  return `outside the declared range ${hints.min} to ${hints.max}; the library will refuse it`;
}

/** The stored (wire) value as the form shows it: hex for binary, a checkbox state for bool. */
export function formValue(p: SchemaProperty, value: WireValue | null): string | boolean | string[] {
  const input = inputHints(p).input;
  // A secret is never read back: its field starts empty, and empty means "keep it".
  if (value === null || input === 'secret')
    return input === 'bool' ? false : input === 'list' ? [] : '';
  switch (input) {
    case 'bool':
      return Number(value) !== 0;
    case 'list':
      return [...(value as string[])];
    case 'hex':
      return hexOf(String(value));
    default:
      return String(value);
  }
}

/** Whether an edited field is sent: a secret left empty keeps the stored one. */
export function sendsField(p: SchemaProperty, raw: string | boolean | string[]): boolean {
  return p.kind !== 'secret' || raw !== '';
}

/** When a change to the property takes effect, in the form's words. */
export function appliesText(p: SchemaProperty): string | undefined {
  if (p.readOnly) return undefined;
  return p.live ? 'applies at once while online' : 'takes effect at the next online';
}

/** The schema default in form terms (binary defaults are hex in the schema already). */
export function defaultText(p: SchemaProperty): string | undefined {
  if (p.default === undefined) return undefined;
  if (p.kind === 'bool') return p.default ? 'true' : 'false';
  if (p.kind === 'multiString') return (p.default as string[]).join(', ') || '(empty list)';
  if (p.kind === 'binary') return spaced(String(p.default)) || '(no bytes)';
  return String(p.default);
}

function hexOf(base64: string): string {
  const bin = atob(base64);
  let hex = '';
  for (let i = 0; i < bin.length; i++) hex += bin.charCodeAt(i).toString(16).padStart(2, '0');
  return spaced(hex);
}

function spaced(hex: string): string {
  return (hex.match(/../g) ?? []).join(' ');
}

/** True when two wire values are the same (so an untouched field is not sent). */
export function sameValue(a: WireValue | null, b: WireValue | null): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
