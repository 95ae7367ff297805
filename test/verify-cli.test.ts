import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cliWithRunAndVerify } from './cluster-run.helper.js';

let cli: string;
beforeAll(async () => {
  cli = await cliWithRunAndVerify();
}, 120_000);

function verify(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((res) => {
    const c = execFile(
      process.execPath,
      [cli, 'verify', ...args],
      { timeout: 300_000 },
      (_e, stdout, stderr) => res({ code: c.exitCode, stdout, stderr }),
    );
  });
}

describe('clusterkit verify (the real CLI)', () => {
  it('refuses a --rule that names no rule instead of running every rule', async () => {
    for (const value of [',', ' , ']) {
      const r = await verify(['--rule', value]);
      expect(r.code, JSON.stringify(value)).toBe(2);
      expect(r.stderr).toMatch(/--rule ".*" names no rule; give rule ids separated by commas/);
      expect(r.stdout).toBe('');
    }
  });

  it('--list prints every rule id with its one-sentence rule', async () => {
    const r = await verify(['--list']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(20);
    expect(r.stdout).toMatch(/offline-of-offline\s+Offline of an offline resource must succeed\./);
  });

  it('exits 0 with a readable report when the chosen rules hold, and --json gives the report as JSON', async () => {
    const out = mkdtempSync(join(tmpdir(), 'ck-vcli-'));
    const port = 20000 + Math.floor(Math.random() * 20000);
    const base = [
      '--handler',
      resolve('examples/echo-server/src/handler.ts'),
      '--out',
      out,
      '--set',
      `Port=${port}`,
      '--rule',
      'online-reaches-online,offline-of-offline',
    ];
    const text = await verify(base);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/PASS {2}online-reaches-online/);
    expect(text.stdout).toMatch(
      /EchoServer: 2 rules, 2 passed, 0 failed, 0 skipped: every rule holds/,
    );
    const json = await verify([...base, '--json']);
    expect(json.code).toBe(0);
    const rep = JSON.parse(json.stdout) as {
      ok: boolean;
      results: { id: string; outcome: string }[];
    };
    expect(rep.ok).toBe(true);
    expect(rep.results.map((x) => x.outcome)).toEqual(['pass', 'pass']);
  }, 300_000);

  it('exits 1 and names the broken rule when a rule does not hold', async () => {
    const out = mkdtempSync(join(tmpdir(), 'ck-vcli-bad-'));
    const r = await verify([
      '--handler',
      resolve('test/fixtures/handlers/v-no-restart.ts'),
      '--out',
      out,
      '--rule',
      'online-after-terminate,online-reaches-online',
    ]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/FAIL {2}online-after-terminate +Online after Terminate must succeed/);
    expect(r.stdout).toMatch(
      /-> Online of resource .* failed[\s\S]*terminated once, refusing to come back/,
    );
    expect(r.stdout).toMatch(/1 rule broken/);
  }, 300_000);

  it('refuses an unknown rule id with a usage error (exit 2)', async () => {
    const out = mkdtempSync(join(tmpdir(), 'ck-vcli-usage-'));
    const r = await verify([
      '--handler',
      resolve('examples/echo-server/src/handler.ts'),
      '--out',
      out,
      '--rule',
      'no-such-rule',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown rule id\(s\): no-such-rule; known rules are/);
  }, 300_000);
});
