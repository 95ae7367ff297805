import { chmodSync, copyFileSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { runArgv } from './rig/exec.js';
import {
  findLeftovers,
  findResource,
  listRigProcesses,
  type ClusterState,
  type RigCluster,
} from './rig/index.js';

const here = dirname(fileURLToPath(import.meta.url));

/** An ocf:heartbeat:Dummy primitive with a recurring monitor. */
export function dummy(id: string, monitorInterval = '2s'): string {
  return `<primitive id="${id}" class="ocf" provider="heartbeat" type="Dummy">
  <operations>
    <op id="${id}-start" name="start" interval="0s" timeout="20s"/>
    <op id="${id}-stop" name="stop" interval="0s" timeout="20s"/>
    <op id="${id}-monitor" name="monitor" interval="${monitorInterval}" timeout="10s"/>
  </operations>
</primitive>`;
}

/** The resource runs, unfailed, on exactly one node (that node, when given). */
export function startedOn(s: ClusterState, id: string, node?: string): boolean {
  const r = findResource(s, id);
  return (
    r?.role === 'Started' &&
    !r.failed &&
    r.nodes.length === 1 &&
    (node === undefined || r.nodes[0] === node)
  );
}

/** A temp folder holding the test agent, as a test of issue 12 would hold the generated one. */
export function agentFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ck-rigtest-agents-'));
  copyFileSync(join(here, 'fixtures', 'rigprobe'), join(dir, 'rigprobe'));
  chmodSync(join(dir, 'rigprobe'), 0o755);
  return dir;
}

/** No process, netns, mount or folder of this run is left on the host. */
export async function expectNothingLeft(rig: RigCluster): Promise<void> {
  const left = await findLeftovers(rig.runId, rig.dir);
  expect(left.processes).toEqual([]);
  expect(left.mounts).toEqual([]);
  expect(listRigProcesses(rig.runId)).toEqual([]);
  const tag = rig.runId.split('.')[1];
  const netns = (await runArgv('ip', ['netns', 'list'])).stdout
    .split('\n')
    .filter((l) => l.includes(tag));
  expect(netns).toEqual([]);
  expect(existsSync(rig.dir)).toBe(false);
}
