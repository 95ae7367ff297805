import { execFileSync, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createProject,
  packageOcf,
  packageType,
  type OcfPackageTypeResult,
  type PackageTypeResult,
} from '../generator/index.js';

const tmp = mkdtempSync(join(tmpdir(), 'ck-package-'));
const hasMingw = spawnSync('x86_64-w64-mingw32-gcc', ['--version']).status === 0;
// CI installs mingw-w64 (scripts/install-system-deps.sh): there its absence is a failure, not a skip.
const mustHaveMingw =
  process.env.CI !== undefined && process.env.CI !== '' && process.env.CI !== 'false';
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('clusterkit package', () => {
  let result: PackageTypeResult;
  beforeAll(async () => {
    const project = createProject(
      { typeName: "Pack Demo's Type", displayName: 'Pack *Demo* <Type>', dir: 'proj' },
      tmp,
    );
    result = await packageType({ projectDir: project.dir, target: 'linux' });
  }, 600_000);

  it('assembles a Linux package: library (saying which), bundle, assets, INSTALL.md, no Windows steps', () => {
    expect(result.typeId).toBe('PackDemoSType');
    expect(result.libraryKind).toBe('linux');
    expect(result.library).toBe('linux/libPackDemoSType.so');
    expect(result.files).toEqual(
      expect.arrayContaining([
        'INSTALL.md',
        'PackDemoSType.handler.js',
        'app/server.mjs',
        'linux/libPackDemoSType.so',
        'package.json',
      ]),
    );
    // The admin module registers windows\<Type>.dll: it has nothing to register here.
    expect(result.files).not.toContain('PackDemoSType.psd1');
    const install = readFileSync(join(result.dir, 'INSTALL.md'), 'utf8');
    expect(install).toContain(
      'This package holds the Linux library `linux/libPackDemoSType.so`, not a Windows DLL: it cannot be\ninstalled on a Windows failover cluster',
    );
    // Markdown contexts escaped: the display name is text, the type name a code span.
    expect(install.split('\n')[0]).toBe(
      '# Installing the Pack \\*Demo\\* \\<Type\\> resource type',
    );
    expect(install).toContain("Cluster resource type `Pack Demo's Type`, version `1.0.0`");
    expect(install).toContain('npx clusterkit package --target windows');
    for (const windowsStep of ['Register-', 'Import-Module', 'New-PackDemoSTypeResource', '.psd1'])
      expect(install).not.toContain(windowsStep);
    for (const f of result.files) expect(install).toContain(`- \`${f}\``);
    expect(install).not.toContain('{{');
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

  it('ships a Windows DLL found in the output only when it is not older than the bundle', async () => {
    const projectDir = join(tmp, 'proj');
    const dll = join(projectDir, 'dist', 'windows', 'PackDemoSType.dll');
    mkdirSync(join(projectDir, 'dist', 'windows'), { recursive: true });
    writeFileSync(dll, 'MZ stand-in');
    utimesSync(dll, new Date('2001-01-01'), new Date('2001-01-01'));
    const stale = await packageType({ projectDir, target: 'linux' });
    expect(stale.libraryKind).toBe('linux');
    expect(stale.note).toContain('older than the handler bundle');
    expect(stale.files).not.toContain('windows/PackDemoSType.dll');

    const later = new Date(Date.now() + 60_000);
    utimesSync(dll, later, later);
    const fresh = await packageType({ projectDir, target: 'linux' });
    expect(fresh.libraryKind).toBe('windows');
    expect(fresh.note).toBeUndefined();
    expect(fresh.files).toContain('windows/PackDemoSType.dll');
    expect(fresh.files).not.toContain('linux/libPackDemoSType.so');
    expect(readFileSync(join(fresh.dir, 'INSTALL.md'), 'utf8')).toContain(
      'is the Windows DLL `windows/PackDemoSType.dll`',
    );
    rmSync(dll);
  }, 600_000);

  it('refuses a folder that is not a type project', async () => {
    await expect(packageType({ projectDir: tmp })).rejects.toMatchObject({
      code: 'NOT_A_TYPE_PROJECT',
    });
    expect(existsSync(join(tmp, 'dist'))).toBe(false);
  });

  // Last: it leaves a real DLL in dist/windows, which the stale-DLL test above must not see.
  it('by default, where mingw-w64 is installed, ships the cross-built DLL and the admin module', async (ctx) => {
    if (!hasMingw) {
      if (mustHaveMingw)
        throw new Error(
          'x86_64-w64-mingw32-gcc is missing, and CI must build the Windows DLL: install it with scripts/install-system-deps.sh',
        );
      ctx.skip('mingw-w64 is not installed (scripts/install-system-deps.sh installs it)');
    }
    const win = await packageType({ projectDir: join(tmp, 'proj') });
    expect(win.libraryKind).toBe('windows');
    expect(win.library).toBe('windows/PackDemoSType.dll');
    expect(win.files).toContain('windows/PackDemoSType.dll');
    expect(
      readFileSync(join(win.dir, 'windows', 'PackDemoSType.dll'))
        .subarray(0, 2)
        .toString('latin1'),
    ).toBe('MZ');
    const install = readFileSync(join(win.dir, 'INSTALL.md'), 'utf8');
    expect(install).toContain('is the Windows DLL `windows/PackDemoSType.dll`');
    expect(install).toContain('    Import-Module .\\PackDemoSType.psd1\n');
    expect(install).toContain("-InstallPath 'D:\\ClusterTypes\\PackDemoSType'");
    expect(install).toContain('`C:\\Program Files\\clusterkit\\PackDemoSType`');
    expect(install).not.toContain('{{');
    expect(win.files).toEqual(expect.arrayContaining(['PackDemoSType.psd1', 'PackDemoSType.psm1']));
    expect(readFileSync(join(win.dir, 'PackDemoSType.psm1'), 'utf8')).toContain(
      "$script:TypeName = 'Pack Demo''s Type'",
    );
  }, 900_000);
});

describe('clusterkit package --target ocf', () => {
  let pkg: OcfPackageTypeResult;
  let handler: string;
  let outDir: string;
  beforeAll(async () => {
    const project = createProject({ typeName: 'Ocf Pack', dir: 'ocfproj' }, tmp);
    handler = join(project.dir, 'src', 'handler.ts');
    outDir = join(project.dir, 'dist');
    pkg = await packageType({ projectDir: project.dir, target: 'ocf' });
  }, 600_000);

  it('is the Pacemaker package, not a Linux zip: the agent, the bundle, the install scripts, one tarball', () => {
    expect(pkg).toMatchObject({
      libraryKind: 'ocf',
      library: 'ocf/OcfPack',
      typeId: 'OcfPack',
      dir: join(outDir, 'package-ocf', 'OcfPack'),
      tarball: join(outDir, 'OcfPack-1.0.0-ocf.tar.gz'),
    });
    expect(pkg).not.toHaveProperty('zip');
    expect(existsSync(join(outDir, 'package'))).toBe(false);
    expect(pkg.files).toEqual(
      expect.arrayContaining(['ocf/OcfPack', 'OcfPack.handler.js', 'install.sh', 'app/server.mjs']),
    );
    const listing = execFileSync('tar', ['-tzf', pkg.tarball], { encoding: 'utf8' })
      .trim()
      .split('\n');
    expect(listing.sort()).toEqual(pkg.files.map((f) => `OcfPack/${f}`).sort());
  });

  it('names the file the build did not leave, and leaves the previous package as it was', () => {
    const { build } = pkg;
    for (const [file, code] of [
      [build.bundle, 'NO_BUNDLE'],
      [build.library, 'NO_LIBRARY'],
    ] as const) {
      renameSync(file, `${file}.away`);
      try {
        expect(() => packageOcf(build, handler, outDir)).toThrow(
          expect.objectContaining({ code, message: expect.stringContaining(file) }),
        );
      } finally {
        renameSync(`${file}.away`, file);
      }
      expect(existsSync(join(pkg.dir, 'ocf', 'OcfPack'))).toBe(true);
      expect(existsSync(join(pkg.dir, 'OcfPack.handler.js'))).toBe(true);
    }
  });
});
