import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OnlineFailedError, ResourceMonitor, type LogEvent } from '../../src/dev/harness/index.js';
import { buildInTemp, fixture, waitProcessGone, type BuiltType } from './helpers.js';

describe('a host that writes garbage on its frame stream', () => {
  let built: BuiltType;
  let monitor: ResourceMonitor;
  const logs: LogEvent[] = [];

  beforeAll(async () => {
    built = await buildInTemp(fixture('h-garbage.ts'));
    monitor = await ResourceMonitor.load({
      library: built.library,
      type: built.typeName,
      schema: built.schema,
      onLog: (e) => logs.push(e),
    });
  });

  afterAll(async () => {
    await monitor?.close();
    built?.cleanup();
  });

  it('is killed and reported in the cluster log; the online fails; the next online works with a new host', async () => {
    const res = await monitor.createResource('Garbage1', { Mode: 'garbage' });
    const online = res.online();
    await expect(online).rejects.toBeInstanceOf(OnlineFailedError);
    expect(res.state).toBe('Failed');
    const line = logs.find((l) => /ERR_TOO_SHORT/.test(l.text));
    expect(line, `cluster log:\n${logs.map((l) => l.text).join('\n')}`).toBeDefined();
    expect(line!.level).toBeGreaterThanOrEqual(1);
    for (const p of monitor.hostProcesses()) await waitProcessGone(p.pid);

    await res.setProperties({ Mode: 'normal' });
    await res.online();
    expect(res.state).toBe('Online');
    expect(monitor.hostProcesses()).toHaveLength(1);
    await res.offline();
    await res.close();
  });
});
