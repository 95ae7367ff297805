import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BuildTypeResult } from '../generator/index.js';
import type { LocalCluster } from '../src/dev/cluster/index.js';
import { isProcessRunning, readProcess } from '../src/dev/harness/processes.js';
import { hostPidsOf } from '../src/dev/cluster/faults.js';
import { buildProbe, startCluster, until } from './cluster-fixture.helper.js';

let built: BuildTypeResult;
let cluster: LocalCluster | undefined;

beforeAll(async () => {
  built = await buildProbe();
}, 300_000);

afterEach(async () => {
  await cluster?.close();
  cluster = undefined;
});

describe('fault injection and RHS recovery against the real library and host', () => {
  it('DeadlockTimeout: a call that never returns gets event 1230, the monitor is killed and restarted, its resources reopened and restarted', async () => {
    const s = await startCluster(built, {
      typePolicy: {
        looksAlivePollInterval: 200,
        isAlivePollInterval: 300,
        deadlockTimeout: 30_000,
      },
    });
    cluster = s.cluster;
    await cluster.addResource('Hangs', {
      group: 'G',
      props: { ControlDir: s.controlDir },
      policy: { deadlockTimeout: 1500, restartDelay: 100 },
    });
    await cluster.addResource('Neighbour', { group: 'G2' });
    await cluster.online('Hangs');
    await cluster.online('Neighbour');
    const oldMonitor = cluster.snapshot().find((r) => r.name === 'Hangs')!.monitorPid!;
    writeFileSync(join(s.controlDir, 'hang-isalive'), '');
    await until(
      () => s.events.some((e) => e.kind === 'monitor' && e.what === 'hung'),
      'the monitor to be declared hung',
      30_000,
    );
    // Its exit handled (event 1146 logged), not only gone from /proc: a zombie counts as not
    // running, and the cluster may not have reaped it yet.
    await until(
      () => s.events.some((e) => e.kind === 'monitor' && e.what === 'died' && e.pid === oldMonitor),
      'the hung monitor to be killed',
    );
    expect(isProcessRunning(oldMonitor)).toBe(false);
    await until(
      () =>
        cluster!.resource('Hangs').state === 'Online' &&
        cluster!.resource('Neighbour').state === 'Online',
      'both resources back online',
      30_000,
    );
    const log = cluster.log.tail(200).join('\n');
    expect(log).toMatch(/did not respond to a request in a timely fashion .*\[event 1230\]/);
    expect(log).toMatch(
      /Resource Hosting Subsystem \(RHS\) process \(pid \d+\) was terminated and will be restarted\. \[event 1146\]/,
    );
    const snap = cluster.snapshot();
    expect(snap.find((r) => r.name === 'Hangs')!.monitorPid).not.toBe(oldMonitor);
    // The neighbour shared the hung monitor, so it was restarted too.
    expect(s.events.some((e) => e.kind === 'restart' && e.resource === 'Neighbour')).toBe(true);
  }, 120_000);

  it('killing the handler host is detected, the resource fails and restarts with a new host', async () => {
    const s = await startCluster(built);
    cluster = s.cluster;
    await cluster.addResource('R', { policy: { restartDelay: 100 } });
    await cluster.online('R');
    const [host] = await cluster.faults.killHost('R');
    expect(host).toBeGreaterThan(0);
    await until(() => s.events.some((e) => e.kind === 'state' && e.to === 'Failed'), 'R to fail');
    await until(() => cluster!.resource('R').state === 'Online', 'R back online');
    expect(hostPidsOf(cluster, cluster.resource('R'))).not.toContain(host);
  }, 120_000);

  it('a hung (stopped) handler host: the health check never returns, so the monitor is recycled and the resource restarts with a new host', async () => {
    const s = await startCluster(built);
    cluster = s.cluster;
    // The probe gives IsAlive a 120 s library deadline, so DeadlockTimeout is what catches the hang.
    await cluster.addResource('R', { policy: { restartDelay: 100, deadlockTimeout: 2000 } });
    await cluster.online('R');
    const [host] = await cluster.faults.hangHost('R');
    await until(
      () => s.events.some((e) => e.kind === 'state' && e.to === 'Failed'),
      'R to fail',
      30_000,
    );
    await until(() => cluster!.resource('R').state === 'Online', 'R back online', 30_000);
    expect(hostPidsOf(cluster, cluster.resource('R'))).not.toContain(host);
    try {
      process.kill(host, 'SIGKILL');
    } catch {
      // The library already killed it.
    }
  }, 120_000);

  it('"fail the next call": the next Online fails, RHS terminates it and the restart policy brings it online', async () => {
    const s = await startCluster(built);
    cluster = s.cluster;
    await cluster.addResource('R', { policy: { restartDelay: 100 } });
    await cluster.faults.failNextCall('R', 'online');
    await expect(cluster.online('R')).rejects.toThrow(/injected/);
    await until(() => cluster!.resource('R').state === 'Online', 'R online after the restart');
    expect(s.events.filter((e) => e.kind === 'restart')).toHaveLength(1);
  }, 120_000);

  it('losing a node kills its monitors and everything they started, and its groups come online on the next node', async () => {
    const s = await startCluster(built, { nodes: 3 });
    cluster = s.cluster;
    cluster.addGroup('G', { preferredOwners: ['node2', 'node3'] });
    await cluster.addResource('R', { group: 'G' });
    await cluster.online('R');
    expect(cluster.resource('R').node).toBe('node2');
    const monitor = cluster.snapshot()[0].monitorPid!;
    const hosts = hostPidsOf(cluster, cluster.resource('R'));
    await cluster.faults.loseNode('node2');
    await until(
      () => cluster!.resource('R').state === 'Online' && cluster!.resource('R').node === 'node3',
      'R online on node3',
    );
    for (const p of [monitor, ...hosts]) expect(isProcessRunning(p), `pid ${p}`).toBe(false);
    expect(s.events.find((e) => e.kind === 'failover')).toMatchObject({
      from: 'node2',
      to: 'node3',
    });
    await cluster.restoreNode('node2');
    expect(cluster.node('node2').up).toBe(true);
  }, 120_000);

  it("a lost node's processes are gone, zombies reaped, before its groups come online elsewhere", async () => {
    const s = await startCluster(built, { nodes: 2 });
    cluster = s.cluster;
    await cluster.addResource('R');
    await cluster.online('R');
    const monitor = await cluster.monitorOf(cluster.resource('R'));
    const app = ((await monitor.call('R', 'getReadOnlyProperties')) as { Pid: number }).Pid;
    const lost = [
      cluster.snapshot()[0].monitorPid!,
      ...hostPidsOf(cluster, cluster.resource('R')),
      app,
    ];
    expect(lost.every((p) => readProcess(p) !== undefined)).toBe(true);
    // What exists of them, zombies included, the moment the failover's Online starts.
    let atFailover: number[] | undefined;
    const watch = (e: { kind: string; resource?: string; to?: string; node?: string | null }) => {
      if (
        atFailover === undefined &&
        e.kind === 'state' &&
        e.resource === 'R' &&
        e.to === 'OnlinePending' &&
        e.node === 'node2'
      )
        atFailover = lost.filter((p) => readProcess(p) !== undefined);
    };
    cluster.events.on('event', watch);
    await cluster.faults.loseNode('node1');
    await until(
      () => cluster!.resource('R').state === 'Online' && cluster!.resource('R').node === 'node2',
      'R online on node2',
    );
    cluster.events.off('event', watch);
    expect(atFailover).toEqual([]);
  }, 120_000);

  it('a monitor process that stops answering is declared hung after DeadlockTimeout, killed, and its resources restarted', async () => {
    const s = await startCluster(built, {
      typePolicy: { looksAlivePollInterval: 200, isAlivePollInterval: 500, deadlockTimeout: 2000 },
    });
    cluster = s.cluster;
    await cluster.addResource('R', { policy: { restartDelay: 100, deadlockTimeout: 2000 } });
    await cluster.online('R');
    const [monitor] = await cluster.faults.hangMonitor('R');
    // Any call now waits on a frozen process: the watchdog fires after DeadlockTimeout plus a margin.
    await expect(cluster.getProperties('R')).rejects.toThrow(/killed/);
    expect(s.events.some((e) => e.kind === 'monitor' && e.what === 'hung')).toBe(true);
    await until(() => !isProcessRunning(monitor), 'the frozen monitor to be killed');
    await until(
      () => cluster!.resource('R').state === 'Online',
      'R online in a new monitor',
      30_000,
    );
    expect(cluster.snapshot()[0].monitorPid).not.toBe(monitor);
  }, 120_000);
});
