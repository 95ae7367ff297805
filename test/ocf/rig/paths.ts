import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RigError } from './errors.js';

/**
 * A file of the rig's folder (node-init.sh, agent-bench.c), found upwards from this module
 * so the rig also works compiled (dist/test/...) or bundled (build/...).
 */
export function rigFile(name: string): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    for (const candidate of [join(dir, name), join(dir, 'test', 'ocf', 'rig', name)]) {
      if (existsSync(candidate)) return candidate;
    }
    if (dirname(dir) === dir)
      throw new RigError('RIG_MISSING_TOOL', `cannot find test/ocf/rig/${name} above this module`);
  }
}
