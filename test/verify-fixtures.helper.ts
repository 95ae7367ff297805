import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, it } from 'vitest';
import { buildType } from '../generator/index.js';
import { formatReport, runVerify } from '../src/dev/verify/index.js';

/** Builds a broken fixture type and checks that verify fails exactly `breaks` (skips allowed only for `skips`). */
export function brokenTypeCase(
  fixture: string,
  breaks: string[],
  skips: string[] = ['required-enforced', 'secret-not-returned'],
): void {
  it(`${fixture} fails exactly: ${breaks.join(', ')}`, async () => {
    const outDir = mkdtempSync(join(tmpdir(), `ck-${fixture}-`));
    const built = await buildType({
      handler: resolve(`test/fixtures/handlers/${fixture}.ts`),
      outDir,
    });
    const rep = await runVerify({
      library: built.library,
      bundle: built.bundle,
      schema: built.schema,
    });
    const text = formatReport(rep);
    expect(
      rep.results
        .filter((r) => r.outcome === 'fail')
        .map((r) => r.id)
        .sort(),
      text,
    ).toEqual([...breaks].sort());
    expect(
      rep.results
        .filter((r) => r.outcome === 'skip')
        .map((r) => r.id)
        .sort(),
      text,
    ).toEqual([...skips].sort());
    expect(rep.ok).toBe(false);
  }, 600_000);
}
