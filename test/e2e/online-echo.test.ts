import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as net from 'node:net';
import {
  OnlineFailedError,
  ResourceMonitor,
  isProcessRunning,
} from '../../src/dev/harness/index.js';
import {
  buildInTemp,
  echoRoundTrip,
  ECHO_HANDLER,
  freePort,
  portClosed,
  waitProcessGone,
  type BuiltType,
} from './helpers.js';

describe('echo server online/offline through the real library and host', () => {
  let built: BuiltType;
  let monitor: ResourceMonitor;

  beforeAll(async () => {
    built = await buildInTemp(ECHO_HANDLER);
    monitor = await ResourceMonitor.load({
      library: built.library,
      type: built.typeName,
      schema: built.schema,
      timing: { looksAlive: 200, isAlive: 500 },
    });
  });

  afterAll(async () => {
    await monitor?.close();
    built?.cleanup();
  });

  it('online → the echo port echoes a round trip', async () => {
    const port = await freePort();
    const res = await monitor.createResource('Echo1', { Port: port });
    await res.online();
    expect(res.state).toBe('Online');
    expect(await echoRoundTrip(port, 'ping ü €\n')).toBe('ping ü €\n');
    const ro = await res.getReadOnlyProperties();
    expect(typeof ro.Pid).toBe('number');
    expect(isProcessRunning(ro.Pid as number)).toBe(true);
    expect(await res.isAlive()).toBe(true);
    await res.offline();
    await res.close();
  });

  it('offline → the port is closed and the app process is gone', async () => {
    const port = await freePort();
    const res = await monitor.createResource('Echo2', { Port: port });
    await res.online();
    const pid = (await res.getReadOnlyProperties()).Pid as number;
    expect(pid).toBeGreaterThan(0);
    await res.offline();
    expect(res.state).toBe('Offline');
    expect(await portClosed(port)).toBe(true);
    await waitProcessGone(pid);
    await res.close();
  });

  it('online on a port already in use fails: Failed, terminated, and the error quotes the handler', async () => {
    const busy = net.createServer();
    await new Promise<void>((ok) => busy.listen(0, '127.0.0.1', () => ok()));
    const port = (busy.address() as net.AddressInfo).port;
    try {
      const res = await monitor.createResource('Echo3', { Port: port });
      const err = await res.online().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(OnlineFailedError);
      expect((err as OnlineFailedError).message).toMatch(/already in use/);
      expect(res.state).toBe('Failed');
      expect(res.events.some((e) => e.type === 'call' && e.call === 'Terminate')).toBe(true);
      await res.close();
    } finally {
      busy.close();
    }
  });
});
