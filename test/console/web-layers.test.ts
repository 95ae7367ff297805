/**
 * What the console's front end is built from: browser code only (no node: module, nothing of
 * the cluster, the harness or the generator), and the codec's own range table and rules, so
 * the form's hints have no second copy of a range. Checked on esbuild's view of the bundle.
 */
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..', '..');

describe('the console front end bundle', () => {
  it('takes only browser code, and the hints from src/bundle/clusprop', async () => {
    const result = await build({
      entryPoints: [join(root, 'src/dev/console/web/main.tsx')],
      bundle: true,
      write: false,
      outdir: join(root, 'build', 'web-layers'),
      format: 'esm',
      platform: 'browser',
      jsx: 'automatic',
      jsxImportSource: 'preact',
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    const imports = Object.values(result.metafile.inputs).flatMap((i) =>
      i.imports.map((x) => x.path),
    );
    expect(imports.filter((p) => p.startsWith('node:'))).toEqual([]);
    const forbidden = inputs.filter((p) =>
      /^(src\/dev\/(cluster|harness|verify|cli)\/|generator\/|src\/bundle\/(runtime|sdk)\/)/.test(
        p,
      ),
    );
    expect(forbidden).toEqual([]);
    expect(inputs).toEqual(
      expect.arrayContaining([
        'src/bundle/clusprop/kinds.ts',
        'src/bundle/clusprop/typed-data.ts',
        'src/dev/console/shared/property-input.ts',
        'node_modules/preact/dist/preact.mjs',
        'node_modules/uplot/dist/uPlot.esm.js',
      ]),
    );
  });
});
