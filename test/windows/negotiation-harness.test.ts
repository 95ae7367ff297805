/**
 * Table negotiation on the Linux side: the same core offers the V1 table to a V1-only monitor
 * and the V2 table (with Cancel) when the range allows it, driven through the koffi
 * harness. Cancel aborts a pending Online through the handler's ctx.signal. The same
 * negotiations run under Wine in wine-e2e.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ResourceMonitor } from '../../src/dev/harness/index.js';
import { buildInTemp, fixture, type BuiltType } from '../e2e/helpers.js';

let built: BuiltType;

beforeAll(async () => {
  built = await buildInTemp(fixture('w-faults.ts'));
}, 300_000);

afterAll(() => built?.cleanup());

async function load(versions?: { min: number; max: number }): Promise<ResourceMonitor> {
  return ResourceMonitor.load({
    library: built.library,
    type: built.typeName,
    schema: built.schema,
    ...(versions ? { versions } : {}),
  });
}

async function until(cond: () => boolean, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('Resource API version negotiation', () => {
  it('a V1-only monitor (0x100-0x100) gets the V1 table, without Cancel, and it works', async () => {
    const monitor = await load({ min: 0x100, max: 0x100 });
    try {
      expect(monitor.entry.version).toBe(0x100);
      expect(monitor.entry.has('Cancel')).toBe(false);
      const res = await monitor.createResource('V1Res');
      await res.online();
      expect(res.state).toBe('Online');
      await res.offline();
      expect(res.state).toBe('Offline');
      await res.close();
    } finally {
      await monitor.close();
    }
  }, 120_000);

  it('a 0x100-0x200 monitor gets the V2 table; Cancel aborts a pending Online via ctx.signal', async () => {
    const monitor = await load({ min: 0x100, max: 0x200 });
    try {
      expect(monitor.entry.version).toBe(0x200);
      expect(monitor.entry.has('Cancel')).toBe(true);
      const res = await monitor.createResource('V2Res', { Mode: 'slow-online' });
      const mark = monitor.logs.mark();
      const online = res.online();
      online.catch(() => undefined);
      await until(() => res.state === 'OnlinePending', 60_000);
      expect(await monitor.entry.cancel(res.resid)).toBe(0);
      await expect(online).rejects.toThrow();
      await until(
        () =>
          monitor.logs.since(mark, 'V2Res', 200).some((l) => /online aborted by signal/.test(l)),
        30_000,
      );
      await res.close();
    } finally {
      await monitor.close();
    }
  }, 120_000);

  it('a V3-V4 only monitor is refused with ERROR_REVISION_MISMATCH', async () => {
    await expect(load({ min: 0x300, max: 0x400 })).rejects.toMatchObject({
      code: expect.anything(),
    });
    await expect(load({ min: 0x300, max: 0x400 })).rejects.toThrow(/returned 1306/);
  }, 60_000);
});
