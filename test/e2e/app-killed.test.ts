import { afterAll, describe, expect, it } from 'vitest';
import { ResourceMonitor, type HarnessEvent, type Resource } from '../../src/dev/harness/index.js';
import {
  buildInTemp,
  ECHO_HANDLER,
  fixture,
  freePort,
  waitProcessGone,
  waitUntil,
  type BuiltType,
} from './helpers.js';

const HOUR = 3_600_000;

const isCall = (name: string) => (e: HarnessEvent) => e.type === 'call' && e.call === name;

/** Waits for the Failed state and the Terminate RHS sends after it. */
async function failedAndTerminated(res: Resource): Promise<{ failed: number; terminate: number }> {
  await res.waitForState('Failed', 30_000);
  const failed = res.events.findIndex((e) => e.type === 'state' && e.to === 'Failed');
  await waitUntil(() => res.events.slice(failed).some(isCall('Terminate')), 30_000, 'Terminate');
  const terminate = res.events.findIndex((e, i) => i > failed && isCall('Terminate')(e));
  return { failed, terminate };
}

/** Resolves once `n` healthy polls have been answered. */
function healthyPolls(res: Resource, n: number): Promise<void> {
  const count = () =>
    res.events.filter((e) => e.type === 'check' && e.trigger === 'poll' && e.result).length;
  return waitUntil(() => count() >= n, 30_000, `${n} healthy polls`);
}

describe('a killed application is detected', () => {
  const built: BuiltType[] = [];
  afterAll(() => built.forEach((b) => b.cleanup()));

  async function load(handler: string, extra: Partial<Parameters<typeof ResourceMonitor.load>[0]>) {
    const b = await buildInTemp(handler);
    built.push(b);
    return ResourceMonitor.load({
      library: b.library,
      type: b.typeName,
      schema: b.schema,
      ...extra,
    });
  }

  it('through ctx.fail: the event handle is signaled, IsAlive runs at once, the resource fails and is terminated', async () => {
    // Polling is effectively off, so only the event-handle path can notice the failure.
    const monitor = await load(ECHO_HANDLER, { timing: { looksAlive: HOUR, isAlive: HOUR } });
    try {
      const res = await monitor.createResource('EchoKill', { Port: await freePort() });
      await res.online();
      expect(res.eventHandle).not.toBeNull();
      const pid = (await res.getReadOnlyProperties()).Pid as number;
      process.kill(pid, 'SIGKILL');
      const { failed, terminate } = await failedAndTerminated(res);
      await waitProcessGone(pid);

      const ev = res.events;
      const signaled = ev.findIndex((e) => e.type === 'event-signaled');
      const check = ev.findIndex((e) => e.type === 'check' && e.trigger === 'event-handle');
      expect(signaled).toBeGreaterThanOrEqual(0);
      expect(check).toBeGreaterThan(signaled);
      expect(ev[check]).toMatchObject({ check: 'IsAlive', result: false });
      expect(failed).toBeGreaterThan(check);
      expect(ev[failed]).toMatchObject({ why: 'IsAlive returned FALSE (event-handle)' });
      expect(terminate).toBeGreaterThan(failed);
      expect(ev.some((e) => e.type === 'log' && /exited unexpectedly/.test(e.text))).toBe(true);
    } finally {
      await monitor.close();
    }
  });

  it('by polling, with the event handle ignored: LooksAlive FALSE → IsAlive at once → Failed → Terminate', async () => {
    // The library always returns an event handle; ignoring it is what turns LooksAlive polling on.
    const monitor = await load(fixture('h-poll-echo.ts'), {
      ignoreEventHandles: true,
      timing: { looksAlive: 150, isAlive: HOUR },
    });
    try {
      const res = await monitor.createResource('PollKill', { Port: await freePort() });
      await res.online();
      expect(res.eventHandle).toBeNull();
      const pid = (await res.getReadOnlyProperties()).Pid as number;
      expect(pid).toBeGreaterThan(0);
      await healthyPolls(res, 2);
      process.kill(pid, 'SIGKILL');
      const { failed, terminate } = await failedAndTerminated(res);

      const ev = res.events;
      const looks = ev.findIndex(
        (e) => e.type === 'check' && e.check === 'LooksAlive' && !e.result,
      );
      const escalation = ev.findIndex((e) => e.type === 'check' && e.trigger === 'escalation');
      expect(looks).toBeGreaterThanOrEqual(0);
      expect(escalation).toBeGreaterThan(looks);
      expect(ev[escalation]).toMatchObject({ check: 'IsAlive', result: false });
      // "At once": no other library call between the FALSE LooksAlive and the IsAlive.
      const between = ev.slice(looks + 1, escalation).filter((e) => e.type === 'call');
      expect(between.map((e) => (e as { call: string }).call)).toEqual(['IsAlive']);
      expect(ev[failed]).toMatchObject({ why: 'IsAlive returned FALSE (escalation)' });
      expect(terminate).toBeGreaterThan(failed);
      // Polling stopped with the failure: a witness polled at the same interval gets four
      // polls (four intervals pass) while the failed resource gets none.
      const after = res.events.length;
      const witness = await monitor.createResource('PollWitness', { Port: await freePort() });
      await witness.online();
      await healthyPolls(witness, 4);
      expect(res.events.slice(after).filter((e) => e.type === 'check')).toEqual([]);
      await witness.offline();
    } finally {
      await monitor.close();
    }
  });

  it('by IsAlive polling when the handler never calls ctx.fail (event handle honoured, never signaled)', async () => {
    const monitor = await load(fixture('h-poll-echo.ts'), {
      timing: { looksAlive: HOUR, isAlive: 200 },
    });
    try {
      const res = await monitor.createResource('PollKill2', { Port: await freePort() });
      await res.online();
      expect(res.eventHandle).not.toBeNull();
      const pid = (await res.getReadOnlyProperties()).Pid as number;
      await healthyPolls(res, 1);
      process.kill(pid, 'SIGKILL');
      const { failed } = await failedAndTerminated(res);
      expect(res.events[failed]).toMatchObject({ why: 'IsAlive returned FALSE (poll)' });
      expect(res.events.some((e) => e.type === 'event-signaled')).toBe(false);
      expect(res.events.some((e) => e.type === 'check' && e.check === 'LooksAlive')).toBe(false);
    } finally {
      await monitor.close();
    }
  });
});
