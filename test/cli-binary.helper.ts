/**
 * The real `clusterkit` executable (dist/src/dev/cli/main.js), compiled first when dist is
 * older than the sources, run as a child process with its own exit code, stdout and stderr.
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { withLock } from '../generator/index.js';

export const ROOT = resolve(import.meta.dirname, '..');
export const MAIN = join(ROOT, 'dist/src/dev/cli/main.js');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

function newest(dir: string): number {
  return Math.max(
    ...readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts'))
      .map((f) => statSync(join(dir, f)).mtimeMs),
  );
}

/** Compiles the kit unless dist is newer than every source (one tsc at a time, across files). */
export async function ensureCliBuilt(): Promise<void> {
  mkdirSync(join(ROOT, 'build'), { recursive: true });
  await withLock(join(ROOT, 'build', 'tsc.lock'), async () => {
    const fresh =
      existsSync(MAIN) &&
      statSync(MAIN).mtimeMs > Math.max(newest(join(ROOT, 'src')), newest(join(ROOT, 'generator')));
    if (fresh) return;
    try {
      execFileSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', ROOT], {
        stdio: 'pipe',
      });
    } catch {
      // Type errors elsewhere do not stop emit; a missing main.js fails the caller.
    }
  });
  if (!existsSync(MAIN)) throw new Error(`${MAIN} was not built`);
}

export function cli(
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number },
): Promise<CliRun> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [MAIN, ...args],
      {
        cwd: options.cwd,
        env: options.env ?? process.env,
        timeout: options.timeoutMs ?? 600_000,
        maxBuffer: 64 << 20,
      },
      (err, stdout, stderr) =>
        done({ code: err ? (typeof err.code === 'number' ? err.code : null) : 0, stdout, stderr }),
    );
  });
}
