/**
 * Stack traces that name the handler's TypeScript lines: frames in the bundle are looked up
 * in the bundle's source map (`<bundle>.map`, written by clusterkit build) the first time a
 * stack is logged, so starting a host costs nothing for it. A bundle without its map keeps
 * its own frames.
 */
import { readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: { bundle: string; map: SourceMap | null } | undefined;

function mapOf(bundle: string): SourceMap | null {
  if (cached?.bundle !== bundle) {
    let map: SourceMap | null = null;
    try {
      map = new SourceMap(JSON.parse(readFileSync(`${bundle}.map`, 'utf8')));
    } catch {
      map = null;
    }
    cached = { bundle, map };
  }
  return cached.map;
}

/** `err.stack` with each frame of the bundle replaced by its source file, line and column. */
export function mappedStack(err: Error, bundle: string | undefined = process.argv[1]): string {
  const stack = err.stack ?? `${err.name}: ${err.message}`;
  if (!bundle) return stack;
  const file = resolve(bundle);
  const map = mapOf(file);
  if (!map) return stack;
  return stack.replace(
    /((?:file:\/\/)?[^\s()]+):(\d+):(\d+)/g,
    (frame: string, path: string, line: string, column: string) => {
      const local = path.startsWith('file://') ? fileURLToPath(path) : path;
      if (resolve(local) !== file) return frame;
      const entry = map.findEntry(Number(line) - 1, Number(column) - 1) as {
        originalSource?: string;
        originalLine?: number;
        originalColumn?: number;
      };
      if (!entry?.originalSource || entry.originalLine === undefined) return frame;
      const source = entry.originalSource.startsWith('file://')
        ? fileURLToPath(entry.originalSource)
        : resolve(dirname(file), entry.originalSource);
      return `${source}:${entry.originalLine + 1}:${(entry.originalColumn ?? 0) + 1}`;
    },
  );
}
