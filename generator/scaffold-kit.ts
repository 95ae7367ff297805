/**
 * Where the running kit lives (a checkout, or node_modules/clusterkit of a project) and what
 * it declares: the templates folder and the versions a new project should depend on.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ScaffoldError } from './scaffold-errors.js';

export interface KitInfo {
  root: string;
  version: string;
  templatesDir: string;
  /** Versions of the kit's own dev tools, so a new project installs what the npm cache holds. */
  devVersions: { typescript: string; vitest: string; typesNode: string };
}

let cached: KitInfo | undefined;

/** Walks up from this module (generator/ or dist/generator/) to the kit's package.json. */
export function kitInfo(): KitInfo {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkgPath = join(dir, 'package.json');
    if (existsSync(pkgPath)) {
      const pkg = JSON.parse(readFileSync(pkgPath, 'utf8')) as Record<string, any>;
      if (pkg.name === 'clusterkit') {
        const dev = { ...(pkg.devDependencies ?? {}) } as Record<string, string>;
        cached = {
          root: dir,
          version: String(pkg.version),
          templatesDir: join(dir, 'templates'),
          devVersions: {
            typescript: dev.typescript ?? '6.0.3',
            vitest: dev.vitest ?? '4.1.12',
            typesNode: dev['@types/node'] ?? '20.19.43',
          },
        };
        return cached;
      }
    }
    const up = dirname(dir);
    if (up === dir) {
      throw new ScaffoldError(
        'KIT_NOT_FOUND',
        'cannot find the clusterkit package.json above the generator; reinstall clusterkit',
      );
    }
    dir = up;
  }
}
