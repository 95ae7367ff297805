/*
 * A SET applies whole or not at all: when the cluster database cannot be saved, SET fails with a
 * status that says why, the log names the cause, and no property changed (not in memory, not in
 * the file, not one of several).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDatabaseFile } from '../../src/dev/harness/database-file.js';
import { PropertiesRejectedError, ResourceMonitor } from '../../src/dev/harness/index.js';
import { buildInTemp, ECHO_HANDLER, type BuiltType } from './helpers.js';

describe('SET when the cluster database cannot be saved', () => {
  let built: BuiltType;
  let monitor: ResourceMonitor;
  const dir = mkdtempSync(join(tmpdir(), 'ck-atomic-'));
  const dbDir = join(dir, 'db');
  const file = join(dbDir, 'cluster.json');

  beforeAll(async () => {
    built = await buildInTemp(ECHO_HANDLER);
    mkdirSync(dbDir);
    monitor = await ResourceMonitor.load({
      library: built.library,
      type: built.typeName,
      schema: built.schema,
      database: { file },
    });
  });

  afterAll(async () => {
    await monitor?.close();
    built?.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('changes nothing and says why', async () => {
    const res = await monitor.createResource('Atomic1', { Port: 7001, Greeting: 'before' });
    const stored = readDatabaseFile(file);
    // The folder of the database file disappears: every save fails from now on.
    rmSync(dbDir, { recursive: true, force: true });
    const err = await res.setProperties({ Port: 7002, Greeting: 'after' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(PropertiesRejectedError);
    const rejected = err as PropertiesRejectedError;
    expect(rejected.win32).not.toBe(0);
    expect(rejected.win32).not.toBe(87);
    expect(rejected.logs.join('\n')).toMatch(/cannot be saved: ENOENT/);
    expect(rejected.logs.join('\n')).toMatch(
      /the cluster database refused property Port \(status \d+\); nothing was changed/,
    );
    expect(await res.getProperties()).toMatchObject({ Port: 7001, Greeting: 'before' });
    mkdirSync(dbDir);
    // Saving works again: the next SET is whole, and the file holds what memory holds.
    await res.setProperties({ Port: 7003, Greeting: 'again' });
    expect(await res.getProperties()).toMatchObject({ Port: 7003, Greeting: 'again' });
    expect(readDatabaseFile(file).size).toBe(stored.size);
    await res.close();
  });
});
