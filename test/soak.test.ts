/**
 * The short soak (seconds): the same run as npm run soak (test/soak/soak-run.ts) with a few
 * phases. It asserts on leaks and on the consistency rules the checkpoints check, never on time.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freshSeed } from './soak/soak-random.js';
import { runSoak, summaryLine } from './soak/soak-run.js';

const outDir = mkdtempSync(join(tmpdir(), 'ck-soak-test-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('the soak, short', () => {
  it('leaves no process, no descriptor and no broken rule after online/offline/terminate cycles with faults', async () => {
    const seed = Number(process.env.CK_SOAK_SEED ?? freshSeed());
    const s = await runSoak({
      seed,
      resources: 8,
      actions: 150,
      actors: 3,
      phase: 50,
      faultEvery: 12,
      rssBoundMiB: 64,
      outDir,
    });
    const report = `${summaryLine(s)}\n${s.problems.join('\n')}`;
    console.log(summaryLine(s)); // the seed, to replay a failure with CK_SOAK_SEED
    expect(s.checkpoints, report).toBeGreaterThanOrEqual(3);
    expect(s.cycles, report).toBeGreaterThan(20);
    expect(s.problems, report).toEqual([]);
    expect(s.leakedProcesses, report).toBe(0);
    expect(s.leakedFds, report).toBe(0);
  }, 300_000);
});
