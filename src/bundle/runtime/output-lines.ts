/** A managed process's output cut into lines (UTF-8, CRLF or LF; overlong lines split). */
import { StringDecoder } from 'node:string_decoder';
import type { Readable } from 'node:stream';

const MAX_LINE = 4096;

export function forwardLines(stream: Readable, onLine: (line: string) => void): void {
  const decoder = new StringDecoder('utf8');
  let partial = '';
  stream.on('data', (chunk: Buffer) => {
    partial += decoder.write(chunk);
    let nl: number;
    while ((nl = partial.indexOf('\n')) >= 0) {
      onLine(partial.slice(0, nl).replace(/\r$/, ''));
      partial = partial.slice(nl + 1);
    }
    if (partial.length > MAX_LINE) {
      onLine(partial);
      partial = '';
    }
  });
  stream.on('end', () => {
    partial += decoder.end();
    if (partial !== '') onLine(partial);
  });
  stream.on('error', () => {});
}
