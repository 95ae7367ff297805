/**
 * Failure text from the handler to the author: the reason is in the headline of
 * OnlineFailedError / PropertiesRejectedError (and in `.reason`), and a long one is cut with a
 * marker in the cluster log instead of silently.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import {
  type HarnessEvent,
  OnlineFailedError,
  PropertiesRejectedError,
  ResourceMonitor,
} from '../../src/dev/harness/index.js';
import { buildInTemp, fixture, type BuiltType } from './helpers.js';

let built: BuiltType;
let monitor: ResourceMonitor;

beforeAll(async () => {
  built = await buildInTemp(fixture('a-failure-text.ts'));
  monitor = await ResourceMonitor.load({ library: built.library, type: built.typeName });
}, 300_000);

afterAll(async () => {
  await monitor?.close();
  built?.cleanup();
});

async function onlineError(
  name: string,
  props: Record<string, unknown>,
): Promise<OnlineFailedError> {
  const res = await monitor.createResource(name, props);
  const err = await res.online().then(
    () => undefined,
    (e: unknown) => e,
  );
  await res.close();
  expect(err).toBeInstanceOf(OnlineFailedError);
  return err as OnlineFailedError;
}

describe('failure text', () => {
  it("puts the handler's reason and its Win32 code in the headline", async () => {
    const err = await onlineError('Short', {});
    expect(err.message.split('\n')[0]).toBe(
      'Online of resource "Short" failed: the data folder is missing (the library reported ClusterResourceFailed, Win32 5038)',
    );
    expect(err.reason).toBe('the data folder is missing');
  });

  it('marks a long reason as cut, saying how much was left out', async () => {
    const err = await onlineError('Long', { Mode: 1 });
    expect(err.reason).toMatch(/^database refused: x+ \[\.\.\. cut, \d+ more bytes\]$/);
    const cut = Number(/cut, (\d+) more bytes/.exec(err.reason!)![1]);
    // 'database refused: ' + 1200 x + ' END', less what the line kept.
    expect(cut + err.reason!.indexOf(' [... cut')).toBe(18 + 1200 + 4);
  });

  it("logs an unexpected error's stack at the handler's TypeScript line", async () => {
    const lines: string[] = [];
    monitor.on('event', (e: HarnessEvent) => {
      if (e.type === 'log') lines.push(e.text);
    });
    const err = await onlineError('Stack', { Mode: 2 });
    expect(err.reason).toBe('no such table');
    const source = fixture('a-failure-text.ts');
    const line =
      readFileSync(source, 'utf8')
        .split('\n')
        .findIndex((l) => l.includes('stack-line-marker')) + 1;
    const stack = lines.find((l) => l.startsWith('the handler threw: TypeError: no such table'));
    expect(stack, lines.join('\n')).toBeDefined();
    expect(stack).toContain(`${source}:${line}:`);
    expect(stack).not.toContain('.handler.js:');
  });

  it('names the reason of a refused SET', async () => {
    const res = await monitor.createResource('Props', {});
    const err = await res.setProperties({ Mode: 7 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PropertiesRejectedError);
    expect((err as Error).message.split('\n')[0]).toBe(
      'the library rejected the properties of resource "Props": Mode 7 is reserved for replicas; use 1 (Win32 87)',
    );
    await res.close();
  });
});
