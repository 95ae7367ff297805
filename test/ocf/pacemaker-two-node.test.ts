/**
 * The generated agent on a real two-node Pacemaker cluster (each node in its own network,
 * mount and PID namespace, made by the rig): the resource moves with crm_resource --move and
 * fails over when its node's Pacemaker stops, with its application following it.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageOcf } from '../../generator/index.js';
import { buildAgent, FIXTURE, openTempDir } from './agent-helpers.js';
import { findResource, startCluster, type RigCluster } from './rig/index.js';
import { expectNothingLeft, startedOn } from './rig-test-helpers.js';

const RSC = 'ocfecho2n';
const work = openTempDir('ck-ocf-two-');
const agents = join(work, 'agents');
let rig: RigCluster | undefined;
let stopped = false;

const PRIMITIVE = `<primitive id="${RSC}" class="ocf" provider="clusterkit" type="OcfEcho">
  <instance_attributes id="${RSC}-ia">
    <nvpair id="${RSC}-label" name="Label" value="two nodes"/>
    <nvpair id="${RSC}-port" name="Port" value="7831"/>
  </instance_attributes>
  <operations>
    <op id="${RSC}-start" name="start" interval="0s" timeout="20s"/>
    <op id="${RSC}-stop" name="stop" interval="0s" timeout="20s"/>
    <op id="${RSC}-monitor" name="monitor" interval="3s" timeout="10s"/>
  </operations>
</primitive>`;

/** The echo apps of the resource running on `node`. */
function apps(node: string): number[] {
  return rig!
    .processes(node)
    .filter((p) => p.cmdline.includes('net.createServer') && p.state !== 'Z')
    .map((p) => p.pid);
}

beforeAll(async () => {
  mkdirSync(agents, { mode: 0o755 });
  const outDir = join(work, 'build');
  const build = await buildAgent(FIXTURE, outDir);
  const pkg = packageOcf(build, FIXTURE, outDir);
  rig = await startCluster({ nodes: 2, agents: { provider: 'clusterkit', dir: agents } });
  for (const node of rig.nodes) {
    const r = await rig.run(node, 'sh', [
      join(pkg.dir, 'install.sh'),
      '--prefix',
      join(work, node),
    ]);
    expect(r.code, r.stderr).toBe(0);
  }
}, 300_000);

afterAll(async () => {
  if (rig && !stopped) await rig.stop().catch(() => {});
  rmSync(work, { recursive: true, force: true });
});

describe('two nodes', () => {
  let home = '';
  let other = '';

  it('starts the resource on one node, its app there only', async () => {
    await rig!.createResource(PRIMITIVE);
    const s = await rig!.waitFor((st) => startedOn(st, RSC), { what: `${RSC} started` });
    home = findResource(s, RSC)!.nodes[0];
    other = home === 'node1' ? 'node2' : 'node1';
    expect(apps(home)).toHaveLength(1);
    expect(apps(other)).toEqual([]);
  });

  it('moves with crm_resource --move, the app following', async () => {
    const began = Date.now();
    await rig!.crmResource(['--move', '--resource', RSC, '--node', other]);
    await rig!.waitFor((st) => startedOn(st, RSC, other), { what: `${RSC} moved to ${other}` });
    console.log(`ocf two nodes: ${RSC} moved ${home} -> ${other} in ${Date.now() - began} ms`);
    await rig!.crmResource(['--clear', '--resource', RSC]);
    expect(apps(other)).toHaveLength(1);
    expect(apps(home)).toEqual([]);
  });

  it("fails over when its node's Pacemaker stops", async () => {
    const began = Date.now();
    const stopping = rig!.stopNode(other);
    await rig!.waitFor((st) => startedOn(st, RSC, home), {
      what: `${RSC} failed over to ${home}`,
      node: home,
    });
    console.log(
      `ocf two nodes: ${RSC} failed over ${other} -> ${home} in ${Date.now() - began} ms`,
    );
    expect((await stopping).forced).toBe(false);
    expect(apps(home)).toHaveLength(1);
  });

  it('stops the cluster and leaves nothing behind', async () => {
    stopped = true;
    await rig!.stop();
    await expectNothingLeft(rig!);
  }, 90_000);
});
