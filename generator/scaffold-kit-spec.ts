/**
 * The `clusterkit` dependency a new project declares. With `--kit`, that checkout or packed
 * tarball. Without it, the kit that runs `clusterkit new`, so the project installs with
 * nothing but that kit: a checkout is linked (`file:<folder>`), an installed kit names where
 * its installer got it (the tarball it came from, or the registry it came from), and an
 * installed kit of unknown origin is linked as it lies on disk.
 */
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { isKitCheckout, readPackageName } from './kit-root.js';
import { ScaffoldError } from './scaffold-errors.js';

export interface KitSource {
  /** The running kit's folder and version. */
  root: string;
  version: string;
}

export function kitDependency(kit: string | undefined, cwd: string, running: KitSource): string {
  if (kit === undefined) return runningKitDependency(running);
  const abs = resolve(cwd, kit);
  if (!existsSync(abs)) {
    throw new ScaffoldError(
      'BAD_KIT',
      `--kit ${abs} does not exist; give a clusterkit checkout folder or a tarball from npm pack`,
    );
  }
  if (statSync(abs).isDirectory()) {
    if (readPackageName(join(abs, 'package.json')) !== 'clusterkit') {
      throw new ScaffoldError(
        'BAD_KIT',
        `--kit ${abs} is not a clusterkit checkout (no package.json named "clusterkit")`,
      );
    }
  } else if (!/\.(tgz|tar\.gz)$/.test(abs)) {
    throw new ScaffoldError(
      'BAD_KIT',
      `--kit ${abs} is a file but not a .tgz from npm pack; give the tarball or a checkout folder`,
    );
  }
  return `file:${abs}`;
}

/** The dependency that installs the very kit running this code. */
export function runningKitDependency(running: KitSource): string {
  const root = realpathSync(running.root);
  if (isKitCheckout(root)) return `file:${root}`;
  const origin = installedFrom(root);
  if (origin?.kind === 'tarball') return `file:${origin.path}`;
  if (origin?.kind === 'registry') return `^${running.version}`;
  return `file:${root}`;
}

type Origin = { kind: 'tarball'; path: string } | { kind: 'registry' };

/**
 * Where npm installed `<project>/node_modules/clusterkit` from, as its lock files record it
 * (`node_modules/.package-lock.json`, else the project's `package-lock.json`).
 */
function installedFrom(root: string): Origin | undefined {
  const modules = dirname(root);
  if (basename(root) !== 'clusterkit' || basename(modules) !== 'node_modules') return undefined;
  const project = dirname(modules);
  for (const lock of [join(modules, '.package-lock.json'), join(project, 'package-lock.json')]) {
    const resolved = lockedResolved(lock);
    if (resolved === undefined) continue;
    if (/^https?:\/\//.test(resolved)) return { kind: 'registry' };
    const path = resolved.replace(/^file:/, '');
    const abs = isAbsolute(path) ? path : resolve(project, path);
    if (/\.(tgz|tar\.gz)$/.test(abs) && existsSync(abs)) return { kind: 'tarball', path: abs };
    return undefined;
  }
  return undefined;
}

function lockedResolved(lockFile: string): string | undefined {
  try {
    const lock = JSON.parse(readFileSync(lockFile, 'utf8')) as {
      packages?: Record<string, { resolved?: unknown }>;
    };
    const resolved = lock.packages?.['node_modules/clusterkit']?.resolved;
    return typeof resolved === 'string' ? resolved : undefined;
  } catch {
    return undefined;
  }
}
