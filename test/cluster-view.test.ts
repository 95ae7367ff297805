/**
 * The live view of `clusterkit run` with a real cluster: a clusterkit library returns an event
 * handle from Online, so RHS never polls LooksAlive; the view says `event handle` there instead
 * of a `-` that never changes, and a stand-in resource shows the type it plays.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuildTypeResult } from '../generator/index.js';
import type { LocalCluster } from '../src/dev/cluster/index.js';
import { renderView } from '../src/dev/cluster/tty-view.js';
import { buildProbe, startCluster, until } from './cluster-fixture.helper.js';

let built: BuildTypeResult;
let cluster: LocalCluster;

beforeAll(async () => {
  built = await buildProbe();
  ({ cluster } = await startCluster(built, { nodes: 1 }));
  await cluster.addResource('Disk1', { type: 'Physical Disk', group: 'G' });
  await cluster.addResource('P1', { group: 'G', dependsOn: ['Disk1'] });
  await cluster.onlineGroup('G');
}, 300_000);

afterAll(async () => {
  await cluster?.close();
});

const view = () =>
  renderView({
    type: cluster.options.type,
    nodes: [{ name: 'node1', up: true, monitors: 1 }],
    resources: cluster.snapshot(),
    selected: 0,
    log: [],
    message: '',
    width: 160,
  }).replace(/\u001b\[[0-9;]*[A-Za-z]/g, '');

describe('the live view', () => {
  it('shows "event handle" where RHS does not poll LooksAlive, and IsAlive answers as they come', async () => {
    const p1 = cluster.snapshot().find((r) => r.name === 'P1')!;
    expect(p1.state).toBe('Online');
    expect(p1.looksAliveByEvent).toBe(true);
    // The probe type polls IsAlive every 500 ms: its answer appears, LooksAlive never does.
    await until(
      () => cluster.snapshot().find((r) => r.name === 'P1')!.isAlive !== null,
      'an IsAlive answer',
    );
    const row = view()
      .split('\n')
      .find((l) => l.includes(' P1 '))!;
    expect(row).toMatch(/Online\s+-\s+event handle\s+TRUE \d+s ago/);
    expect(cluster.snapshot().find((r) => r.name === 'P1')!.looksAlive).toBeNull();
  });

  it('names the type a stand-in plays', () => {
    expect(view()).toMatch(/Disk1 \(Physical Disk\)\s+G\s+node1\s+Online/);
  });
});
