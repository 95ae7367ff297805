import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ResourceMonitor, type HarnessEvent } from '../../src/harness/index.js';
import {
  buildInTemp,
  ECHO_HANDLER,
  fixture,
  freePort,
  waitProcessGone,
  type BuiltType,
} from './helpers.js';

const HOUR = 3_600_000;

function indexOf(events: HarnessEvent[], pred: (e: HarnessEvent) => boolean): number {
  return events.findIndex(pred);
}

describe('a killed application is detected', () => {
  const built: BuiltType[] = [];
  const monitors: ResourceMonitor[] = [];

  afterAll(async () => {
    for (const m of monitors) await m.close();
    for (const b of built) b.cleanup();
  });

  it('through ctx.fail: the event handle is signaled, IsAlive runs at once, the resource fails and is terminated', async () => {
    const b = await buildInTemp(ECHO_HANDLER);
    built.push(b);
    // Polling is effectively off, so only the event-handle path can notice the failure.
    const monitor = await ResourceMonitor.load({
      library: b.library,
      type: b.typeName,
      schema: b.schema,
      timing: { looksAlive: HOUR, isAlive: HOUR },
    });
    monitors.push(monitor);
    const res = await monitor.createResource('EchoKill', { Port: await freePort() });
    await res.online();
    expect(res.eventHandle).not.toBeNull();
    const pid = (await res.getReadOnlyProperties()).Pid as number;
    process.kill(pid, 'SIGKILL');
    await res.waitForState('Failed', 30_000);
    await waitProcessGone(pid);

    const ev = res.events;
    const signaled = indexOf(ev, (e) => e.type === 'event-signaled');
    const check = indexOf(
      ev,
      (e) => e.type === 'check' && e.trigger === 'event-handle' && e.check === 'IsAlive',
    );
    const failed = indexOf(ev, (e) => e.type === 'state' && e.to === 'Failed');
    const terminate = ev.findIndex(
      (e, i) => i > failed && e.type === 'call' && e.call === 'Terminate',
    );
    expect(signaled).toBeGreaterThanOrEqual(0);
    expect(check).toBeGreaterThan(signaled);
    expect(ev[check]).toMatchObject({ result: false });
    expect(failed).toBeGreaterThan(check);
    expect(ev[failed]).toMatchObject({ why: 'IsAlive returned FALSE (event-handle)' });
    expect(terminate).toBeGreaterThan(failed);
    expect(ev.some((e) => e.type === 'log' && /unexpectedly/.test(e.text))).toBe(true);
    await res.close();
  });

  it('by polling when the handler never calls ctx.fail: LooksAlive FALSE → IsAlive at once → Failed → Terminate', async () => {
    const b = await buildInTemp(fixture('h-poll-echo.ts'));
    built.push(b);
    const monitor = await ResourceMonitor.load({
      library: b.library,
      type: b.typeName,
      schema: b.schema,
      timing: { looksAlive: 150, isAlive: HOUR },
    });
    monitors.push(monitor);
    const res = await monitor.createResource('PollKill', { Port: await freePort() });
    await res.online();
    const pid = (await res.getReadOnlyProperties()).Pid as number;
    expect(pid).toBeGreaterThan(0);
    // Let a few healthy polls happen first: they must answer TRUE.
    await new Promise<void>((ok) => {
      const t = setInterval(() => {
        if (
          res.events.filter((e) => e.type === 'check' && e.trigger === 'poll' && e.result).length >=
          2
        )
          ok(void clearInterval(t));
      }, 25);
    });
    process.kill(pid, 'SIGKILL');
    await res.waitForState('Failed', 30_000);

    const ev = res.events;
    const looks = indexOf(ev, (e) => e.type === 'check' && e.check === 'LooksAlive' && !e.result);
    const escalation = indexOf(
      ev,
      (e) => e.type === 'check' && e.check === 'IsAlive' && e.trigger === 'escalation',
    );
    const failed = indexOf(ev, (e) => e.type === 'state' && e.to === 'Failed');
    const terminate = ev.findIndex(
      (e, i) => i > failed && e.type === 'call' && e.call === 'Terminate',
    );
    expect(looks).toBeGreaterThanOrEqual(0);
    expect(escalation).toBeGreaterThan(looks);
    expect(ev[escalation]).toMatchObject({ result: false });
    // "At once": no other call to the library between the FALSE LooksAlive and the IsAlive.
    expect(
      ev.slice(looks + 1, escalation).filter((e) => e.type === 'call' && e.call !== 'IsAlive'),
    ).toEqual([]);
    expect(ev[failed]).toMatchObject({ why: 'IsAlive returned FALSE (escalation)' });
    expect(terminate).toBeGreaterThan(failed);
    // Polling stopped with the failure.
    const after = ev.length;
    await new Promise((r) => setTimeout(r, 600));
    expect(res.events.slice(after).filter((e) => e.type === 'check')).toEqual([]);
    await res.close();
  });
});
