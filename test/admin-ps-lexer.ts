/**
 * A small PowerShell lexer for testing generated modules without PowerShell: it splits text
 * into code, single-quoted strings (decoded), double-quoted strings and comments, and throws
 * on anything unterminated or on a here-string (which generated code must never use).
 */

export type SegmentKind = 'code' | 'sq' | 'dq' | 'comment';

export interface Segment {
  kind: SegmentKind;
  /** Raw text, quotes and comment markers included. */
  raw: string;
  /** Decoded value of a single-quoted string. */
  value?: string;
  line: number;
}

const SQ = "'\u2018\u2019\u201a\u201b";
const DQ = '"\u201c\u201d\u201e';
const isSq = (ch: string | undefined) => ch !== undefined && ch !== '' && SQ.includes(ch);
const isDq = (ch: string | undefined) => ch !== undefined && ch !== '' && DQ.includes(ch);

export function lexPowerShell(src: string): Segment[] {
  const out: Segment[] = [];
  let i = 0;
  let code = '';
  let codeLine = 1;
  const lineAt = (pos: number) => src.slice(0, pos).split('\n').length;
  const flush = () => {
    if (code) out.push({ kind: 'code', raw: code, line: codeLine });
    code = '';
  };
  while (i < src.length) {
    const c = src[i];
    if (!code) codeLine = lineAt(i);
    if (c === '@' && (isSq(src[i + 1]) || isDq(src[i + 1])) && /^\r?\n/.test(src.slice(i + 2))) {
      throw new Error(`line ${lineAt(i)}: here-string found`);
    }
    if (c === '<' && src[i + 1] === '#') {
      const end = src.indexOf('#>', i + 2);
      if (end < 0) throw new Error(`line ${lineAt(i)}: unterminated block comment`);
      flush();
      out.push({ kind: 'comment', raw: src.slice(i, end + 2), line: lineAt(i) });
      i = end + 2;
    } else if (c === '#') {
      let end = src.indexOf('\n', i);
      if (end < 0) end = src.length;
      flush();
      out.push({ kind: 'comment', raw: src.slice(i, end), line: lineAt(i) });
      i = end;
    } else if (isSq(c)) {
      const start = i;
      let value = '';
      i++;
      for (;;) {
        if (i >= src.length)
          throw new Error(`line ${lineAt(start)}: unterminated single-quoted string`);
        const ch = src[i];
        if (isSq(ch)) {
          if (isSq(src[i + 1])) {
            value += src[i + 1];
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += ch;
        i++;
      }
      flush();
      out.push({ kind: 'sq', raw: src.slice(start, i), value, line: lineAt(start) });
    } else if (isDq(c)) {
      const start = i;
      i++;
      for (;;) {
        if (i >= src.length)
          throw new Error(`line ${lineAt(start)}: unterminated double-quoted string`);
        const ch = src[i];
        if (ch === '`') i += 2;
        else if (isDq(ch) && isDq(src[i + 1])) i += 2;
        else if (isDq(ch)) {
          i++;
          break;
        } else i++;
      }
      flush();
      out.push({ kind: 'dq', raw: src.slice(start, i), line: lineAt(start) });
    } else if (c === '`') {
      code += src.slice(i, i + 2);
      i += 2;
    } else {
      code += c;
      i++;
    }
  }
  flush();
  return out;
}

/**
 * Evaluates a string expression as admin-quote.ts writes it: `'…'` or
 * `('' + '…' + [char]0x000A + …)`. Anything else throws.
 */
export function evalStringExpression(expr: string): string {
  let value = '';
  for (const seg of lexPowerShell(expr)) {
    if (seg.kind === 'sq') value += seg.value;
    else if (seg.kind === 'code') {
      const rest = seg.raw.replace(/\[char\]0x([0-9A-F]{4})/g, (_m, hex: string) => {
        value += String.fromCharCode(parseInt(hex, 16));
        return '';
      });
      if (!/^[\s()+]*$/.test(rest))
        throw new Error(`not a string expression: ${JSON.stringify(seg.raw)}`);
    } else throw new Error(`not a string expression: ${seg.kind} ${seg.raw}`);
  }
  return value;
}
