/**
 * File helpers of `clusterkit package`: copying build outputs into the package folder and
 * listing it for the zip, in a stable order.
 */
import { cpSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ZipEntry } from './package-zip.js';

/** Copies a file or folder to `to`, creating parents. */
export function copyInto(from: string, to: string): void {
  mkdirSync(dirname(to), { recursive: true });
  cpSync(from, to, { recursive: statSync(from).isDirectory(), force: true });
}

/** Every file under `dir`, '/'-separated relative paths, sorted. */
export function listTree(dir: string, rel = ''): string[] {
  const out: string[] = [];
  for (const e of readdirSync(join(dir, rel), { withFileTypes: true })) {
    const child = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...listTree(dir, child));
    else if (e.isFile()) out.push(child);
  }
  return out.sort();
}

/** Zip entries for every file under `dir`, named `<prefix>/<path>`, keeping permission bits. */
export function zipEntries(dir: string, prefix: string): ZipEntry[] {
  return listTree(dir).map((rel) => {
    const file = join(dir, ...rel.split('/'));
    return {
      name: `${prefix}/${rel}`,
      data: readFileSync(file),
      mode: statSync(file).mode & 0o777,
    };
  });
}

/** A version string made safe for a file name (`1.0.0+build/3` → `1.0.0_build_3`). */
export function fileSafeVersion(version: string): string {
  const safe = version.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '');
  return safe.length > 0 ? safe.slice(0, 64) : '0';
}
