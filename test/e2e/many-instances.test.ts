import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ResourceMonitor } from '../../src/dev/harness/index.js';
import {
  buildInTemp,
  echoRoundTrip,
  ECHO_HANDLER,
  freePorts,
  portClosed,
  type BuiltType,
} from './helpers.js';

describe('20 echo servers in one monitor', () => {
  let built: BuiltType;
  let monitor: ResourceMonitor;

  beforeAll(async () => {
    built = await buildInTemp(ECHO_HANDLER);
    monitor = await ResourceMonitor.load({
      library: built.library,
      type: built.typeName,
      schema: built.schema,
      timing: { looksAlive: 500, isAlive: 2000 },
    });
  });

  afterAll(async () => {
    await monitor?.close();
    built?.cleanup();
  });

  it('come online at once on distinct ports, all echo, all go offline', async () => {
    const ports = await freePorts(20);
    const resources = await Promise.all(
      ports.map((port, i) => monitor.createResource(`Echo${i}`, { Port: port })),
    );
    await Promise.all(resources.map((r) => r.online()));
    expect(resources.map((r) => r.state)).toEqual(ports.map(() => 'Online'));
    const echoes = await Promise.all(ports.map((port) => echoRoundTrip(port, `hello ${port}\n`)));
    expect(echoes).toEqual(ports.map((port) => `hello ${port}\n`));
    expect(monitor.hostProcesses()).toHaveLength(1);
    await Promise.all(resources.map((r) => r.offline()));
    expect(resources.map((r) => r.state)).toEqual(ports.map(() => 'Offline'));
    expect(await Promise.all(ports.map((p) => portClosed(p)))).toEqual(ports.map(() => true));
    // No resource failed on the way.
    expect(
      resources.flatMap((r) => r.events.filter((e) => e.type === 'state' && e.to === 'Failed')),
    ).toEqual([]);
    await Promise.all(resources.map((r) => r.close()));
  });
});
