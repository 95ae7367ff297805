/**
 * Make-style staleness: a stamp of input files by path, size and modification time (no
 * reading), so a build with nothing changed can skip a step without starting its tool. The
 * caller writes the stamp only after the step succeeded.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** One line per file: path, size, mtime; a missing file is a line too, so its return counts. */
export function statStamp(files: readonly string[], extra = ''): string {
  const lines = files.map((f) => {
    const s = statSync(f, { throwIfNoEntry: false });
    return s ? `${f}\t${s.size}\t${s.mtimeMs}` : `${f}\tmissing`;
  });
  return `${extra}\n${lines.join('\n')}\n`;
}

/** True when `stampFile` holds exactly `stamp`. */
export function stampMatches(stampFile: string, stamp: string): boolean {
  return existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp;
}

/** Every file under `dir`, sorted, skipping the folders named in `skip`. */
export function filesUnder(dir: string, skip: ReadonlySet<string> = new Set()): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    if (e.isDirectory()) {
      if (!skip.has(e.name)) out.push(...filesUnder(path, skip));
    } else if (e.isFile()) out.push(path);
  }
  return out.sort();
}
