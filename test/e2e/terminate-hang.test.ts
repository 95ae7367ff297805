import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ResourceMonitor, isProcessRunning } from '../../src/dev/harness/index.js';
import { buildInTemp, fixture, waitProcessGone, type BuiltType } from './helpers.js';

describe('a handler whose terminate never returns', () => {
  let built: BuiltType;
  let monitor: ResourceMonitor;

  beforeAll(async () => {
    built = await buildInTemp(fixture('h-hang-terminate.ts'));
    monitor = await ResourceMonitor.load({
      library: built.library,
      type: built.typeName,
      schema: built.schema,
    });
  });

  afterAll(async () => {
    await monitor?.close();
    built?.cleanup();
  });

  it('still has its processes killed by Terminate, within the terminate deadline plus escalation', async () => {
    const res = await monitor.createResource('Hang1');
    await res.online();
    const pid = (await res.getReadOnlyProperties()).Pid as number;
    expect(pid).toBeGreaterThan(0);
    expect(isProcessRunning(pid)).toBe(true);
    const started = performance.now();
    await res.terminate();
    const took = performance.now() - started;
    expect(res.state).toBe('Offline');
    await waitProcessGone(pid);
    // The library promises Terminate never blocks longer than timeouts.terminate (1 s here) + ~1 s.
    expect(took).toBeLessThan(1000 + 1000 + 3000);
    await res.close();
  });

  it('is killed when the resource is closed while online', async () => {
    const res = await monitor.createResource('Hang2');
    await res.online();
    const pid = (await res.getReadOnlyProperties()).Pid as number;
    await res.close();
    await waitProcessGone(pid);
  });
});
