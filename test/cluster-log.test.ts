import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ClusterLog,
  formatLogLine,
  levelFromLogEvent,
  parseLogLine,
} from '../src/dev/cluster/cluster-log.js';
import { EventStream } from '../src/dev/cluster/events.js';

describe('cluster log format', () => {
  it('writes pid.tid::yyyy/mm/dd-hh:mm:ss.mmm LEVEL [RES] Type <Name>: message like cluster.log', () => {
    const line = formatLogLine({
      time: new Date(Date.UTC(2026, 10, 5, 7, 8, 9, 42)),
      pid: 0xa1b2,
      tid: 3,
      level: 'INFO',
      component: 'RES',
      type: 'Echo Server',
      name: 'Echo 1',
      text: 'listening on 7001\n',
    });
    expect(line).toBe(
      '0000a1b2.00000003::2026/11/05-07:08:09.042 INFO  [RES] Echo Server <Echo 1>: listening on 7001',
    );
  });

  it('maps LogEvent levels 0..3 to INFO, WARN, ERR, ERR', () => {
    expect([0, 1, 2, 3].map(levelFromLogEvent)).toEqual(['INFO', 'WARN', 'ERR', 'ERR']);
  });

  it('keeps one record on one line and parses back what it wrote', () => {
    const rec = {
      time: new Date(Date.UTC(2026, 0, 1, 0, 0, 0, 1)),
      pid: 77,
      tid: 0,
      level: 'ERR' as const,
      component: 'RHS' as const,
      name: 'node1',
      text: 'first\nsecond',
    };
    const line = formatLogLine(rec);
    expect(line.includes('\n')).toBe(false);
    expect(parseLogLine(line)).toEqual({ ...rec, text: 'first | second' });
    expect(parseLogLine('not a log line')).toBeUndefined();
  });

  it('appends every line to the log file and keeps the latest lines in memory', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'ck-log-')), 'sub', 'cluster.log');
    const log = new ClusterLog({ file, keep: 2 });
    for (const t of ['a', 'b', 'c'])
      log.write({ level: 'INFO', component: 'RCM', name: 'G', text: t });
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    expect(lines.map((l) => parseLogLine(l)?.text)).toEqual(['a', 'b', 'c']);
    expect(lines.every((l) => parseLogLine(l)?.pid === process.pid)).toBe(true);
    expect(log.tail(5).map((l) => parseLogLine(l)?.text)).toEqual(['b', 'c']);
  });
});

describe('structured event stream', () => {
  it('delivers events to listeners and to async iterators, in order, until end()', async () => {
    const s = new EventStream();
    const seen: string[] = [];
    s.on('event', (e) => seen.push(e.kind));
    const collected = (async () => {
      const out: string[] = [];
      for await (const e of s) out.push(e.kind === 'node' ? e.node : e.kind);
      return out;
    })();
    await Promise.resolve();
    s.emitEvent({ kind: 'node', node: 'n1', up: true, why: 'started' });
    s.emitEvent({ kind: 'node', node: 'n2', up: true, why: 'started' });
    s.end();
    expect(await collected).toEqual(['n1', 'n2']);
    expect(seen).toEqual(['node', 'node']);
  });

  it('waitFor resolves on a matching event and rejects on timeout', async () => {
    const s = new EventStream();
    const p = s.waitFor((e) => e.kind === 'fault', 5000);
    s.emitEvent({ kind: 'node', node: 'n1', up: false, why: 'x' });
    s.emitEvent({ kind: 'fault', what: 'kill-host', target: 'R1' });
    expect((await p).kind).toBe('fault');
    await expect(s.waitFor(() => false, 10, 'nothing')).rejects.toThrow(/waiting for nothing/);
  });
});
