import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildType } from '../generator/index.js';
import { formatReport, runVerify } from '../src/dev/verify/index.js';
import { brokenTypeCase } from './verify-fixtures.helper.js';

describe('clusterkit verify fails each broken type on the rules it breaks and no others (2/2)', () => {
  brokenTypeCase('v-failing-offline', [
    'offline-reaches-offline',
    'online-after-offline',
    'offline-ends-processes',
  ]);
  brokenTypeCase('v-silent-online', ['online-reports-progress']);
  brokenTypeCase('v-no-restart', ['online-after-terminate']);
});

describe('clusterkit verify on a type with a secret, a choice and live properties', () => {
  it('reads back everything but the secret, and proves GET never returns the secret', async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'ck-verify-semantics-'));
    const built = await buildType({
      handler: resolve('test/fixtures/handlers/s-semantics.ts'),
      outDir,
    });
    const only = [
      'defaults-readable',
      'valid-set-stored',
      'secret-not-returned',
      'required-enforced',
    ];
    const rep = await runVerify({
      library: built.library,
      bundle: built.bundle,
      schema: built.schema,
      only,
    });
    expect(
      rep.results.map((r) => [r.id, r.outcome]),
      formatReport(rep),
    ).toEqual(only.map((id) => [id, 'pass']));
  }, 600_000);
});
