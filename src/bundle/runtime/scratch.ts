/**
 * Per-instance scratch folders (ctx.scratch): `<tmp>/clusterkit-<type>-<host pid>-<random>`,
 * mode 0700, made on first use and removed when the instance stops (Offline, Terminate, Close).
 * A host that crashed cannot remove its own: every host sweeps, when it starts, the folders of
 * its type whose host process is gone.
 */
import { createHash } from 'node:crypto';
import { lstatSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signalProcess } from './process-group.js';

/** The folder-name prefix of a type: a readable slug plus a hash, so two types never share it. */
export function scratchPrefix(typeName: string): string {
  const slug = typeName.replace(/[^A-Za-z0-9]+/g, '').slice(0, 24) || 'type';
  const hash = createHash('sha256').update(typeName, 'utf8').digest('hex').slice(0, 8);
  return `clusterkit-${slug}-${hash}-`;
}

/** Makes a new scratch folder of this host (mkdtemp: 0700, a fresh name). */
export function makeScratch(typeName: string, root = tmpdir()): string {
  return mkdtempSync(join(root, `${scratchPrefix(typeName)}${process.pid}-`));
}

/** Removes a scratch folder and everything in it; a missing one is fine. */
export function removeScratch(dir: string | undefined): void {
  if (dir) rmSync(dir, { recursive: true, force: true, maxRetries: 2 });
}

/**
 * Removes the scratch folders of this type left by hosts that no longer run. Only real
 * folders owned by this process's user are touched (never a link someone put in /tmp).
 * Returns how many were removed.
 */
export function sweepScratch(typeName: string, root = tmpdir()): number {
  const prefix = scratchPrefix(typeName);
  const me = process.getuid?.();
  let removed = 0;
  let names: string[];
  try {
    names = readdirSync(root);
  } catch {
    return 0;
  }
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(/^(\d+)-/.exec(name.slice(prefix.length))?.[1]);
    if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid || signalProcess(pid, 0))
      continue;
    const path = join(root, name);
    try {
      const st = lstatSync(path);
      if (!st.isDirectory() || (me !== undefined && st.uid !== me)) continue;
      removeScratch(path);
      removed++;
    } catch {
      // Gone meanwhile, or not ours to remove.
    }
  }
  return removed;
}
