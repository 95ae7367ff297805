/**
 * `clusterkit package`: build the type, then assemble `dist/package/<TypeId>/` (library,
 * handler bundle, assets, admin module, INSTALL.md) and zip it as `dist/<TypeId>-<version>.zip`.
 * The library keeps its folder (`windows/` or `linux/`) because the library finds the bundle by
 * a path relative to itself. With target 'ocf', the Pacemaker package instead (package-ocf.ts).
 */
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { buildType, type BuildTypeResult } from './build.js';
import type { BuildTarget } from './targets.js';
import { writeAdminModule } from './admin.js';
import { checkTools } from './native-build.js';
import { TARGETS } from './targets.js';
import { resolveAssets } from './out-dir.js';
import { copyInto, fileSafeVersion, listTree, zipEntries } from './package-files.js';
import { packageOcf, type OcfPackageTypeResult } from './package-ocf.js';
import { renderInstallReadme } from './package-install.js';
import { createZip } from './package-zip.js';
import { PackageError } from './scaffold-errors.js';

export interface PackageTypeOptions {
  projectDir: string;
  /** Handler module, relative to projectDir (default src/handler.ts). */
  handler?: string;
  /** Build output, relative to projectDir (default dist). */
  outDir?: string;
  /**
   * Build target (default: windows where mingw-w64 is installed, else linux); 'ocf' makes the
   * Pacemaker package.
   */
  target?: BuildTarget;
  log?: (line: string) => void;
  /** Timestamp of the zip (or tarball) entries (default now). */
  date?: Date;
}

export interface PackageTypeResult {
  typeName: string;
  typeId: string;
  version: string;
  dir: string;
  zip: string;
  /** The library inside the package, '/'-separated, and which platform it is for. */
  library: string;
  libraryKind: 'windows' | 'linux';
  files: string[];
  /** Why a Windows DLL found in the output was not used, if one was skipped. */
  note?: string;
  build: BuildTypeResult;
}

export function packageType(
  options: PackageTypeOptions & { target: 'ocf' },
): Promise<OcfPackageTypeResult>;
export function packageType(
  options: PackageTypeOptions & { target?: 'linux' | 'windows' },
): Promise<PackageTypeResult>;
export function packageType(
  options: PackageTypeOptions,
): Promise<PackageTypeResult | OcfPackageTypeResult>;
export async function packageType(
  options: PackageTypeOptions,
): Promise<PackageTypeResult | OcfPackageTypeResult> {
  // 1. A type project, built.
  const projectDir = resolve(options.projectDir);
  const handler = resolve(projectDir, options.handler ?? 'src/handler.ts');
  const outDir = resolve(projectDir, options.outDir ?? 'dist');
  if (!existsSync(join(projectDir, 'package.json')) || !existsSync(handler)) {
    throw new PackageError(
      'NOT_A_TYPE_PROJECT',
      `${projectDir} is not a type project (needs package.json and ${relative(projectDir, handler)}); run clusterkit package in a project made by clusterkit new, or pass --handler`,
    );
  }
  const target = options.target ?? (await defaultPackageTarget());
  const build = await buildType({ handler, outDir, target, log: options.log });
  const { typeId, schema } = build;
  if (target === 'ocf') {
    // The agent is no library for a Windows or Linux zip: it has a package of its own.
    const ocf = packageOcf(build, handler, outDir, options.date);
    const about = { typeName: schema.type, typeId, version: schema.version };
    return { ...ocf, ...about, libraryKind: 'ocf', build };
  }

  // 2. What goes in, checked before the old package folder is touched: the Windows DLL when
  // this build made it or a later one than the bundle, and the bundle.
  const { librarySource, libraryKind, note } = pickLibrary(build, outDir);
  const library = relative(outDir, librarySource).split('\\').join('/');
  if (library.startsWith('..'))
    throw new PackageError('NO_LIBRARY', `the library ${librarySource} is outside ${outDir}`);
  if (!existsSync(build.bundle))
    throw new PackageError(
      'NO_BUNDLE',
      `the build did not leave ${build.bundle}; run clusterkit build`,
    );

  // 3. A fresh package folder with the library.
  const dir = join(outDir, 'package', typeId);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  copyInto(librarySource, join(dir, ...library.split('/')));

  // 4. The bundle with its ESM marker and source map, and the assets the build copied.
  copyInto(build.bundle, join(dir, basename(build.bundle)));
  for (const extra of [`${build.bundle}.map`, join(outDir, 'package.json')]) {
    if (existsSync(extra)) copyInto(extra, join(dir, basename(extra)));
  }
  for (const asset of resolveAssets(handler).assets)
    copyInto(join(outDir, basename(asset)), join(dir, basename(asset)));

  // 5. The admin module (it registers a Windows DLL, so only beside one) and the install README.
  if (libraryKind === 'windows') {
    writeAdminModule(schema, dir, {
      libraryFile: library,
      bundleFile: basename(build.bundle),
    });
  }
  const listed = [...listTree(dir), 'INSTALL.md'].sort();
  writeFileSync(
    join(dir, 'INSTALL.md'),
    renderInstallReadme({ schema, typeId, libraryPath: library, libraryKind, files: listed }),
  );

  // 6. The zip, one top folder named after the type.
  const zip = join(outDir, `${typeId}-${fileSafeVersion(schema.version)}.zip`);
  writeFileSync(zip, createZip(zipEntries(dir, typeId), options.date));
  return {
    typeName: schema.type,
    typeId,
    version: schema.version,
    dir,
    zip,
    library,
    libraryKind,
    files: listTree(dir),
    note,
    build,
  };
}

/** Windows where the cross toolchain is installed (the package is for a Windows cluster), else Linux. */
export async function defaultPackageTarget(): Promise<BuildTarget> {
  try {
    await checkTools(TARGETS.windows);
    return 'windows';
  } catch {
    return 'linux';
  }
}

/**
 * A DLL older than the bundle was built from another schema and would refuse the bundle's host
 * at its handshake, so it is used only when at least as new as the bundle.
 */
function pickLibrary(build: BuildTypeResult, outDir: string) {
  if (build.library.endsWith('.dll')) {
    return { librarySource: build.library, libraryKind: 'windows' as const, note: undefined };
  }
  const dll = join(outDir, 'windows', `${build.typeId}.dll`);
  if (existsSync(dll) && statSync(dll).mtimeMs >= statSync(build.bundle).mtimeMs) {
    return { librarySource: dll, libraryKind: 'windows' as const, note: undefined };
  }
  const note = existsSync(dll)
    ? `${dll} is older than the handler bundle, so it was left out; rebuild it with clusterkit build --target windows`
    : undefined;
  return { librarySource: build.library, libraryKind: 'linux' as const, note };
}
