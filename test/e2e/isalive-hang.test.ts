import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ResourceMonitor } from '../../src/harness/index.js';
import { buildInTemp, fixture, type BuiltType } from './helpers.js';

describe('a handler whose isAlive never resolves', () => {
  let built: BuiltType;
  let monitor: ResourceMonitor;

  beforeAll(async () => {
    built = await buildInTemp(fixture('h-hang-isalive.ts'));
    monitor = await ResourceMonitor.load({
      library: built.library,
      type: built.typeName,
      schema: built.schema,
      timing: { looksAlive: 3_600_000, isAlive: 3_600_000 },
    });
  });

  afterAll(async () => {
    await monitor?.close();
    built?.cleanup();
  });

  it('gets IsAlive FALSE from the library once timeouts.isAlive (600 ms) has passed, not before, not much after', async () => {
    expect(built.schema.timeouts.isAlive).toBe(600);
    const res = await monitor.createResource('Hang1');
    await res.online();
    const t = performance.now();
    expect(await res.isAlive()).toBe(false);
    const took = performance.now() - t;
    console.log(
      `IsAlive of a hung handler answered FALSE after ${took.toFixed(1)} ms (deadline 600 ms)`,
    );
    expect(took).toBeGreaterThanOrEqual(590);
    expect(took).toBeLessThan(600 + 3000);
    await res.close();
  });

  it('fails the resource when RHS polls it', async () => {
    const res = await monitor.createResource('Hang2', undefined, { timing: { isAlive: 200 } });
    await res.online();
    await res.waitForState('Failed', 30_000);
    expect(res.events.find((e) => e.type === 'state' && e.to === 'Failed')).toMatchObject({
      why: 'IsAlive returned FALSE (poll)',
    });
    await res.close();
  });
});
