/**
 * Runs a build tool with an argument array (never a shell), collecting its output and
 * forwarding it line by line to an optional log.
 */
import { spawn } from 'node:child_process';
import { ToolchainError } from './errors.js';

export interface ToolResult {
  code: number;
  output: string;
}

const MAX_OUTPUT = 1024 * 1024;

/** Debian packages that provide each tool, for the error message. */
const PACKAGES: Readonly<Record<string, string>> = {
  cmake: 'cmake gcc',
  gcc: 'gcc',
  cc: 'gcc',
  make: 'make',
};

export function runTool(
  command: string,
  args: readonly string[],
  options: { cwd?: string; log?: (line: string) => void } = {},
): Promise<ToolResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let pending = '';
    const onData = (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      if (output.length < MAX_OUTPUT) output += text;
      if (!options.log) return;
      pending += text;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) options.log(line);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') reject(missingTool(command));
      else reject(err);
    });
    child.on('close', (code, signal) => {
      if (pending && options.log) options.log(pending);
      resolve({ code: code ?? (signal ? 128 : 1), output });
    });
  });
}

export function missingTool(tool: string, detail = ''): ToolchainError {
  const pkg = PACKAGES[tool] ?? 'cmake gcc';
  return new ToolchainError(
    tool,
    `${tool} is needed to build the resource library but ${detail || 'was not found on PATH'}: ` +
      `install it (Debian/Ubuntu: sudo apt-get install ${pkg})`,
  );
}
