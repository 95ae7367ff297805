// The published kit carries its documentation: every Markdown link of README.md and of the
// shipped docs resolves to a file inside the package `npm pack` would publish.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, posix, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');
// npm variables of an outer `npm test` would point npm elsewhere.
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
const packed = (
  JSON.parse(
    execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
      cwd: root,
      env,
      encoding: 'utf8',
    }),
  ) as { files: { path: string }[] }[]
)[0].files.map((f) => f.path);

/** Markdown link targets, and `docs/x.md`-style paths in code spans (read as from the root). */
function references(file: string): { target: string; from: string }[] {
  const text = readFileSync(join(root, file), 'utf8').replace(/```[\s\S]*?```/g, '');
  const links = [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => ({
    target: posix.join(posix.dirname(file), m[1].split('#')[0]),
    from: `${file}: (${m[1]})`,
  }));
  const spans = [...text.matchAll(/`((?:docs|src)\/[A-Za-z0-9_./-]+\.md)`/g)].map((m) => ({
    target: m[1],
    from: `${file}: \`${m[1]}\``,
  }));
  return [...links, ...spans].filter((r) => !/^[a-z]+:/.test(r.target));
}

describe('the published package', () => {
  it('ships the docs and the harness README', () => {
    expect(packed).toEqual(
      expect.arrayContaining([
        'README.md',
        'docs/sdk.md',
        'docs/schema.md',
        'docs/rhs-behaviour.md',
        'src/dev/harness/README.md',
      ]),
    );
  });

  it('resolves every link of README.md and the shipped docs inside the package', () => {
    const docs = packed.filter((f) => f.endsWith('.md') && !f.startsWith('templates/'));
    const refs = docs.flatMap(references);
    expect(refs.length).toBeGreaterThan(15);
    const broken = refs.filter((r) => !packed.includes(r.target)).map((r) => r.from);
    expect(broken).toEqual([]);
  });

  it("has tables whose rows all have the header's number of cells (a bare | in a cell splits it)", () => {
    const docs = packed.filter((f) => f.endsWith('.md') && !f.startsWith('templates/'));
    const broken: string[] = [];
    for (const file of docs) {
      const lines = readFileSync(join(root, file), 'utf8').split('\n');
      let header: number | undefined;
      lines.forEach((line, i) => {
        if (!line.startsWith('|')) return void (header = undefined);
        // GitHub splits cells at every | not written \|, inside code spans too.
        const cells = line.replace(/\\\|/g, '').split('|').length;
        header ??= cells;
        if (cells !== header) broken.push(`${file}:${i + 1}`);
      });
    }
    expect(broken).toEqual([]);
  });
});
