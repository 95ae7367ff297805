/**
 * Small C emitters. Strings become numeric arrays or escaped narrow literals, so the output
 * compiles the same with gcc (WCHAR = uint16_t) and mingw/MSVC (WCHAR = wchar_t).
 */

const PER_LINE = 10;

/** `static const WCHAR <id>[] = { 0x0045, ..., 0 };` holding the UTF-16 code units of `text`. */
export function wcharArray(id: string, text: string): string {
  const units: string[] = [];
  for (let i = 0; i < text.length; i++) units.push(hex(text.charCodeAt(i), 4));
  units.push('0');
  return `static const WCHAR ${id}[] = {${wrap(units)}};\n`;
}

/** `static const BYTE <id>[] = { ... };`; a zero-length array gets one unused byte (C has no empty arrays). */
export function byteArray(id: string, bytes: Uint8Array): string {
  const values = Array.from(bytes, (b) => hex(b, 2));
  if (values.length === 0) return `static const BYTE ${id}[1] = { 0 }; /* empty value */\n`;
  return `static const BYTE ${id}[] = {${wrap(values)}};\n`;
}

/** A narrow string literal of the UTF-8 bytes of `text`; anything but plain printable ASCII is an octal escape. */
export function cString(text: string): string {
  let out = '"';
  for (const b of Buffer.from(text, 'utf8')) {
    if (b === 0x22 || b === 0x5c) out += `\\${String.fromCharCode(b)}`;
    // '?' is escaped so no trigraph can form; octal escapes stop after three digits, unlike \x.
    else if (b === 0x3f) out += '\\?';
    else if (b >= 0x20 && b < 0x7f) out += String.fromCharCode(b);
    else out += `\\${b.toString(8).padStart(3, '0')}`;
  }
  return `${out}"`;
}

/** An unsigned 32-bit literal. */
export function dwordLiteral(n: number): string {
  return `${n >>> 0}u`;
}

/** A 64-bit literal from a uint64 bit pattern. */
export function u64Literal(bits: bigint): string {
  return `UINT64_C(0x${BigInt.asUintN(64, bits).toString(16)})`;
}

function hex(n: number, digits: number): string {
  return `0x${n.toString(16).padStart(digits, '0')}`;
}

function wrap(values: string[]): string {
  const lines: string[] = [];
  for (let i = 0; i < values.length; i += PER_LINE)
    lines.push(`    ${values.slice(i, i + PER_LINE).join(', ')}`);
  return `\n${lines.join(',\n')}\n`;
}
