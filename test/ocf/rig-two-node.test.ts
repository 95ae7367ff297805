/**
 * The Pacemaker test rig with two nodes, each in its own network namespace joined by a
 * veth pair: ocf:heartbeat:Dummy starts, moves with crm_resource --move, and fails over
 * when its node's pacemakerd stops.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findResource, startCluster, type RigCluster } from './rig/index.js';
import { dummy, expectNothingLeft, startedOn } from './rig-test-helpers.js';

describe('two-node cluster', () => {
  let rig: RigCluster | undefined;
  let stopped = false;

  beforeAll(async () => {
    rig = await startCluster({ nodes: 2 });
    console.log(
      `rig two nodes: DC after ${rig.timings.dcMs} ms, ready after ${rig.timings.readyMs} ms`,
    );
  }, 90_000);

  afterAll(async () => {
    if (rig && !stopped) await rig.stop().catch(() => {});
  });

  it('has both nodes online, each in its own network namespace', async () => {
    const s = await rig!.crmMon('node2');
    expect(s.nodes.map((n) => [n.name, n.online])).toEqual([
      ['node1', true],
      ['node2', true],
    ]);
    expect(s.quorate).toBe(true);
    const addr = await rig!.run('node2', 'ip', ['-4', '-o', 'addr', 'show', 'dev', 'rig0']);
    expect(addr.stdout).toContain('169.254.77.2/24');
    const ring = await rig!.run('node1', 'corosync-cfgtool', ['-s']);
    expect(ring.stdout).toMatch(/nodeid:\s+2:\s+connected/);
  });

  it('starts Dummy on one node, moves it with crm_resource --move, and fails it over when that node stops', async () => {
    await rig!.createResource(dummy('d2', '3s'));
    const first = await rig!.waitFor((s) => startedOn(s, 'd2'), { what: 'd2 started on a node' });
    const from = findResource(first, 'd2')!.nodes[0];
    const to = from === 'node1' ? 'node2' : 'node1';

    await rig!.crmResource(['--move', '--resource', 'd2', '--node', to]);
    await rig!.waitFor((s) => startedOn(s, 'd2', to), { what: `d2 moved to ${to}` });
    await rig!.crmResource(['--clear', '--resource', 'd2']);

    // The node that now runs d2 leaves; the other one must take the resource over.
    const began = Date.now();
    const stopping = rig!.stopNode(to);
    const after = await rig!.waitFor((s) => startedOn(s, 'd2', from), {
      what: `d2 failed over to ${from}`,
      node: from,
    });
    const failoverMs = Date.now() - began;
    const { forced } = await stopping;
    console.log(`rig two nodes: d2 failed over ${to} -> ${from} in ${failoverMs} ms`);
    expect(forced).toBe(false);
    expect(after.failures).toEqual([]);
    const s = await rig!.waitFor((st) => st.nodes.some((n) => n.name === to && !n.online), {
      what: `${to} shown offline`,
      node: from,
    });
    expect(s.dc).toBe(from);
    expect(rig!.isRunning(to)).toBe(false);
  });

  it('stops every daemon of both nodes and leaves nothing behind', async () => {
    stopped = true;
    await rig!.stop();
    await expectNothingLeft(rig!);
  }, 90_000);
});
