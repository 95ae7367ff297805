import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ResourceMonitor } from '../../src/dev/harness/index.js';
import { buildInTemp, fixture, waitUntil, type BuiltType } from './helpers.js';

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

  it('lets Terminate run while a hung IsAlive holds the resource, and reports calls beyond DeadlockTimeout', async () => {
    const deadlocks: string[] = [];
    await monitor.close();
    monitor = await ResourceMonitor.load({
      library: built.library,
      type: built.typeName,
      schema: built.schema,
      timing: { looksAlive: 3_600_000, isAlive: 3_600_000, deadlockTimeout: 200 },
      onDeadlock: (e) => deadlocks.push(e.call),
    });
    const res = await monitor.createResource('Hang3');
    await res.online();
    // 600 ms in the library > 200 ms DeadlockTimeout: reported as a hang.
    expect(await res.isAlive()).toBe(false);
    expect(deadlocks).toEqual(['IsAlive']);
    expect(res.events.find((e) => e.type === 'deadlock')).toMatchObject({ call: 'IsAlive' });
    const from = res.events.length;
    const alive = res.isAlive();
    // Terminate once the IsAlive call is inside the handler (not merely queued).
    await waitUntil(
      () =>
        res.events.slice(from).some((e) => e.type === 'log' && e.text.includes('isAlive entered')),
      10_000,
      'the IsAlive call to reach the handler',
    );
    await res.terminate();
    expect(await alive).toBe(false);
    // Terminate is not serialized behind the IsAlive the library is still waiting on:
    // it started before that IsAlive call returned.
    const calls = res.events.slice(from).filter((e) => e.type === 'call');
    const isAlive = calls.find((e) => e.call === 'IsAlive')!;
    const terminate = calls.find((e) => e.call === 'Terminate')!;
    expect(terminate.startedAt).toBeLessThan(isAlive.startedAt + isAlive.durationMs);
    await res.close();
  });
});
