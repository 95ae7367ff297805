import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BuildTypeResult } from '../generator/index.js';
import type { LocalCluster } from '../src/dev/cluster/index.js';
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

const pidOf = async (c: LocalCluster, name: string) => {
  const m = await c.monitorOf(c.resource(name));
  return ((await m.call(name, 'getReadOnlyProperties')) as { Pid: number }).Pid;
};

describe('restart and failover policy against the real library and host', () => {
  it('IsAlive FALSE after the application dies -> Failed -> restarted on the same node after RestartDelay', async () => {
    const s = await startCluster(built);
    cluster = s.cluster;
    await cluster.addResource('R', { policy: { restartDelay: 300 } });
    await cluster.online('R');
    const before = await pidOf(cluster, 'R');
    await cluster.faults.killApp('R');
    await until(
      () => s.events.some((e) => e.kind === 'restart' && e.resource === 'R'),
      'a restart',
    );
    await until(() => cluster!.resource('R').state === 'Online', 'R back online');
    const failedAt = s.events.find((e) => e.kind === 'state' && e.to === 'Failed')!;
    const restartAt = s.events.find((e) => e.kind === 'restart')!;
    expect(Date.parse(restartAt.at) - Date.parse(failedAt.at)).toBeGreaterThanOrEqual(250);
    expect(cluster.resource('R').node).toBe('node1');
    expect(cluster.snapshot()[0].restarts).toBe(1);
    expect(await pidOf(cluster, 'R')).not.toBe(before);
  }, 120_000);

  it('RestartThreshold exceeded within RestartPeriod fails the group over to the next preferred owner (RestartAction 2)', async () => {
    const s = await startCluster(built, { nodes: ['n1', 'n2', 'n3'] });
    cluster = s.cluster;
    cluster.addGroup('G', { preferredOwners: ['n1', 'n3'] });
    await cluster.addResource('R', {
      group: 'G',
      policy: { restartThreshold: 1, restartDelay: 0 },
    });
    await cluster.online('R');
    await cluster.faults.killApp('R');
    await until(
      () => s.events.some((e) => e.kind === 'restart') && cluster!.resource('R').state === 'Online',
      'the first restart',
    );
    await cluster.faults.killApp('R');
    await until(() => s.events.some((e) => e.kind === 'failover'), 'a failover');
    await until(() => cluster!.resource('R').state === 'Online', 'R online after failover');
    const fo = s.events.find((e) => e.kind === 'failover')!;
    expect(fo).toMatchObject({ group: 'G', from: 'n1', to: 'n3' });
    expect(cluster.resource('R').node).toBe('n3');
  }, 120_000);

  it('RestartAction 1 keeps the resource Failed, then RetryPeriodOnFailure makes one more Online attempt', async () => {
    const s = await startCluster(built);
    cluster = s.cluster;
    await cluster.addResource('R', {
      props: { ControlDir: s.controlDir },
      policy: {
        restartAction: 1,
        restartThreshold: 0,
        restartPeriod: 1500,
        retryPeriodOnFailure: 1500,
      },
    });
    await cluster.online('R');
    await cluster.faults.killApp('R');
    await until(() => s.events.some((e) => e.kind === 'stay-failed'), 'stay-failed');
    expect(cluster.resource('R').state).toBe('Failed');
    expect(s.events.some((e) => e.kind === 'failover' || e.kind === 'restart')).toBe(false);
    await until(
      () => cluster!.resource('R').state === 'Online',
      'the retry to bring R online',
      20_000,
    );
    expect(cluster.resource('R').node).toBe('node1');
  }, 120_000);

  it('RestartAction 0 never restarts', async () => {
    const s = await startCluster(built);
    cluster = s.cluster;
    await cluster.addResource('R', { policy: { restartAction: 0 } });
    await cluster.online('R');
    await cluster.faults.killApp('R');
    await until(() => s.events.some((e) => e.kind === 'stay-failed'), 'stay-failed');
    // The policy decides once, at the failure: stay Failed with no retry scheduled, and no
    // restart was ever announced.
    expect(cluster.resource('R').state).toBe('Failed');
    expect(s.events.find((e) => e.kind === 'stay-failed')).toMatchObject({ retryAfter: null });
    expect(s.events.some((e) => e.kind === 'restart')).toBe(false);
  }, 120_000);

  it('FailoverThreshold (default nodes - 1) within FailoverPeriod stops a second failover', async () => {
    const s = await startCluster(built);
    cluster = s.cluster;
    await cluster.addResource('R', {
      policy: { restartThreshold: 0, restartPeriod: 60_000, retryPeriodOnFailure: 0xffffffff },
    });
    await cluster.online('R');
    await cluster.faults.killApp('R');
    await until(
      () => cluster!.resource('R').node === 'node2' && cluster!.resource('R').state === 'Online',
      'failover to node2',
    );
    await cluster.faults.killApp('R');
    await until(() => s.events.some((e) => e.kind === 'stay-failed'), 'stay-failed on node2');
    expect(cluster.resource('R').node).toBe('node2');
    expect(s.events.filter((e) => e.kind === 'failover')).toHaveLength(1);
    expect(cluster.log.tail(50).some((l) => /FailoverThreshold reached/.test(l))).toBe(true);
  }, 120_000);

  it('a failed provider takes its dependents offline and brings them back after its restart', async () => {
    const s = await startCluster(built);
    cluster = s.cluster;
    await cluster.addResource('Base', { group: 'G', policy: { restartDelay: 200 } });
    await cluster.addResource('Top', { group: 'G', dependsOn: ['Base'] });
    await cluster.online('Top');
    await cluster.faults.killApp('Base');
    await until(
      () => s.events.some((e) => e.kind === 'state' && e.resource === 'Top' && e.to === 'Offline'),
      'Top offline',
    );
    await until(
      () =>
        cluster!.resource('Base').state === 'Online' && cluster!.resource('Top').state === 'Online',
      'both back online',
    );
    const topOffline = s.events.findIndex(
      (e) => e.kind === 'state' && e.resource === 'Top' && e.to === 'Offline',
    );
    const baseRestart = s.events.findIndex((e) => e.kind === 'restart' && e.resource === 'Base');
    expect(topOffline).toBeLessThan(baseRestart);
  }, 120_000);

  it('a failing Online counts as a failure: restarted RestartThreshold times, then left Failed (RestartAction 1)', async () => {
    const s = await startCluster(built);
    cluster = s.cluster;
    writeFileSync(join(s.controlDir, 'fail-online'), '');
    await cluster.addResource('R', {
      props: { ControlDir: s.controlDir },
      policy: {
        restartThreshold: 2,
        restartDelay: 100,
        restartAction: 1,
        retryPeriodOnFailure: 0xffffffff,
      },
    });
    await expect(cluster.online('R')).rejects.toThrow();
    await until(
      () => s.events.some((e) => e.kind === 'stay-failed'),
      'stay-failed after 2 restarts',
      30_000,
    );
    expect(s.events.filter((e) => e.kind === 'restart')).toHaveLength(2);
  }, 120_000);

  it('PendingTimeout is measured between status reports: an Online that keeps reporting stays pending past it', async () => {
    const s = await startCluster(built);
    cluster = s.cluster;
    writeFileSync(join(s.controlDir, 'hang-online'), '');
    await cluster.addResource('R', {
      props: { ControlDir: s.controlDir },
      policy: { pendingTimeout: 1500 },
    });
    const online = cluster.online('R').catch((e: Error) => e);
    await until(() => cluster!.resource('R').state === 'OnlinePending', 'OnlinePending');
    // Twice PendingTimeout and more, reporting all along: still pending.
    await until(() => cluster!.snapshot()[0].pendingMs > 3000, 'pending for 3 s');
    expect(cluster.resource('R').state).toBe('OnlinePending');
    expect(cluster.resource('R').checkpoint).toBeGreaterThanOrEqual(2);
    await cluster.offline('R');
    await online;
  }, 120_000);

  it('in the default configuration an Online that makes no progress ends Failed within PendingTimeout', async () => {
    const s = await startCluster(built);
    cluster = s.cluster;
    writeFileSync(join(s.controlDir, 'stall-online'), '');
    await cluster.addResource('R', {
      props: { ControlDir: s.controlDir },
      policy: { pendingTimeout: 1500, restartAction: 0 },
    });
    expect(built.schema.progressInterval).toBe(0); // the type does not opt into automatic progress
    const started = Date.now();
    await expect(cluster.online('R')).rejects.toThrow();
    await until(() => cluster!.resource('R').state === 'Failed', 'Failed');
    const failed = s.events.find(
      (e) => e.kind === 'state' && e.resource === 'R' && e.to === 'Failed',
    );
    expect(failed).toMatchObject({ why: expect.stringContaining('PendingTimeout') });
    expect(Date.parse(failed!.at) - started).toBeLessThan(1500 + 5000);
  }, 120_000);

  it("a resource poll interval overrides the type's; 0xFFFFFFFF inherits it", async () => {
    const s = await startCluster(built, {
      typePolicy: {
        looksAlivePollInterval: 60_000,
        isAlivePollInterval: 60_000,
        deadlockTimeout: 60_000,
      },
    });
    cluster = s.cluster;
    await cluster.addResource('Fast', { policy: { isAlivePollInterval: 200 } });
    await cluster.addResource('Inherits', { policy: { isAlivePollInterval: 0xffffffff } });
    await cluster.online('Fast');
    await cluster.online('Inherits');
    const polls = (name: string) =>
      s.events.filter((e) => e.kind === 'health' && e.resource === name && e.check === 'IsAlive')
        .length;
    // Three polls of the resource's 200 ms interval; the type's 60 s one has not come yet.
    await until(() => polls('Fast') >= 3, 'three IsAlive polls of Fast');
    expect(polls('Inherits')).toBe(0);
  }, 120_000);

  it('the event handle: the handler reporting a failure makes RHS call IsAlive at once, without waiting for a poll', async () => {
    const s = await startCluster(built, {
      typePolicy: {
        looksAlivePollInterval: 60_000,
        isAlivePollInterval: 60_000,
        deadlockTimeout: 60_000,
      },
    });
    cluster = s.cluster;
    await cluster.addResource('R', { policy: { restartAction: 0 } });
    await cluster.online('R');
    const t0 = Date.now();
    await cluster.faults.killApp('R');
    await until(() => cluster!.resource('R').state === 'Failed', 'R to fail', 10_000);
    expect(Date.now() - t0).toBeLessThan(10_000);
    const failed = s.events.find((e) => e.kind === 'state' && e.to === 'Failed') as { why: string };
    expect(failed.why).toMatch(/IsAlive returned FALSE \(event-handle\)/);
  }, 120_000);
});
