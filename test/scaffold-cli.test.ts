import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { newCommand } from '../src/dev/cli/commands/new.js';
import { packageCommand } from '../src/dev/cli/commands/package.js';
import { runCli } from '../src/dev/cli/run.js';
import { NEW_OPTIONS } from '../generator/index.js';

const root = resolve(import.meta.dirname, '..');
const tmp = mkdtempSync(join(tmpdir(), 'ck-new-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function cli(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(
    args,
    { cwd: tmp, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) },
    [newCommand, packageCommand],
  );
  return { code, stdout, stderr };
}

describe('clusterkit new (command)', () => {
  it('scaffolds from flags and positionals and says what to do next', async () => {
    const r = await cli(['new', 'Echo Server', 'echo', '--kit', root, '--display-name', 'Echo!']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      `created Echo Server (EchoServer) in echo, depending on clusterkit file:${root}`,
    );
    expect(r.stdout).toContain('npm test');
    expect(readFileSync(join(tmp, 'echo', 'src', 'handler.ts'), 'utf8')).toContain(
      'displayName: "Echo!"',
    );
  });

  it('is a usage error (exit 2) without a type name when stdin is not a TTY', async () => {
    if (process.stdin.isTTY) return; // interactive runs would prompt instead
    const r = await cli(['new']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/type name .*missing/);
  });

  it('reports bad names, bad kits and busy folders as usage errors, writing nothing', async () => {
    const bad = await cli(['new', 'a|b']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("contains '|'");
    const kit = await cli(['new', 'Ok', 'ok', '--kit', 'missing-kit']);
    expect(kit.code).toBe(2);
    expect(kit.stderr).toContain('--kit');
    expect(existsSync(join(tmp, 'ok'))).toBe(false);
    mkdirSync(join(tmp, 'busy'));
    writeFileSync(join(tmp, 'busy', 'x'), '');
    const busy = await cli(['new', 'Busy', 'busy']);
    expect(busy.code).toBe(2);
    expect(busy.stderr).toContain('--force');
    expect((await cli(['new', 'Busy', 'busy', '--force'])).code).toBe(0);
  });

  it('takes its help from the option table', async () => {
    const r = await cli(['new', '--help']);
    expect(r.code).toBe(0);
    for (const o of NEW_OPTIONS) expect(r.stdout).toContain(o.summary);
  });

  it('package refuses a folder without a type project', async () => {
    const r = await cli(['package']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('is not a type project');
  });
});
