import { spawn } from 'node:child_process';
import { RigError } from './errors.js';

/** What a finished command left behind. `code` is null when a signal ended it. */
export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** The command is killed (SIGKILL) after this long; default 30 s. */
  timeoutMs?: number;
  /** Written to the command's stdin, which is then closed. */
  input?: string;
  env?: NodeJS.ProcessEnv;
}

/**
 * Runs one program with an argument vector (never through a shell) and collects its output.
 * Resolves whatever the exit status; rejects only when the program cannot be started or
 * runs past its timeout.
 */
export function runArgv(
  cmd: string,
  args: readonly string[],
  opts: RunOptions = {},
): Promise<RunResult> {
  const timeoutMs = opts.timeoutMs ?? 30_000;
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      cwd: '/',
      env: opts.env ?? process.env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(new RigError('RIG_COMMAND_FAILED', `cannot run ${cmd}: ${err.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (timedOut) {
        const what = [cmd, ...args].join(' ');
        reject(
          new RigError(
            'RIG_COMMAND_FAILED',
            `${what} ran past ${timeoutMs} ms and was killed\n${stderr}`,
          ),
        );
        return;
      }
      resolve({ code, signal, stdout, stderr });
    });
    child.stdin.on('error', () => {});
    child.stdin.end(opts.input ?? '');
  });
}

/** Like runArgv, but a non-zero exit is a RigError carrying the command's stderr. */
export async function runChecked(
  cmd: string,
  args: readonly string[],
  opts: RunOptions = {},
): Promise<RunResult> {
  const r = await runArgv(cmd, args, opts);
  if (r.code !== 0) {
    const what = [cmd, ...args].join(' ');
    throw new RigError(
      'RIG_COMMAND_FAILED',
      `${what} exited with ${r.code ?? r.signal}\n${r.stderr.trim() || r.stdout.trim()}`,
    );
  }
  return r;
}
