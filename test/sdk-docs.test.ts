// Every exported name of `clusterkit` and `clusterkit/harness` is documented in docs/sdk.md, so
// an author never has to read the .d.ts files; the names come from the modules themselves
// (the TypeScript checker's view of each entry), so a new export without docs fails here.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');
const ENTRIES = {
  clusterkit: join(root, 'src', 'index.ts'),
  'clusterkit/harness': join(root, 'src', 'dev', 'harness', 'index.ts'),
};

function exportedNames(file: string): string[] {
  const program = ts.createProgram([file], {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    noEmit: true,
  });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file)!;
  const symbol = checker.getSymbolAtLocation(source)!;
  return checker.getExportsOfModule(symbol).map((s) => s.getName());
}

const docs = readFileSync(join(root, 'docs', 'sdk.md'), 'utf8');

describe('docs/sdk.md', () => {
  for (const [entry, file] of Object.entries(ENTRIES)) {
    it(`names every export of ${entry}`, () => {
      const names = exportedNames(file);
      expect(names.length).toBeGreaterThan(20);
      const missing = names.filter((n) => !new RegExp(`\\b${n}\\b`).test(docs));
      expect(missing, `exported by ${entry} but not in docs/sdk.md`).toEqual([]);
    });
  }

  it('covers what authors asked about', () => {
    for (const topic of [
      'propertiesChanged',
      'validate(props)',
      'userControlCode',
      'res.waitForState',
      '{ stored: true }',
      '"clusterkit": { "assets"',
      'SIGTERM, then SIGKILL 5 s later',
      'Physical Disk',
      'Paths that exist only on the owner node',
      'does not poll LooksAlive',
      'Default: read\n  from the bundle',
    ])
      expect(docs, topic).toContain(topic);
  });

  it('is linked from the README', () => {
    expect(readFileSync(join(root, 'README.md'), 'utf8')).toContain('](docs/sdk.md)');
  });
});
