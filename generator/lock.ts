/**
 * A cross-process lock made of a directory (mkdir is atomic). Parallel vitest workers and
 * CLI runs share one core build; a lock whose owner died, or that is very old, is taken over.
 */
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { BuildError } from './errors.js';

const STALE_MS = 15 * 60_000;
const WAIT_MS = 20 * 60_000;
const POLL_MS = 100;

export interface LockOptions {
  /** Called each time the lock is found held by a live owner, before waiting for it again. */
  onWait?: (owner: number | undefined) => void;
}

export async function withLock<T>(
  lockDir: string,
  work: () => Promise<T>,
  options: LockOptions = {},
): Promise<T> {
  await acquire(lockDir, options);
  try {
    return await work();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

async function acquire(lockDir: string, options: LockOptions): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    try {
      mkdirSync(lockDir);
      writeFileSync(join(lockDir, 'owner'), String(process.pid));
      return;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    if (isStale(lockDir)) {
      rmSync(lockDir, { recursive: true, force: true });
      continue;
    }
    if (Date.now() > deadline) {
      throw new BuildError(
        'LOCK_TIMEOUT',
        `waited too long for ${lockDir}: if no build is running, delete it`,
      );
    }
    options.onWait?.(owner(lockDir));
    await sleep(POLL_MS);
  }
}

function owner(lockDir: string): number | undefined {
  try {
    const pid = Number(readFileSync(join(lockDir, 'owner'), 'utf8'));
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isStale(lockDir: string): boolean {
  let pid = NaN;
  let age = 0;
  try {
    age = Date.now() - statSync(lockDir).mtimeMs;
    pid = Number(readFileSync(join(lockDir, 'owner'), 'utf8'));
  } catch {
    // The owner file is written right after mkdir; give a fresh lock a moment before judging.
    return age > 5_000;
  }
  if (age > STALE_MS) return true;
  if (!Number.isInteger(pid) || pid <= 0) return age > 5_000;
  return !isAlive(pid);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
