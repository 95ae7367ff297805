// The directory lock that serialises core builds across vitest workers and CLI runs.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { withLock } from '../generator/index.js';

const work = mkdtempSync(join(tmpdir(), 'ck-lock-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('withLock', () => {
  it('never lets two holders overlap and releases the lock afterwards', async () => {
    const lock = join(work, 'a.lock');
    const names = ['x', 'y', 'z'];
    const ran: string[] = [];
    const waiting = new Set<string>();
    let inside = 0;
    let most = 0;
    const hold = (name: string) =>
      withLock(
        lock,
        async () => {
          inside++;
          most = Math.max(most, inside);
          ran.push(name);
          // Hold the lock until every holder that has not run yet is waiting for it.
          await until(() => names.every((n) => ran.includes(n) || waiting.has(n)));
          inside--;
        },
        { onWait: () => waiting.add(name) },
      );
    await Promise.all(names.map(hold));
    expect(most).toBe(1);
    expect([...ran].sort()).toEqual(names);
    // Two of them found it held and waited: they really contended.
    expect(waiting.size).toBe(2);
    expect(existsSync(lock)).toBe(false);
  });

  it('releases the lock when the work throws', async () => {
    const lock = join(work, 'b.lock');
    await expect(withLock(lock, async () => Promise.reject(new Error('boom')))).rejects.toThrow(
      'boom',
    );
    expect(existsSync(lock)).toBe(false);
  });

  it('takes over a lock whose owner process is gone', async () => {
    const lock = join(work, 'c.lock');
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
      encoding: 'utf8',
    });
    mkdirSync(lock);
    writeFileSync(join(lock, 'owner'), dead.stdout);
    const value = await withLock(lock, async () => 'taken');
    expect(value).toBe('taken');
  });

  it('waits for a live owner instead of taking its lock', async () => {
    const lock = join(work, 'd.lock');
    mkdirSync(lock);
    writeFileSync(join(lock, 'owner'), String(process.pid));
    let entered = false;
    const owners: (number | undefined)[] = [];
    const waiting = withLock(
      lock,
      async () => {
        entered = true;
      },
      { onWait: (owner) => owners.push(owner) },
    );
    // Three rounds of finding the lock held by a live owner, and it stayed out.
    await until(() => owners.length >= 3);
    expect(entered).toBe(false);
    expect(owners.slice(0, 3)).toEqual([process.pid, process.pid, process.pid]);
    rmSync(lock, { recursive: true });
    await waiting;
    expect(entered).toBe(true);
  });
});

/** Resolves once cond() holds (polled; every wait here is bounded by the test's timeout). */
async function until(cond: () => boolean): Promise<void> {
  while (!cond()) await new Promise((r) => setTimeout(r, 5));
}
