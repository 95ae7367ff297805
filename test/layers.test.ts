// The layers of the kit, as the folders show them (docs/layers.md): what ships inside every
// handler bundle imports nothing from the developer's side, the build pipeline has one door,
// and no import circles anywhere in src/ and generator/.
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importCircles, importGraph } from './import-graph.js';

const root = resolve(import.meta.dirname, '..');
const graph = importGraph(root, ['src', 'generator', 'scripts', 'test']);
const edges = [...graph].flatMap(([file, deps]) => deps.map((dep) => `${file} -> ${dep}`));

describe('layers', () => {
  it('src/bundle and src/index.ts import only src/bundle and node: builtins', () => {
    const shipped = (f: string) => f.startsWith('src/bundle/') || f === 'src/index.ts';
    const outside = edges.filter((e) => {
      const [file, dep] = e.split(' -> ');
      return shipped(file) && !dep.startsWith('src/bundle/') && !dep.startsWith('node:');
    });
    expect(outside).toEqual([]);
  });

  it('outside generator/, the generator is imported only through generator/index.ts', () => {
    const deep = edges.filter((e) => {
      const [file, dep] = e.split(' -> ');
      return (
        !file.startsWith('generator/') &&
        dep.startsWith('generator/') &&
        dep !== 'generator/index.ts'
      );
    });
    expect(deep).toEqual([]);
  });

  it('src/ and generator/ have no import circles', () => {
    expect(importCircles(importGraph(root, ['src', 'generator']))).toEqual([]);
  });
});
