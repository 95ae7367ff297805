import { invalidData, invalidParameter } from './errors.js';
import { valueDataFault } from './value-rules.js';
import { CLUSPROP_SYNTAX_ENDMARK, CLUSPROP_SYNTAX_NAME, alignClusprop } from './syntax.js';
import { fromUtf16, unitAt, utf16z } from './utf16.js';

/** One value of a property: its CLUSPROP syntax and its unpadded data. */
export interface PropValue {
  syntax: number;
  data: Uint8Array;
}

/** One property of a property list: its name and one or more values. */
export interface PropEntry {
  name: string;
  values: PropValue[];
}

/* The smallest property: name entry with one character (8 + 4), an empty value (8), ENDMARK (4). */
const MIN_PROPERTY_BYTES = 24;

/**
 * Decodes a CLUSPROP property list (docs/resource-api.md, "Property lists"). Every structural fault
 * throws ClusPropError INVALID_DATA naming the fault and its byte offset.
 */
export function decodePropertyList(buf: Uint8Array): PropEntry[] {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  if (buf.length < 4)
    throw invalidData(`property list truncated: ${buf.length} bytes, count needs 4`);
  const count = view.getUint32(0, true);
  if (count > Math.floor((buf.length - 4) / MIN_PROPERTY_BYTES)) {
    throw invalidData(
      `property count ${count} at offset 0 is more than ${buf.length} bytes can hold`,
    );
  }
  const entries: PropEntry[] = [];
  let at = 4;
  for (let i = 0; i < count; i++) {
    const name = readEntry(buf, view, at);
    if (name.syntax !== CLUSPROP_SYNTAX_NAME) {
      throw invalidData(
        `property ${i} at offset ${at}: first entry has syntax 0x${hex8(name.syntax)}, expected NAME`,
      );
    }
    const nameText = checkName(name.data, at);
    at = name.next;
    const values: PropValue[] = [];
    for (;;) {
      if (at + 4 > buf.length)
        throw invalidData(
          `property "${nameText}": value list truncated at offset ${at} (no ENDMARK)`,
        );
      if (view.getUint32(at, true) === CLUSPROP_SYNTAX_ENDMARK) break;
      const value = readEntry(buf, view, at);
      const fault = valueDataFault(value.syntax, value.data);
      if (fault) throw invalidData(`property "${nameText}" at offset ${at}: ${fault}`);
      values.push({ syntax: value.syntax, data: value.data });
      at = value.next;
    }
    if (values.length === 0)
      throw invalidData(`property "${nameText}" has no value (ENDMARK at offset ${at})`);
    at += 4;
    entries.push({ name: nameText, values });
  }
  if (at !== buf.length)
    throw invalidData(`${buf.length - at} bytes left over at offset ${at} after the last property`);
  return entries;
}

/** Reads one entry header and its data; the padded end must lie inside the buffer. */
function readEntry(buf: Uint8Array, view: DataView, at: number) {
  if (at + 8 > buf.length) throw invalidData(`entry header truncated at offset ${at}`);
  const syntax = view.getUint32(at, true);
  const cb = view.getUint32(at + 4, true);
  if (cb > buf.length - at - 8 || alignClusprop(cb) > buf.length - at - 8) {
    throw invalidData(`entry at offset ${at}: cbLength ${cb} runs past the end of the buffer`);
  }
  const data = buf.slice(at + 8, at + 8 + cb);
  return { syntax, data, next: at + 8 + alignClusprop(cb) };
}

function checkName(data: Uint8Array, at: number): string {
  if (data.length === 0) throw invalidData(`name at offset ${at} has zero length`);
  if (data.length % 2 !== 0)
    throw invalidData(`name at offset ${at} has odd length ${data.length}`);
  if (unitAt(data, data.length - 2) !== 0)
    throw invalidData(`name at offset ${at} lacks its NUL terminator`);
  const text = fromUtf16(data.subarray(0, data.length - 2));
  if (text.length === 0) throw invalidData(`name at offset ${at} is empty`);
  if (text.includes('\0')) throw invalidData(`name at offset ${at} contains a NUL before its end`);
  return text;
}

/**
 * Encodes entries as a property list. Entries that could not be decoded back
 * (empty name, no values, malformed value data) throw INVALID_PARAMETER.
 */
export function encodePropertyList(entries: PropEntry[]): Uint8Array {
  const parts: Uint8Array[] = [u32(entries.length)];
  for (const entry of entries) {
    if (entry.name.length === 0 || entry.name.includes('\0')) {
      throw invalidParameter(
        `property name ${JSON.stringify(entry.name)} must be non-empty and contain no NUL`,
      );
    }
    if (entry.values.length === 0)
      throw invalidParameter(`property "${entry.name}" needs at least one value`);
    parts.push(...encodeEntry(CLUSPROP_SYNTAX_NAME, utf16z(entry.name)));
    for (const value of entry.values) {
      if (value.syntax === CLUSPROP_SYNTAX_ENDMARK)
        throw invalidParameter(`property "${entry.name}": a value cannot have syntax ENDMARK`);
      const fault = valueDataFault(value.syntax, value.data);
      if (fault) throw invalidParameter(`property "${entry.name}": ${fault}`);
      parts.push(...encodeEntry(value.syntax, value.data));
    }
    parts.push(u32(CLUSPROP_SYNTAX_ENDMARK));
  }
  return concat(parts);
}

function encodeEntry(syntax: number, data: Uint8Array): Uint8Array[] {
  const pad = new Uint8Array(alignClusprop(data.length) - data.length);
  return [u32(syntax), u32(data.length), data, pad];
}

function u32(value: number): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, value >>> 0, true);
  return out;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function hex8(value: number): string {
  return value.toString(16).padStart(8, '0');
}
