/**
 * The Pacemaker test rig proven with the real engine on one node: ocf:heartbeat:Dummy from
 * CIB XML through probe, start, recurring monitor, failure and cleanup; a test agent
 * (fixtures/rigprobe) that exists only inside the node; and a clean stop.
 */
import { existsSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runArgv } from './rig/exec.js';
import {
  failCount,
  findResource,
  listRigProcesses,
  RigError,
  startCluster,
  type RigCluster,
} from './rig/index.js';
import { agentFolder, dummy, expectNothingLeft, startedOn } from './rig-test-helpers.js';

describe('single-node cluster', () => {
  let rig: RigCluster | undefined;
  let agents = '';
  let stopped = false;

  beforeAll(async () => {
    agents = agentFolder();
    rig = await startCluster({ nodes: 1, agents: { provider: 'rigtest', dir: agents } });
    console.log(
      `rig single node: DC after ${rig.timings.dcMs} ms, ready after ${rig.timings.readyMs} ms`,
    );
  }, 90_000);

  afterAll(async () => {
    if (rig && !stopped) await rig.stop().catch(() => {});
    rmSync(agents, { recursive: true, force: true });
  });

  it('elects node1 as DC with the seeded cluster options in force', async () => {
    const s = await rig!.crmMon();
    expect(s.dc).toBe('node1');
    expect(s.nodes.map((n) => [n.name, n.online])).toEqual([['node1', true]]);
    const args = ['--type', 'crm_config', '--name', 'dc-deadtime', '--query', '--quiet'];
    expect((await rig!.run('node1', 'crm_attribute', args)).stdout.trim()).toBe('1s');
  });

  it('runs the node in its own namespaces with private Pacemaker folders', async () => {
    expect((await rig!.run('node1', 'hostname', [])).stdout.trim()).toBe('node1');
    expect((await rig!.run('node1', 'cat', ['/proc/1/comm'])).stdout.trim()).toBe('sh');
    const procs = rig!.processes('node1');
    expect(procs.some((p) => /^sh .*node-init\.sh$/.test(p.cmdline))).toBe(true);
    expect(procs.map((p) => p.comm)).toEqual(expect.arrayContaining(['corosync', 'pacemakerd']));
    expect((await rig!.run('node1', 'stat', ['-f', '-c', '%T', '/run'])).stdout.trim()).toBe(
      'tmpfs',
    );
    // The node's /var/lib/pacemaker is the run's folder on the host, bind-mounted.
    const inode = await rig!.run('node1', 'stat', ['-c', '%i', '/var/lib/pacemaker/cib']);
    expect(Number(inode.stdout)).toBe(statSync(join(rig!.dir, 'node1', 'lib', 'cib')).ino);
  });

  it("reaps an orphan (an agent's detached child) in the node's own PID 1", async () => {
    const r = await rig!.run('node1', 'sh', ['-c', 'sleep 0.3 >/dev/null 2>&1 & echo $!']);
    const stat = `/proc/${r.stdout.trim()}/stat`;
    const read = async (): Promise<string> => (await rig!.run('node1', 'cat', [stat])).stdout;
    expect((await read()).split(' ')[3]).toBe('1');
    // The host's PID 1 here leaves zombies for seconds (reference 1.6); the node's reaps at
    // once. A process leaving /proc has no event to wait on, so this re-reads, bounded.
    const deadline = Date.now() + 2000;
    let left = await read();
    while (left !== '' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      left = await read();
    }
    expect(left).toBe('');
  });

  it('shows the test agent folder inside the node as ocf:rigtest and not on the host', async () => {
    const inside = await rig!.run('node1', 'crm_resource', ['--list-agents', 'ocf:rigtest']);
    expect(inside.code).toBe(0);
    expect(inside.stdout.split('\n')).toContain('rigprobe');
    const meta = await rig!.crmResource(['--show-metadata', 'ocf:rigtest:rigprobe']);
    expect(meta.stdout).toContain('<resource-agent name="rigprobe"');
    expect(existsSync('/usr/lib/ocf/resource.d/rigtest')).toBe(false);
    const host = await runArgv('crm_resource', ['--list-agents', 'ocf:rigtest']);
    expect(host.stdout.split('\n')).not.toContain('rigprobe');
  });

  it('runs Dummy from CIB XML: probe, start, then the recurring monitor', async () => {
    await rig!.createResource(dummy('d1'));
    const s = await rig!.waitFor(
      (st) =>
        startedOn(st, 'd1', 'node1') &&
        st.history.some(
          (h) =>
            h.resource === 'd1' &&
            h.operations.some((o) => o.task === 'monitor' && o.intervalMs === 2000 && o.rc === 0),
        ),
      { what: 'd1 started on node1 with its 2 s monitor recorded' },
    );
    const ops = s.history.find((h) => h.resource === 'd1')!.operations.map((o) => o.task);
    expect(ops).toEqual(['start', 'monitor']);
    // A probe that finds nothing running is not kept in crm_mon's history; the controller logs it.
    const log = rig!.pacemakerLog('node1');
    const probe = log.search(/Result of probe operation for d1 on node1: not running/);
    const start = log.search(/Result of start operation for d1 on node1: ok/);
    expect(probe).toBeGreaterThan(-1);
    expect(start).toBeGreaterThan(probe);
  });

  it('records a monitor failure with a fail count, recovers, and crm_resource --cleanup clears it', async () => {
    // Dummy keeps its state in the node's private /run; removing it makes the monitor see "not running".
    await rig!.run('node1', 'rm', ['/run/resource-agents/Dummy-d1.state']);
    const failed = await rig!.waitFor(
      (s) =>
        failCount(s, 'd1', 'node1') === 1 &&
        s.failures.some((f) => f.opKey === 'd1_monitor_2000') &&
        startedOn(s, 'd1', 'node1'),
      { what: 'a d1 monitor failure, fail count 1 and recovery in place' },
    );
    const f = failed.failures.find((x) => x.opKey === 'd1_monitor_2000')!;
    expect([f.node, f.task, f.intervalMs, f.exitCode, f.exitStatus]).toEqual([
      'node1',
      'monitor',
      2000,
      7,
      'not running',
    ]);

    await rig!.crmResource(['--cleanup', '--resource', 'd1']);
    await rig!.waitFor(
      (s) => failCount(s, 'd1') === 0 && s.failures.length === 0 && startedOn(s, 'd1', 'node1'),
      {
        what: 'd1 without failures after cleanup',
      },
    );
  });

  it('reports the exit reason a custom agent gives', async () => {
    await rig!.createResource(`<primitive id="p1" class="ocf" provider="rigtest" type="rigprobe">
  <operations><op id="p1-monitor" name="monitor" interval="2s" timeout="10s"/></operations>
</primitive>`);
    await rig!.waitFor((s) => startedOn(s, 'p1', 'node1'), { what: 'p1 started on node1' });
    await rig!.run('node1', 'touch', ['/run/rigprobe-p1.fail']);
    const s = await rig!.waitFor((st) => st.failures.some((f) => f.opKey === 'p1_monitor_2000'), {
      what: 'a failed p1 monitor',
    });
    const f = s.failures.find((x) => x.opKey === 'p1_monitor_2000')!;
    expect([f.exitCode, f.exitStatus, f.exitReason]).toEqual([1, 'error', 'fail flag present']);
  });

  it('fails a wait that is never met, naming it and showing the logs', async () => {
    const err = await rig!
      .waitFor((s) => findResource(s, 'never-created') !== undefined, {
        what: 'a resource nobody created',
        timeoutMs: 1500,
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RigError);
    expect((err as RigError).code).toBe('RIG_WAIT_TIMEOUT');
    expect((err as RigError).message).toContain('waiting for a resource nobody created');
    expect((err as RigError).message).toContain('--- node1: pacemaker.log (last 40 lines) ---');
    expect((err as RigError).message).toMatch(/pacemaker-controld/);
  });

  it('stops every daemon and leaves nothing behind', async () => {
    // Names as the kernel keeps them (comm: at most 15 characters).
    expect(listRigProcesses(rig!.runId).map((p) => p.comm)).toEqual(
      expect.arrayContaining([
        'corosync',
        'pacemakerd',
        'pacemaker-based',
        'pacemaker-execd',
        'pacemaker-contr',
      ]),
    );
    stopped = true;
    await rig!.stop();
    await expectNothingLeft(rig!);
  }, 90_000);
});
