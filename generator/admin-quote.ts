/**
 * Quoting schema text for PowerShell. Single-quoted strings are the only PowerShell literal
 * with no expansion at all: `$`, backticks and `$(...)` inside them are plain text. The
 * tokenizer treats the typographic quotes U+2018..U+201B like `'`, so all five are doubled.
 * Control characters (newlines included) never appear raw in the output: they are spliced in
 * as `[char]` values, so every generated line stays one line and here-strings are never used.
 */
import { AdminGenError } from './scaffold-errors.js';

const SINGLE_QUOTES = /['\u2018\u2019\u201a\u201b]/g;
// C0 and C1 controls, and the line/paragraph separators that some readers break lines on.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** A PowerShell expression whose value is exactly `text`: `'…'` or `('…' + [char]0x000A + '…')`. */
export function psString(text: string): string {
  if (!CONTROL.test(text)) return quoteRun(text);
  const parts: string[] = [];
  let run = '';
  for (const ch of text) {
    if (CONTROL.test(ch)) {
      if (run) parts.push(quoteRun(run));
      parts.push(`[char]0x${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
      run = '';
    } else {
      run += ch;
    }
  }
  if (run) parts.push(quoteRun(run));
  // A leading '' keeps '+' a string concatenation even when the text starts with a control.
  return `('' + ${parts.join(' + ')})`;
}

/**
 * A single-line constant literal for contexts that allow no expressions (module manifests,
 * attribute arguments): control characters become spaces.
 */
export function psConstString(text: string): string {
  return quoteRun(text.replace(new RegExp(CONTROL.source, 'g'), ' '));
}

/**
 * Comment lines (`# …`) carrying `text`: split on every kind of line break, other controls
 * dropped. A line starting with '.' is prefixed so it cannot read as a help keyword (.EXAMPLE).
 */
export function psCommentLines(text: string, indent = '    '): string[] {
  return text
    .split(/\r\n|[\r\n\u000b\u000c\u0085\u2028\u2029]/)
    .map((line) => line.replace(new RegExp(CONTROL.source, 'g'), '').trimEnd())
    .map((line) => (/^\s*\./.test(line) ? `\\${line}` : line))
    .map((line) => (line ? `# ${indent}${line}` : '#'));
}

/** Throws unless `id` is a plain identifier: the only schema-derived text used unquoted. */
export function psIdentifier(id: string, what: string): string {
  if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(id))
    throw new AdminGenError(
      `${what} ${JSON.stringify(id)} is not a PowerShell identifier; this is a kit bug, please report it`,
    );
  return id;
}

function quoteRun(text: string): string {
  return `'${text.replace(SINGLE_QUOTES, '$&$&')}'`;
}
