/**
 * UTF-16LE helpers. Strings are converted code unit by code unit so that any
 * name (even one with a lone surrogate) survives a decode/encode round trip.
 */

/** UTF-16LE bytes of `text` followed by a NUL terminator. */
export function utf16z(text: string): Uint8Array {
  const out = new Uint8Array((text.length + 1) * 2);
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    out[i * 2] = unit & 0xff;
    out[i * 2 + 1] = unit >>> 8;
  }
  return out;
}

/** The code units of `bytes` (even length) as a string, NULs included. */
export function fromUtf16(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    text += String.fromCharCode(bytes[i] | (bytes[i + 1] << 8));
  }
  return text;
}

/** The 16-bit code unit at byte offset `at`. */
export function unitAt(bytes: Uint8Array, at: number): number {
  return bytes[at] | (bytes[at + 1] << 8);
}
