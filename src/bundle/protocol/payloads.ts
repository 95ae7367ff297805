/** Payload layouts of docs/protocol.md: str, text, HELLO, SPAWNED, EXITED, CONTROL. */
import { clusctlFunction } from '../resapi/index.js';

/** Thrown when a payload does not have the layout its code requires. */
export class PayloadError extends Error {
  readonly code = 'BAD_PAYLOAD';

  constructor(message: string) {
    super(message);
    this.name = 'PayloadError';
  }
}

const utf8 = new TextEncoder();
// ignoreBOM: a leading U+FEFF is text like any other (the C side keeps it); TextDecoder would
// otherwise drop it, and a name or a log line would change on its way.
const utf8Strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const utf8Lossy = new TextDecoder('utf-8', { ignoreBOM: true });

/** UTF-8 bytes of a text payload. */
export function encodeText(text: string): Uint8Array {
  return utf8.encode(text);
}

/** A text payload as a string (invalid UTF-8 is replaced, never fatal). */
export function decodeText(bytes: Uint8Array): string {
  return utf8Lossy.decode(bytes);
}

/** `str` = u16 byte length + UTF-8 bytes. */
export function encodeStr(text: string): Uint8Array {
  const bytes = utf8.encode(text);
  if (bytes.length > 0xffff)
    throw new PayloadError(`string of ${bytes.length} bytes is too long for a str (max 65535)`);
  const out = new Uint8Array(2 + bytes.length);
  new DataView(out.buffer).setUint16(0, bytes.length, true);
  out.set(bytes, 2);
  return out;
}

/** Reads a `str` at `offset`: the text and the offset after it. */
export function decodeStr(buf: Uint8Array, offset = 0): { text: string; next: number } {
  if (buf.length < offset + 2)
    throw new PayloadError(`str at ${offset}: missing its 2-byte length`);
  const size = buf[offset] | (buf[offset + 1] << 8);
  if (buf.length < offset + 2 + size)
    throw new PayloadError(`str at ${offset}: ${size} bytes announced, fewer present`);
  let text: string;
  try {
    text = utf8Strict.decode(buf.subarray(offset + 2, offset + 2 + size));
  } catch {
    throw new PayloadError(`str at ${offset}: not valid UTF-8`);
  }
  return { text, next: offset + 2 + size };
}

/** A payload that must be exactly one `str` (OPEN, SET_NAME). */
export function decodeOnlyStr(buf: Uint8Array): string {
  const { text, next } = decodeStr(buf);
  if (next !== buf.length)
    throw new PayloadError(`${buf.length - next} unexpected bytes after the string`);
  return text;
}

export interface Hello {
  protocolVersion: number;
  hostPid: number;
  schemaHash: string;
  kitVersion: string;
}

export function encodeHello(h: Hello): Uint8Array {
  return concat([
    u32(h.protocolVersion),
    u32(h.hostPid),
    encodeStr(h.schemaHash),
    encodeStr(h.kitVersion),
  ]);
}

export function decodeHello(buf: Uint8Array): Hello {
  if (buf.length < 8) throw new PayloadError('HELLO: shorter than its two u32 fields');
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const hash = decodeStr(buf, 8);
  const kit = decodeStr(buf, hash.next);
  if (kit.next !== buf.length) throw new PayloadError('HELLO: unexpected bytes at the end');
  return {
    protocolVersion: view.getUint32(0, true),
    hostPid: view.getUint32(4, true),
    schemaHash: hash.text,
    kitVersion: kit.text,
  };
}

/** SPAWNED: u32 pid, u32 processGroup. */
export function encodeSpawned(pid: number, processGroup: number): Uint8Array {
  return concat([u32(pid), u32(processGroup)]);
}

export function decodeSpawned(buf: Uint8Array): { pid: number; processGroup: number } {
  if (buf.length !== 8) throw new PayloadError(`SPAWNED: ${buf.length} bytes, expected 8`);
  const view = new DataView(buf.buffer, buf.byteOffset, 8);
  return { pid: view.getUint32(0, true), processGroup: view.getUint32(4, true) };
}

/** EXITED: u32 pid, i32 exitCode (−1 if killed by a signal). */
export function encodeExited(pid: number, exitCode: number): Uint8Array {
  const out = new Uint8Array(8);
  const view = new DataView(out.buffer);
  view.setUint32(0, pid, true);
  view.setInt32(4, exitCode, true);
  return out;
}

export function decodeExited(buf: Uint8Array): { pid: number; exitCode: number } {
  if (buf.length !== 8) throw new PayloadError(`EXITED: ${buf.length} bytes, expected 8`);
  const view = new DataView(buf.buffer, buf.byteOffset, 8);
  return { pid: view.getUint32(0, true), exitCode: view.getInt32(4, true) };
}

/** CONTROL request: u32 controlCode + input bytes. */
export function encodeControl(
  controlCode: number,
  input: Uint8Array = new Uint8Array(0),
): Uint8Array {
  return concat([u32(controlCode), input]);
}

export function decodeControl(buf: Uint8Array): { controlCode: number; input: Uint8Array } {
  if (buf.length < 4) throw new PayloadError('CONTROL: missing its u32 control code');
  const view = new DataView(buf.buffer, buf.byteOffset, 4);
  return { controlCode: view.getUint32(0, true), input: new Uint8Array(buf.subarray(4)) };
}

/** The function number of a control code (bits 2..19). */
export const controlFunction = clusctlFunction;

function u32(value: number): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, value, true);
  return out;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
