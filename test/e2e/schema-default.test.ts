/**
 * ResourceMonitor.load() without `schema` (as README's example has it) reads the schema from
 * the bundle beside the library, so every kind reads back as its JavaScript type: a bool as a
 * boolean, not as the DWORD 0/1 it is stored as. A bundle that prints no schema is one clear
 * error.
 */
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BundleSchemaError, ResourceMonitor } from '../../src/dev/harness/index.js';
import { buildInTemp, fixture, type BuiltType } from './helpers.js';

let built: BuiltType;

beforeAll(async () => {
  built = await buildInTemp(fixture('p-every-kind.ts'));
}, 300_000);

afterAll(() => built?.cleanup());

describe('ResourceMonitor.load without a schema', () => {
  it('reads it from the bundle: booleans are booleans, 64-bit kinds bigints', async () => {
    const monitor = await ResourceMonitor.load({ library: built.library, type: built.typeName });
    try {
      const res = await monitor.createResource('K1', { Owner: 'ops', Verbose: true });
      const props = await res.getProperties();
      expect(props.Verbose).toBe(true);
      expect(props.Quota).toBe(0n);
      expect(props.Blob).toEqual(new Uint8Array([1, 2, 3]));
      await res.close();
    } finally {
      await monitor.close();
    }
  });

  it('says which bundle could not tell its schema, and what to do', async () => {
    const broken = `${built.bundle}.broken.js`;
    writeFileSync(broken, 'process.exit(3);\n');
    const err = await ResourceMonitor.load({
      library: built.library,
      type: built.typeName,
      bundle: broken,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BundleSchemaError);
    expect((err as Error).message).toMatch(
      /^cannot read the schema of the handler bundle .*broken\.js: it exited with code 3; rebuild it \(clusterkit build\) or pass `schema` to ResourceMonitor\.load\(\)$/,
    );
  });
});
