import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageType, type PackageTypeResult } from '../generator/package.js';
import { createProject } from '../generator/scaffold.js';

const tmp = mkdtempSync(join(tmpdir(), 'ck-package-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('clusterkit package', () => {
  let result: PackageTypeResult;
  beforeAll(async () => {
    const project = createProject({ typeName: "Pack Demo's Type", dir: 'proj' }, tmp);
    result = await packageType({ projectDir: project.dir });
  }, 600_000);

  it('assembles the folder: library (saying which), bundle, assets, admin module, INSTALL.md', () => {
    expect(result.typeId).toBe('PackDemoSType');
    expect(result.libraryKind).toBe('linux');
    expect(result.library).toBe('linux/libPackDemoSType.so');
    expect(result.files).toEqual(
      expect.arrayContaining([
        'INSTALL.md',
        'PackDemoSType.handler.js',
        'PackDemoSType.psd1',
        'PackDemoSType.psm1',
        'app/server.mjs',
        'linux/libPackDemoSType.so',
        'package.json',
      ]),
    );
    const install = readFileSync(join(result.dir, 'INSTALL.md'), 'utf8');
    expect(install).toContain(
      'This package holds the Linux library `linux/libPackDemoSType.so`, not a Windows DLL',
    );
    expect(install).toContain('Register-PackDemoSTypeResourceType');
    for (const f of result.files) expect(install).toContain(`- \`${f}\``);
    expect(readFileSync(join(result.dir, 'PackDemoSType.psm1'), 'utf8')).toContain(
      "$script:TypeName = 'Pack Demo''s Type'",
    );
  });

  it('ships a bundle that runs from the package folder', () => {
    const out = execFileSync(
      process.execPath,
      [join(result.dir, 'PackDemoSType.handler.js'), '--clusterkit-schema'],
      { encoding: 'utf8' },
    );
    expect(JSON.parse(out).type).toBe("Pack Demo's Type");
  });

  it('zips the folder under one top directory, readable by unzip and python zipfile', () => {
    expect(result.zip).toBe(join(tmp, 'proj', 'dist', 'PackDemoSType-1.0.0.zip'));
    const listing = execFileSync('unzip', ['-Z1', result.zip], { encoding: 'utf8' })
      .trim()
      .split('\n');
    expect(listing.sort()).toEqual(result.files.map((f) => `PackDemoSType/${f}`).sort());
    const py = execFileSync('python3', ['-m', 'zipfile', '-l', result.zip], { encoding: 'utf8' });
    expect(py).toContain('PackDemoSType/linux/libPackDemoSType.so');
    expect(
      execFileSync('python3', ['-m', 'zipfile', '-t', result.zip], { encoding: 'utf8' }),
    ).toContain('Done testing');
  });

  it('refuses a folder that is not a type project', async () => {
    await expect(packageType({ projectDir: tmp })).rejects.toMatchObject({
      code: 'NOT_A_TYPE_PROJECT',
    });
    expect(existsSync(join(tmp, 'dist'))).toBe(false);
  });
});
