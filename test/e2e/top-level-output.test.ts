/*
 * A handler that prints on stdout at its module's top level (before the runtime runs) cannot
 * break the frame stream: stdout is claimed first, the text goes to the cluster log as host
 * output, and SET, Online and the schema probe work.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ResourceMonitor } from '../../src/dev/harness/index.js';
import { buildInTemp, fixture, type BuiltType } from './helpers.js';

describe('console.log at the handler module top level', () => {
  let built: BuiltType;
  let monitor: ResourceMonitor;

  beforeAll(async () => {
    built = await buildInTemp(fixture('h-top-level-log.ts'));
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

  it('goes to the cluster log; the host says HELLO and serves SET and Online', async () => {
    expect(built.schema.type).toBe('HTopLevelLog');
    const res = await monitor.createResource('Top1', { Level: 3 });
    await res.setProperties({ Level: 4 });
    await res.online();
    expect(res.state).toBe('Online');
    // Host output is logged at type level; since() includes those lines.
    const book = monitor.logs.since(0, 'Top1', 1000).join('\n');
    expect(book).toMatch(/host: top-level console\.log of the handler module/);
    expect(book).toMatch(/host: top-level process\.stdout\.write/);
    expect(book).not.toMatch(/broken frame/);
    await res.offline();
    await res.close();
  });
});
