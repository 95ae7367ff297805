/*
 * The scaffolded project's own test runs against what the last build produced: it reads the
 * library path and the type name from dist/clusterkit-build.json, and a build under a new type
 * name removes the outputs of the old one, so no stale library can make the test pass.
 */
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildType, createProject, readBuildManifest } from '../generator/index.js';

const root = resolve(import.meta.dirname, '..');
const tmp = mkdtempSync(join(tmpdir(), 'ck-scaffold-build-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The kit and vitest as the project's dependencies, without a network install. */
function linkDependencies(dir: string): void {
  mkdirSync(join(dir, 'node_modules'), { recursive: true });
  symlinkSync(root, join(dir, 'node_modules', 'clusterkit'), 'dir');
  symlinkSync(join(root, 'node_modules', 'vitest'), join(dir, 'node_modules', 'vitest'), 'dir');
}

/** Runs the project's test/handler.test.ts with vitest; returns its output and status. */
function projectTest(dir: string): { status: number | null; output: string } {
  const r = spawnSync(
    process.execPath,
    [
      join(root, 'node_modules', 'vitest', 'vitest.mjs'),
      'run',
      '--root',
      dir,
      '--reporter=verbose',
    ],
    { cwd: dir, encoding: 'utf8', timeout: 120_000, env: { ...process.env, CI: '1' } },
  );
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

describe('the scaffolded test and the build manifest', () => {
  it('tests the type the last build produced, and a renamed type leaves no old library behind', async () => {
    const project = createProject({ typeName: 'Alpha Store', kit: root }, tmp);
    linkDependencies(project.dir);
    const handler = join(project.dir, 'src', 'handler.ts');
    const outDir = join(project.dir, 'dist');

    const first = await buildType({ handler, outDir });
    expect(readBuildManifest(outDir)?.builds).toMatchObject([
      {
        handler: '../src/handler.ts',
        typeName: 'Alpha Store',
        typeId: 'AlphaStore',
        targets: { linux: { artifact: 'linux/libAlphaStore.so' } },
      },
    ]);
    const alpha = projectTest(project.dir);
    expect(alpha.output).toMatch(/Alpha Store/);
    expect(alpha.status, alpha.output).toBe(0);

    // The author renames the type.
    const source = readFileSync(handler, 'utf8');
    writeFileSync(handler, source.replace('type: "Alpha Store"', 'type: "Beta Store"'));
    const second = await buildType({ handler, outDir });
    expect(second.typeId).toBe('BetaStore');
    expect(existsSync(first.library)).toBe(false);
    expect(existsSync(first.bundle)).toBe(false);
    expect(existsSync(join(outDir, 'AlphaStore.psd1'))).toBe(false);
    expect(existsSync(second.library)).toBe(true);
    expect(readBuildManifest(outDir)?.builds.map((b) => b.typeId)).toEqual(['BetaStore']);
    const beta = projectTest(project.dir);
    expect(beta.output).toMatch(/Beta Store/);
    expect(beta.output).not.toMatch(/Alpha Store/);
    expect(beta.status, beta.output).toBe(0);
  }, 300_000);
});
