import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildType, type BuildTypeResult } from '../generator/index.js';
import { formatReport, runVerify } from '../src/dev/verify/index.js';

let built: BuildTypeResult;

beforeAll(async () => {
  const outDir = mkdtempSync(join(tmpdir(), 'ck-verify-echo-'));
  built = await buildType({ handler: resolve('examples/echo-server/src/handler.ts'), outDir });
}, 300_000);

describe('clusterkit verify on a good type (examples/echo-server)', () => {
  it('holds every rule that applies', async () => {
    const port = 20000 + Math.floor(Math.random() * 20000);
    const rep = await runVerify({
      library: built.library,
      bundle: built.bundle,
      schema: built.schema,
      settings: { props: { Port: port } },
    });
    const text = formatReport(rep);
    expect(rep.results.length).toBeGreaterThanOrEqual(20);
    expect(rep.failed, text).toBe(0);
    expect(rep.ok).toBe(true);
    // The echo server has processes, a ranged Port and read-only properties: only the rules of
    // required properties and secrets are moot.
    expect(
      rep.results.filter((r) => r.outcome === 'skip').map((r) => r.id),
      text,
    ).toEqual(['secret-not-returned', 'required-enforced']);
  }, 600_000);
});
