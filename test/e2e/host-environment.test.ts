/*
 * The handler host's environment (docs/protocol.md, "The host's environment"): a hostile
 * NODE_OPTIONS in the monitor cannot load code into the host or change how it runs; NODE_ENV,
 * which applications read, is passed on.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ResourceMonitor, userControlCode } from '../../src/dev/harness/index.js';
import { buildInTemp, fixture, type BuiltType } from './helpers.js';

const SET = ['NODE_OPTIONS', 'NODE_PATH', 'NODE_ENV', 'UV_THREADPOOL_SIZE'] as const;

describe('the handler host environment', () => {
  let built: BuiltType;
  let monitor: ResourceMonitor;
  const dir = mkdtempSync(join(tmpdir(), 'ck-env-'));
  const marker = join(dir, 'loaded');
  const saved = Object.fromEntries(SET.map((k) => [k, process.env[k]]));

  beforeAll(async () => {
    built = await buildInTemp(fixture('h-env.ts'));
    const evil = join(dir, 'evil.cjs');
    writeFileSync(
      evil,
      `require('node:fs').writeFileSync(${JSON.stringify(marker)}, String(process.pid));\nglobalThis.__ckEvil = true;\n`,
    );
    // Set in this (the monitor's) process only after the build, which runs node itself.
    process.env.NODE_OPTIONS = `--require ${evil} --max-old-space-size=16`;
    process.env.NODE_PATH = dir;
    process.env.NODE_ENV = 'production';
    process.env.UV_THREADPOOL_SIZE = '1';
    monitor = await ResourceMonitor.load({
      library: built.library,
      type: built.typeName,
      schema: built.schema,
    });
  });

  afterAll(async () => {
    for (const k of SET) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
    await monitor?.close();
    built?.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('does not pass NODE_OPTIONS, NODE_PATH or UV_* to the host; NODE_ENV stays', async () => {
    const res = await monitor.createResource('Env1');
    await res.online();
    const r = await res.control(userControlCode(1));
    expect(r.status).toBe(0);
    const seen = JSON.parse(new TextDecoder().decode(r.data)) as Record<string, unknown>;
    expect(seen).toEqual({
      nodeOptions: null,
      nodePath: null,
      nodeEnv: 'production',
      execArgv: [],
      required: false,
    });
    expect(existsSync(marker)).toBe(false);
    await res.offline();
    await res.close();
  });
});
