/** A managed process's output cut into lines (UTF-8, CRLF or LF; overlong lines split). */
import { StringDecoder } from 'node:string_decoder';
import type { Readable } from 'node:stream';

/** The longest piece passed on (docs/sdk.md): longer lines go in pieces of this size. */
const MAX_LINE = 4096;

/** The length of the next piece of `text`: at most MAX_LINE, never splitting a surrogate pair. */
function pieceLength(text: string): number {
  if (text.length <= MAX_LINE) return text.length;
  const last = text.charCodeAt(MAX_LINE - 1);
  return last >= 0xd800 && last <= 0xdbff ? MAX_LINE - 1 : MAX_LINE;
}

export function forwardLines(stream: Readable, onLine: (line: string) => void): void {
  const decoder = new StringDecoder('utf8');
  let partial = '';
  /** One line, in pieces of at most MAX_LINE characters (an empty line is one piece). */
  const emit = (line: string): void => {
    do {
      const n = pieceLength(line);
      onLine(line.slice(0, n));
      line = line.slice(n);
    } while (line !== '');
  };
  stream.on('data', (chunk: Buffer) => {
    partial += decoder.write(chunk);
    let nl: number;
    while ((nl = partial.indexOf('\n')) >= 0) {
      emit(partial.slice(0, nl).replace(/\r$/, ''));
      partial = partial.slice(nl + 1);
    }
    // A line that is not complete yet: its full pieces go now, the rest waits for more.
    while (partial.length > MAX_LINE) {
      const n = pieceLength(partial);
      onLine(partial.slice(0, n));
      partial = partial.slice(n);
    }
  });
  stream.on('end', () => {
    partial += decoder.end();
    if (partial !== '') emit(partial);
  });
  stream.on('error', () => {});
}
