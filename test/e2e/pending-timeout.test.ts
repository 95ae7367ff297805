import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PendingTimeoutError, ResourceMonitor } from '../../src/dev/harness/index.js';
import { buildInTemp, fixture, type BuiltType } from './helpers.js';

describe('a pending Online that stops reporting progress', () => {
  let built: BuiltType;
  let monitor: ResourceMonitor;

  beforeAll(async () => {
    built = await buildInTemp(fixture('h-stuck-online.ts'));
    monitor = await ResourceMonitor.load({
      library: built.library,
      type: built.typeName,
      schema: built.schema,
      timing: { pendingTimeout: 1500 },
    });
  });

  afterAll(async () => {
    await monitor?.close();
    built?.cleanup();
  });

  it('is terminated after PendingTimeout and fails, in the default configuration (no automatic progress)', async () => {
    expect(built.schema.progressInterval).toBe(0); // the fixture leaves it at its default
    const res = await monitor.createResource('Stuck1');
    const t = performance.now();
    const err = await res.online().then(
      () => undefined,
      (e: unknown) => e,
    );
    const took = performance.now() - t;
    expect(err).toBeInstanceOf(PendingTimeoutError);
    expect((err as PendingTimeoutError).code).toBe('PENDING_TIMEOUT');
    expect(took).toBeGreaterThanOrEqual(1450);
    expect(res.state).toBe('Failed');
    const ev = res.events;
    const pending = ev.findIndex((e) => e.type === 'state' && e.to === 'OnlinePending');
    const failed = ev.findIndex((e) => e.type === 'state' && e.to === 'Failed');
    expect(pending).toBeGreaterThanOrEqual(0);
    expect(failed).toBeGreaterThan(pending);
    expect(ev[failed]).toMatchObject({ why: expect.stringContaining('PendingTimeout') });
    expect(
      ev.findIndex((e, i) => i > failed && e.type === 'call' && e.call === 'Terminate'),
    ).toBeGreaterThan(failed);
    await res.close();
  });

  it('is abandoned by Terminate: online() rejects with TerminatedError and the resource is Offline', async () => {
    const res = await monitor.createResource('Stuck2');
    const online = res.online();
    await res.waitForState('OnlinePending', 10_000);
    await res.terminate();
    await expect(online).rejects.toMatchObject({ code: 'TERMINATED' });
    expect(res.state).toBe('Offline');
    // Nothing fails it later: the PendingTimeout of the abandoned Online is disarmed. A later
    // Online's PendingTimeout firing proves the earlier one would have fired by then.
    const later = await monitor.createResource('Stuck2b');
    await expect(later.online()).rejects.toMatchObject({ code: 'PENDING_TIMEOUT' });
    await later.close();
    expect(res.state).toBe('Offline');
    expect(res.events.some((e) => e.type === 'state' && e.to === 'Failed')).toBe(false);
    await res.close();
  });

  it('is measured between status reports: a slow Online that keeps reporting progress comes online', async () => {
    const slow = await buildInTemp(fixture('h-slow-online.ts'));
    await monitor.close();
    const m = await ResourceMonitor.load({
      library: slow.library,
      type: slow.typeName,
      schema: slow.schema,
      timing: { pendingTimeout: 1000 },
    });
    try {
      const res = await m.createResource('Slow1');
      const t = performance.now();
      await res.online();
      expect(performance.now() - t).toBeGreaterThan(2000);
      expect(res.state).toBe('Online');
      const reports = res.events.filter((e) => e.type === 'status' && e.state === 129);
      expect(reports.length).toBeGreaterThanOrEqual(3);
      const points = reports.map((e) => (e as { checkPoint: number }).checkPoint);
      expect(points).toEqual([...points].sort((a, b) => a - b));
      await res.offline();
    } finally {
      await m.close();
      slow.cleanup();
    }
  });
});
