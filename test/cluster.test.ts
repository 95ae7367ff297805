import { readFileSync } from 'node:fs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BuildTypeResult } from '../generator/index.js';
import { parseLogLine, type LocalCluster } from '../src/dev/cluster/index.js';
import { readProcess } from '../src/dev/harness/processes.js';
import { buildProbe, leftovers, startCluster, until } from './cluster-fixture.helper.js';

let built: BuildTypeResult;
let cluster: LocalCluster | undefined;

beforeAll(async () => {
  built = await buildProbe();
}, 300_000);

afterEach(async () => {
  await cluster?.close();
  cluster = undefined;
});

describe('local cluster: monitors, groups, dependencies, log', () => {
  it('runs each monitor as a child process that loads the library; SeparateMonitor gets its own', async () => {
    const s = await startCluster(built);
    cluster = s.cluster;
    await cluster.addResource('Shared1', { group: 'G' });
    await cluster.addResource('Shared2', { group: 'G' });
    await cluster.addResource('Alone', { group: 'G', policy: { separateMonitor: true } });
    const snap = new Map(cluster.snapshot().map((r) => [r.name, r]));
    const shared = snap.get('Shared1')!.monitorPid!;
    expect(shared).toBeGreaterThan(0);
    expect(shared).not.toBe(process.pid);
    expect(snap.get('Shared2')!.monitorPid).toBe(shared);
    expect(snap.get('Alone')!.monitorPid).not.toBe(shared);
    for (const pid of [shared, snap.get('Alone')!.monitorPid!])
      expect(readProcess(pid)?.ppid).toBe(process.pid);
    await cluster.online('Alone');
    expect(cluster.resource('Alone').state).toBe('Online');
  }, 120_000);

  it('brings a group online bottom-up and takes it offline top-down', async () => {
    const s = await startCluster(built);
    cluster = s.cluster;
    await cluster.addResource('Disk', { group: 'App' });
    await cluster.addResource('Ip', { group: 'App' });
    await cluster.addResource('Service', { group: 'App', dependsOn: ['Disk', 'Ip'] });
    await cluster.online('Service');
    const reached = (to: string) =>
      s.events
        .filter((e) => e.kind === 'state' && e.to === to)
        .map((e) => (e as { resource: string }).resource);
    expect(reached('Online').indexOf('Service')).toBe(2);
    await cluster.offline('Disk');
    expect(reached('Offline').slice(-2)).toEqual(['Service', 'Disk']);
    expect(cluster.resource('Ip').state).toBe('Online');
  }, 120_000);

  it('refuses a dependency cycle with a clear error', async () => {
    const s = await startCluster(built);
    cluster = s.cluster;
    await cluster.addResource('A', { group: 'G', dependsOn: [] });
    await expect(cluster.addResource('B', { group: 'G', dependsOn: ['B'] })).rejects.toThrow(
      /dependency cycle: B -> B/,
    );
    await expect(cluster.addResource('C', { group: 'G', dependsOn: ['Nope'] })).rejects.toThrow(
      /not in its group/,
    );
  }, 120_000);

  it('moves a group to another node on request and brings it online there', async () => {
    const s = await startCluster(built, { nodes: ['alpha', 'beta'] });
    cluster = s.cluster;
    await cluster.addResource('R', { group: 'G' });
    await cluster.online('R');
    const firstMonitor = cluster.snapshot()[0].monitorPid;
    expect(await cluster.move('G')).toBe('beta');
    await until(() => cluster!.resource('R').state === 'Online', 'R online on beta');
    expect(cluster.resource('R').node).toBe('beta');
    expect(cluster.snapshot()[0].monitorPid).not.toBe(firstMonitor);
    expect(s.events.some((e) => e.kind === 'move' && e.to === 'beta')).toBe(true);
    // ctx.node names the simulated node, though both share this machine's hostname.
    const started = () =>
      s.events
        .filter((e) => e.kind === 'log' && /application started on/.test(e.line))
        .map((e) => /started on (\S+)/.exec((e as { line: string }).line)![1]);
    await until(() => started().length === 2, 'the log line of the Online on beta');
    expect(started()).toEqual(['alpha', 'beta']);
  }, 120_000);

  it("writes a cluster log in the documented format, including the library's own [RES] lines", async () => {
    const s = await startCluster(built);
    cluster = s.cluster;
    await cluster.addResource('Logged');
    await cluster.online('Logged');
    await cluster.offline('Logged');
    const file = cluster.options.logFile!;
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    const parsed = lines.map(parseLogLine);
    expect(
      parsed.every((p) => p !== undefined),
      lines.join('\n'),
    ).toBe(true);
    expect(
      parsed.some(
        (p) => p!.component === 'RES' && p!.type === 'VClusterProbe' && p!.name === 'Logged',
      ),
    ).toBe(true);
    expect(
      lines.some((l) => /\[RCM\] <Logged>: TransitionToState OnlinePending-->Online/.test(l)),
    ).toBe(true);
  }, 120_000);

  it('leaves no process running after close()', async () => {
    const s = await startCluster(built, { nodes: 3 });
    cluster = s.cluster;
    await cluster.addResource('X', { group: 'G1' });
    await cluster.addResource('Y', { group: 'G2', policy: { separateMonitor: true } });
    await cluster.online('X');
    await cluster.online('Y');
    expect(leftovers().length).toBeGreaterThan(0);
    await cluster.close();
    cluster = undefined;
    await until(() => leftovers().length === 0, 'every process to end', 20_000);
  }, 120_000);
});
