/**
 * The rig's pure parts (XML and crm_mon parsing, generated configuration), the stale-rig
 * sweep, and the agent bench's plumbing. No cluster is started here.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { benchAgentMonitor, percentile } from './rig/agent-bench.js';
import { corosyncConf, seedCib } from './rig/config.js';
import { failCount, findResource, parseCrmMon, RigError } from './rig/index.js';
import { ownerOf, staleRigs } from './rig/teardown.js';
import { parseXml } from './rig/xml.js';

const here = dirname(fileURLToPath(import.meta.url));

describe('crm_mon XML', () => {
  // Recorded from a two-node rig: p1 failed its monitor on node1 (exit reason given) and moved.
  const s = parseCrmMon(readFileSync(join(here, 'fixtures', 'crm_mon-failed.xml'), 'utf8'));

  it('reads the DC, quorum and nodes', () => {
    expect([s.dc, s.quorate, s.pacemakerd]).toEqual(['node2', true, 'running']);
    expect(s.nodes.map((n) => [n.name, n.online, n.isDc, n.resourcesRunning])).toEqual([
      ['node1', true, false, 1],
      ['node2', true, true, 2],
    ]);
  });

  it('flattens clones and groups into primitives that name their parent', () => {
    expect(findResource(s, 'p1')).toMatchObject({
      agent: 'ocf:rigtest:rigprobe',
      role: 'Started',
      nodes: ['node2'],
    });
    expect(s.resources.filter((r) => r.id === 'cd').map((r) => [r.parent, r.nodes[0]])).toEqual([
      ['c1', 'node2'],
      ['c1', 'node1'],
    ]);
    expect(findResource(s, 'ga')).toMatchObject({ parent: 'g1', role: 'Stopped', nodes: [] });
  });

  it('reads failed actions with their exit reason, and fail counts per node', () => {
    expect(s.failures).toEqual([
      {
        opKey: 'p1_monitor_2000',
        node: 'node1',
        task: 'monitor',
        intervalMs: 2000,
        exitCode: 1,
        exitStatus: 'error',
        exitReason: 'fail flag present',
        status: 'complete',
        call: 7,
      },
    ]);
    expect([
      failCount(s, 'p1', 'node1'),
      failCount(s, 'p1', 'node2'),
      failCount(s, 'p1'),
      failCount(s, 'cd'),
    ]).toEqual([1, 0, 1, 0]);
    const mon = s.history.find((h) => h.node === 'node2' && h.resource === 'p1')!.operations[1];
    expect(mon).toEqual({ call: 26, task: 'monitor', intervalMs: 2000, rc: 0, rcText: 'ok' });
  });

  it('refuses malformed XML with RIG_BAD_XML', () => {
    for (const bad of ['<a><b></a>', '<a>', '<a/><b/>', '<a x="1"><</a>']) {
      expect(() => parseXml(bad)).toThrow(expect.objectContaining({ code: 'RIG_BAD_XML' }));
    }
    expect(parseXml(`<a v="&lt;&amp;&#65;&apos;"><![CDATA[<x>]]></a>`)).toMatchObject({
      attrs: { v: "<&A'" },
      text: '<x>',
    });
  });
});

describe('generated configuration', () => {
  it('writes corosync.conf with two_node only for two nodes', () => {
    const one = corosyncConf('c', [{ name: 'node1', id: 1, addr: '127.0.0.1' }]);
    const two = corosyncConf('c', [
      { name: 'node1', id: 1, addr: '169.254.77.1' },
      { name: 'node2', id: 2, addr: '169.254.77.2' },
    ]);
    expect(one).not.toContain('two_node');
    expect(two).toContain('two_node: 1');
    expect(two).toContain('ring0_addr: 169.254.77.2');
  });

  it('seeds the CIB with escaped values and refuses option names that are not names', () => {
    const cib = seedCib({ 'dc-deadtime': '1s', 'placement-strategy': 'a"b' }, 'pacemaker-3.9');
    expect(cib).toContain('<nvpair id="rig-opt-dc-deadtime" name="dc-deadtime" value="1s"/>');
    expect(cib).toContain('value="a&quot;b"');
    expect(parseXml(cib).attrs['validate-with']).toBe('pacemaker-3.9');
    expect(() => seedCib({ 'x" y': '1' })).toThrow(RigError);
  });
});

describe('stale rigs', () => {
  it('picks the processes, netns and folders of dead owners only', () => {
    const proc = (pid: number, run: string) => ({
      pid,
      ppid: 1,
      comm: 'x',
      state: 'S',
      run,
      cmdline: 'x',
    });
    const alive = (pid: number): boolean => pid === 200;
    const stale = staleRigs(
      {
        processes: [
          proc(11, '100.aaaaaa'),
          proc(12, '200.bbbbbb'),
          proc(13, `${process.pid}.cccccc`),
        ],
        netns: ['ckrig-100-aaaaaa-node1', 'ckrig-200-bbbbbb-node1', 'other-100-x', 'ckrig-exp'],
        dirs: ['ckrig-100-Xy12ab', 'ckrig-200-Zz34cd', 'ckrig-notanowner', 'ck-vitest-1'],
      },
      alive,
    );
    expect(stale).toEqual({
      pids: [11],
      netns: ['ckrig-100-aaaaaa-node1'],
      dirs: ['ckrig-100-Xy12ab'],
    });
    expect([ownerOf('100.aaaaaa'), ownerOf('ckrig-100-Xy12ab'), ownerOf('ckrig-exp')]).toEqual([
      100,
      100,
      NaN,
    ]);
  });
});

describe('agent bench', () => {
  it('percentiles are nearest-rank', () => {
    const v = Array.from({ length: 100 }, (_, i) => i + 1);
    expect([percentile(v, 0.5), percentile(v, 0.99), percentile([7], 0.99)]).toEqual([50, 99, 7]);
  });

  it("times Dummy's monitor of a running and of a stopped resource", () => {
    const dir = mkdtempSync(join(tmpdir(), 'ck-bench-unit-'));
    try {
      const params = { state: join(dir, 'Dummy-unit.state') };
      const running = benchAgentMonitor({
        agent: 'ocf:heartbeat:Dummy',
        params,
        iterations: 10,
        warmup: 1,
      });
      expect(running.rc).toEqual({ 0: 10 });
      expect(running.monitorUs.p50).toBeGreaterThan(0);
      expect(running.monitorUs.p99).toBeGreaterThanOrEqual(running.monitorUs.p50);
      expect(running.spawnFloorUs.p50).toBeGreaterThan(0);
      const stopped = benchAgentMonitor({
        agent: 'ocf:heartbeat:Dummy',
        params,
        iterations: 5,
        warmup: 0,
        running: false,
      });
      expect(stopped.rc).toEqual({ 7: 5 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
