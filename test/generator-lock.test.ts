// The directory lock that serialises core builds across vitest workers and CLI runs.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { withLock } from '../generator/index.js';

const work = mkdtempSync(join(tmpdir(), 'ck-lock-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('withLock', () => {
  it('never lets two holders overlap and releases the lock afterwards', async () => {
    const lock = join(work, 'a.lock');
    const events: string[] = [];
    const hold = (name: string) =>
      withLock(lock, async () => {
        events.push(`${name}+`);
        await sleep(50);
        events.push(`${name}-`);
        return name;
      });
    const results = await Promise.all([hold('x'), hold('y'), hold('z')]);
    expect(results).toEqual(['x', 'y', 'z']);
    for (let i = 0; i < events.length; i += 2) {
      expect(events[i].slice(0, 1)).toBe(events[i + 1].slice(0, 1));
      expect([events[i].slice(1), events[i + 1].slice(1)]).toEqual(['+', '-']);
    }
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
    const waiting = withLock(lock, async () => {
      entered = true;
    });
    await sleep(300);
    expect(entered).toBe(false);
    rmSync(lock, { recursive: true });
    await waiting;
    expect(entered).toBe(true);
  });
});
