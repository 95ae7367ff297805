/**
 * The `clusterkit` dependency a new project declares: `file:<absolute path>` for a local
 * checkout or packed tarball (installs offline), else the published `^<version>`.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ScaffoldError } from './scaffold-errors.js';

export function kitDependency(kit: string | undefined, cwd: string, kitVersion: string): string {
  if (kit === undefined) return `^${kitVersion}`;
  const abs = resolve(cwd, kit);
  if (!existsSync(abs)) {
    throw new ScaffoldError(
      'BAD_KIT',
      `--kit ${abs} does not exist; give a clusterkit checkout folder or a tarball from npm pack`,
    );
  }
  if (statSync(abs).isDirectory()) {
    const pkgPath = join(abs, 'package.json');
    let name: unknown;
    try {
      name = JSON.parse(readFileSync(pkgPath, 'utf8')).name;
    } catch {
      name = undefined;
    }
    if (name !== 'clusterkit') {
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
