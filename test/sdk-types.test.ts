import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = fileURLToPath(new URL('..', import.meta.url));
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');

async function typecheck(project: string): Promise<{ ok: boolean; output: string }> {
  try {
    await run(process.execPath, [tsc, '-p', project], { cwd: root });
    return { ok: true, output: '' };
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string };
    return { ok: false, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

describe('SDK typing (tsc --noEmit on test/types)', () => {
  it('props.ts type-checks: correct usages compile and every @ts-expect-error is an error', async () => {
    const result = await typecheck(join(root, 'test', 'types', 'tsconfig.json'));
    expect(result.output).toBe('');
    expect(result.ok).toBe(true);
  });

  it('the check has teeth: a misspelt property without @ts-expect-error fails to compile', async () => {
    const dir = mkdtempSync(join(root, 'test', 'types', '.tmp-'));
    try {
      const source = readFileSync(join(root, 'test', 'types', 'props.ts'), 'utf8')
        .replaceAll("'../../src/index.js'", "'../../../src/index.js'")
        .replace('// @ts-expect-error a misspelt property name is a compile error\n', '');
      writeFileSync(join(dir, 'props.ts'), source);
      writeFileSync(
        join(dir, 'tsconfig.json'),
        JSON.stringify({
          extends: '../tsconfig.json',
          compilerOptions: { rootDir: '../../..' },
          include: ['./*.ts'],
        }),
      );
      const result = await typecheck(join(dir, 'tsconfig.json'));
      expect(result.ok).toBe(false);
      expect(result.output).toMatch(/Property 'Prot' does not exist/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
