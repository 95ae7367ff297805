/**
 * Where the kit lives: the nearest directory above this file whose package.json is named
 * "clusterkit" (works from generator/*.ts under vitest and from dist/generator/*.js).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BuildError } from './errors.js';

export function findKitRoot(start: string = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = start; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && readPackageName(manifest) === 'clusterkit') return dir;
    if (dirname(dir) === dir) break;
  }
  throw new BuildError(
    'KIT_NOT_FOUND',
    `cannot find the clusterkit package above ${start}; reinstall clusterkit or pass kitRoot`,
  );
}

/** A source checkout (has src/index.ts), as opposed to an installed package (dist only). */
export function isKitCheckout(kitRoot: string): boolean {
  return existsSync(join(kitRoot, 'src', 'index.ts'));
}

/** The "name" of a package.json, or undefined when it has none or cannot be read. */
export function readPackageName(file: string): string | undefined {
  try {
    const json = JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown };
    return typeof json.name === 'string' ? json.name : undefined;
  } catch {
    return undefined;
  }
}
