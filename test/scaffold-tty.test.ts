/**
 * `clusterkit new` on a real pseudo-terminal (python3's pty module): with the type name
 * missing it asks for it, and the answer is used. The compiled command runs in a child.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withLock } from '../generator/index.js';

const root = resolve(import.meta.dirname, '..');
const tmp = mkdtempSync(join(tmpdir(), 'ck-tty-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

// Runs argv on a pty; answers each prompt (matched by its text) once; prints all output.
const DRIVER = `
import os, pty, sys, select, time, json
argv, answers = json.loads(sys.argv[1]), json.loads(sys.argv[2])
pid, fd = pty.fork()
if pid == 0:
    os.execv(argv[0], argv)
out, deadline = b'', time.time() + 120
while time.time() < deadline:
    r, _, _ = select.select([fd], [], [], 1.0)
    if not r:
        continue
    try:
        chunk = os.read(fd, 4096)
    except OSError:
        break
    if not chunk:
        break
    out += chunk
    for prompt in list(answers):
        if prompt.encode() in out:
            os.write(fd, (answers.pop(prompt) + '\\n').encode())
_, status = os.waitpid(pid, 0)
sys.stdout.write(out.decode('utf-8', 'replace'))
sys.exit(os.waitstatus_to_exitcode(status))
`;

const SCRIPT = `
import { runCli } from ${JSON.stringify(join(root, 'dist/src/dev/cli/run.js'))};
import { newCommand } from ${JSON.stringify(join(root, 'dist/src/dev/cli/commands/new.js'))};
process.exitCode = await runCli(process.argv.slice(1), { cwd: process.cwd(), stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) }, [newCommand]);
`;

beforeAll(async () => {
  await withLock(join(root, 'build', 'tsc.lock'), async () => {
    try {
      execFileSync(
        process.execPath,
        [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.json')],
        { stdio: 'pipe' },
      );
    } catch {
      // Type errors elsewhere do not stop emit.
    }
  });
}, 300_000);

describe('clusterkit new on a TTY', () => {
  it('prompts for a missing type name and uses the answer', () => {
    const argv = [process.execPath, '--input-type=module', '-e', SCRIPT, 'new'];
    const out = execFileSync(
      'python3',
      ['-c', DRIVER, JSON.stringify(argv), JSON.stringify({ 'Resource type name': 'Tty Type' })],
      {
        cwd: tmp,
        encoding: 'utf8',
        timeout: 180_000,
      },
    );
    expect(out).toContain('Resource type name:');
    expect(out).toContain('created Tty Type (TtyType) in tty-type');
    expect(existsSync(join(tmp, 'tty-type', 'src', 'handler.ts'))).toBe(true);
    expect(readFileSync(join(tmp, 'tty-type', 'src', 'handler.ts'), 'utf8')).toContain(
      'type: "Tty Type"',
    );
  });
});
