import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ResourceMonitor } from '../../src/dev/harness/index.js';
import {
  buildInTemp,
  echoRoundTrip,
  ECHO_HANDLER,
  freePort,
  waitProcessGone,
  waitUntil,
  type BuiltType,
} from './helpers.js';

describe('kill -9 of the handler host', () => {
  let built: BuiltType;
  let monitor: ResourceMonitor;

  beforeAll(async () => {
    built = await buildInTemp(ECHO_HANDLER);
    monitor = await ResourceMonitor.load({
      library: built.library,
      type: built.typeName,
      schema: built.schema,
      timing: { looksAlive: 3_600_000, isAlive: 300 },
    });
  });

  afterAll(async () => {
    await monitor?.close();
    built?.cleanup();
  });

  it('LooksAlive/IsAlive answer FALSE within their deadlines, the resource fails, and the next Online starts a new host', async () => {
    const port = await freePort();
    const res = await monitor.createResource('EchoHost', { Port: port });
    await res.online();
    const hosts = monitor.hostProcesses();
    expect(hosts).toHaveLength(1);
    const oldHost = hosts[0].pid;
    const appPid = (await res.getReadOnlyProperties()).Pid as number;

    process.kill(oldHost, 'SIGKILL');
    await waitProcessGone(oldHost);

    const deadlines = built.schema.timeouts;
    let t = performance.now();
    expect(await res.looksAlive()).toBe(false);
    const looksMs = performance.now() - t;
    t = performance.now();
    expect(await res.isAlive()).toBe(false);
    const isMs = performance.now() - t;
    console.log(
      `after kill -9 of the host: LooksAlive FALSE in ${looksMs.toFixed(1)} ms (deadline ${deadlines.looksAlive}), IsAlive FALSE in ${isMs.toFixed(1)} ms (deadline ${deadlines.isAlive})`,
    );
    // The deadline plus generous slack for a busy machine; a dead host should answer at once.
    expect(looksMs).toBeLessThan(deadlines.looksAlive + 2000);
    expect(isMs).toBeLessThan(deadlines.isAlive + 2000);

    // The library kills what the dead host had started.
    await waitProcessGone(appPid);
    // RHS's answer to IsAlive FALSE from its own polling: Failed, then Terminate.
    await res.waitForState('Failed', 30_000);
    await waitUntil(
      () => res.events.some((e) => e.type === 'call' && e.call === 'Terminate'),
      30_000,
      'Terminate',
    );

    await res.online();
    expect(res.state).toBe('Online');
    const newHosts = monitor.hostProcesses();
    expect(newHosts).toHaveLength(1);
    expect(newHosts[0].pid).not.toBe(oldHost);
    expect(await echoRoundTrip(port, 'again\n')).toBe('again\n');
    await res.offline();
    await res.close();
  });

  it('signals the event handle at once: with polling off, RHS calls IsAlive and fails the resource without waiting for a poll', async () => {
    await monitor.close();
    monitor = await ResourceMonitor.load({
      library: built.library,
      type: built.typeName,
      schema: built.schema,
      timing: { looksAlive: 3_600_000, isAlive: 3_600_000 },
    });
    const res = await monitor.createResource('EchoHostQuiet', { Port: await freePort() });
    await res.online();
    expect(res.eventHandle).not.toBeNull();
    const host = monitor.hostProcesses()[0].pid;
    process.kill(host, 'SIGKILL');
    await res.waitForState('Failed', 30_000);
    const ev = res.events;
    const signaled = ev.findIndex((e) => e.type === 'event-signaled');
    const check = ev.findIndex((e) => e.type === 'check' && e.trigger === 'event-handle');
    expect(signaled).toBeGreaterThanOrEqual(0);
    expect(check).toBeGreaterThan(signaled);
    expect(ev[check]).toMatchObject({ check: 'IsAlive', result: false });
    expect(
      ev.some((e) => e.type === 'log' && /is gone while the resource is online/.test(e.text)),
    ).toBe(true);
    await res.close();
  });
});
