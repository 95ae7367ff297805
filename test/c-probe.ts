/**
 * Compiles a throw-away C program against native/include and returns what it printed: how the
 * mirror tests ask the real headers for values, sizes and offsets.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const INCLUDE = resolve(import.meta.dirname, '..', 'native', 'include');

/** Runs `main` (the statements of main()) with clusterkit.h and stdio included. */
export function runC(main: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'ck-probe-'));
  try {
    const src = join(dir, 'probe.c');
    const exe = join(dir, 'probe');
    writeFileSync(
      src,
      `#include <stdio.h>\n#include <stddef.h>\n#include "clusterkit.h"\n` +
        `int main(void) {\n${main}\n  return 0;\n}\n`,
    );
    execFileSync('gcc', ['-std=c11', '-Wall', '-Werror', '-I', INCLUDE, '-o', exe, src]);
    return execFileSync(exe, { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `name=value` lines for C integer expressions, read back as a map. */
export function cValues(exprs: Record<string, string>): Record<string, string> {
  const lines = Object.entries(exprs).map(
    ([name, expr]) => `  printf("%s=%lld\\n", ${JSON.stringify(name)}, (long long)(${expr}));`,
  );
  const out: Record<string, string> = {};
  for (const line of runC(lines.join('\n')).trim().split('\n')) {
    const at = line.indexOf('=');
    out[line.slice(0, at)] = line.slice(at + 1);
  }
  return out;
}

/** The text of a header in native/include. */
export function headerPath(name: string): string {
  return join(INCLUDE, name);
}
