/**
 * reload-agent under a real, live Pacemaker (one node, started by the rig): a change of a
 * reloadable parameter reaches the running handler without a stop and start; a change of
 * another one restarts the resource; a secret given with cibsecret reaches the handler while
 * the CIB holds only its placeholder.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageOcf } from '../../generator/index.js';
import { buildAgent, openTempDir, ROOT } from './agent-helpers.js';
import { failCount, startCluster, type ClusterState, type RigCluster } from './rig/index.js';
import { expectNothingLeft, startedOn } from './rig-test-helpers.js';

const NODE = 'node1';
const RSC = 'reload1';
const HANDLER = join(ROOT, 'test', 'fixtures', 'handlers', 'o-reload.ts');
const work = openTempDir('ck-ocf-reload-live-');
const agents = join(work, 'agents');
const stateFile = join(work, 'state.json');
let rig: RigCluster | undefined;
let stopped = false;

const state = () => {
  try {
    return JSON.parse(readFileSync(stateFile, 'utf8')) as Record<string, unknown>;
  } catch {
    return {};
  }
};
const running = (s: ClusterState) => startedOn(s, RSC, NODE) && failCount(s, RSC, NODE) === 0;
const setParameter = (name: string, value: string) =>
  rig!.crmResource(['--resource', RSC, '--set-parameter', name, '--parameter-value', value]);

/** Waits (reading the handler's state file) until `check` holds. */
async function until(check: () => boolean, what: string, limitMs = 30_000): Promise<void> {
  const began = Date.now();
  while (!check()) {
    if (Date.now() - began > limitMs) throw new Error(`${what}: not seen within ${limitMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

beforeAll(async () => {
  mkdirSync(agents, { mode: 0o755 });
  const outDir = join(work, 'build');
  const build = await buildAgent(HANDLER, outDir);
  const pkg = packageOcf(build, HANDLER, outDir);
  rig = await startCluster({ nodes: 1, agents: { provider: 'clusterkit', dir: agents } });
  const install = await rig.run(NODE, 'sh', [join(pkg.dir, 'install.sh')]);
  expect(install.code, install.stderr).toBe(0);
}, 300_000);

afterAll(async () => {
  if (rig && !stopped) await rig.stop().catch(() => {});
  rmSync(work, { recursive: true, force: true });
});

describe('reload-agent under Pacemaker', () => {
  it('starts the resource', async () => {
    await rig!
      .createResource(`<primitive id="${RSC}" class="ocf" provider="clusterkit" type="OcfReload">
  <instance_attributes id="${RSC}-ia">
    <nvpair id="${RSC}-port" name="Port" value="7731"/>
    <nvpair id="${RSC}-level" name="Level" value="2"/>
    <nvpair id="${RSC}-state" name="StateFile" value="${stateFile}"/>
  </instance_attributes>
  <operations>
    <op id="${RSC}-start" name="start" interval="0s" timeout="20s"/>
    <op id="${RSC}-stop" name="stop" interval="0s" timeout="20s"/>
    <op id="${RSC}-monitor" name="monitor" interval="3s" timeout="10s"/>
  </operations>
</primitive>`);
    await rig!.waitFor(running, { what: `${RSC} started` });
    await until(() => state().Level === 2, 'the handler running with Level 2');
  });

  it('hands a reloadable parameter to the running handler: no stop, no start, same app', async () => {
    const before = state();
    await setParameter('Level', '6');
    await until(() => state().Level === 6, 'Level 6 applied');
    expect(state().pid).toBe(before.pid);
    await rig!.waitFor(running, { what: `${RSC} still running` });
    const log = rig!.pacemakerLog(NODE);
    expect(log).toMatch(new RegExp(`Result of reload-agent operation for ${RSC} on ${NODE}: ok`));
    expect(log).not.toMatch(new RegExp(`Result of stop operation for ${RSC}`));
  });

  it('restarts the resource for a parameter that is not reloadable', async () => {
    const before = state();
    await setParameter('Port', '7732');
    await until(() => state().Port === 7732, 'the handler running on Port 7732');
    expect(state().pid).not.toBe(before.pid);
    expect(rig!.pacemakerLog(NODE)).toMatch(
      new RegExp(`Result of stop operation for ${RSC} on ${NODE}: ok`),
    );
  });

  it('hands the handler a secret kept out of the CIB as a CIB secret', async () => {
    // What `cibsecret set reload1 Token <value>` does on this node: the value and its MD5 in
    // Pacemaker's secrets folder, "lrm://" in the CIB. (cibsecret itself stops before the CIB
    // step on a cluster with no other live node to copy the files to: it needs ssh peers.)
    const secret = 'cib-secret-7f3e';
    const dir = `/var/lib/pacemaker/lrm/secrets/${RSC}`;
    const md5 = createHash('md5').update(secret).digest('hex');
    for (const [cmd, args, input] of [
      ['mkdir', ['-p', '-m', '0700', dir], undefined],
      ['tee', [`${dir}/Token`], `${secret}\n`],
      ['tee', [`${dir}/Token.sign`], `${md5}\n`],
    ] as const) {
      const r = await rig!.run(NODE, cmd, args, input ? { input } : {});
      expect(r.code, r.stderr).toBe(0);
    }
    await setParameter('Token', 'lrm://');
    const cib = await rig!.run(NODE, 'cibadmin', ['--query', '--scope', 'resources']);
    expect(cib.stdout).toContain('lrm://');
    expect(cib.stdout).not.toContain(secret);
    // Token is not reloadable: Pacemaker restarts the resource with the secret filled in.
    await until(() => state().token === secret, 'the secret at the handler', 60_000);
    await rig!.waitFor(running, { what: `${RSC} running with its secret` });
    expect(rig!.pacemakerLog(NODE)).not.toContain(secret);
  });

  it('stops the cluster and leaves nothing behind', async () => {
    stopped = true;
    await rig!.stop();
    await expectNothingLeft(rig!);
  }, 90_000);
});
