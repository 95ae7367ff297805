/**
 * The generated agent run by a real, live Pacemaker (one node, started by the rig): installed
 * with the package's own install.sh, checked with crm_resource (--validate, --force-*), then
 * created from CIB XML: probe → start → recurring monitor; a killed application and a
 * handler's ctx.fail are recovered in place, ctx.fail long before the next monitor; a hung
 * online fails the start with nothing left running; stop leaves no process; cleanup works.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageOcf } from '../../generator/index.js';
import { buildAgent, FIXTURE, openTempDir, stateOf } from './agent-helpers.js';
import {
  failCount,
  findResource,
  startCluster,
  type ClusterState,
  type RigCluster,
} from './rig/index.js';
import { expectNothingLeft, startedOn } from './rig-test-helpers.js';

const NODE = 'node1';
const RSC = 'ocfecho1';
const FAST = 'ocfecho2';
const work = openTempDir('ck-ocf-live-');
const agents = join(work, 'agents');
const prefix = join(work, 'prefix');
const failFile = join(work, 'signals', 'fail-now');
let rig: RigCluster | undefined;
let stopped = false;

/** An OcfEcho primitive with a recurring monitor and extra instance attributes. */
function primitive(
  id: string,
  port: number,
  monitorInterval: string,
  extra: Record<string, string>,
) {
  const attrs = Object.entries({ Label: 'live', Port: String(port), ...extra })
    .map(([name, value]) => `    <nvpair id="${id}-${name}" name="${name}" value="${value}"/>`)
    .join('\n');
  return `<primitive id="${id}" class="ocf" provider="clusterkit" type="OcfEcho">
  <instance_attributes id="${id}-ia">
${attrs}
  </instance_attributes>
  <meta_attributes id="${id}-meta">
    <nvpair id="${id}-mt" name="migration-threshold" value="10"/>
  </meta_attributes>
  <operations>
    <op id="${id}-start" name="start" interval="0s" timeout="6s"/>
    <op id="${id}-stop" name="stop" interval="0s" timeout="20s"/>
    <op id="${id}-monitor" name="monitor" interval="${monitorInterval}" timeout="10s"/>
  </operations>
</primitive>`;
}

/** The pids of the fixture's echo app on the node (of the resource on `port`, if given). */
function appPids(port?: number): number[] {
  return rig!
    .processes(NODE)
    .filter((p) => p.cmdline.includes('net.createServer') && p.state !== 'Z')
    .filter((p) => port === undefined || p.cmdline.trimEnd().endsWith(` ${port}`))
    .map((p) => p.pid);
}

function hostPids(): number[] {
  return rig!
    .processes(NODE)
    .filter((p) => p.cmdline.includes('OcfEcho.handler.js') && p.state !== 'Z')
    .map((p) => p.pid);
}

/** Waits (on /proc, every few ms) until `check` holds; returns the milliseconds it took. */
async function measure(check: () => boolean, limitMs: number, what: string): Promise<number> {
  const began = Date.now();
  while (!check()) {
    if (Date.now() - began > limitMs) throw new Error(`${what}: not seen within ${limitMs} ms`);
    await new Promise((r) => setTimeout(r, 5));
  }
  return Date.now() - began;
}

const running = (s: ClusterState) => startedOn(s, RSC, NODE);

beforeAll(async () => {
  mkdirSync(agents, { mode: 0o755 });
  mkdirSync(join(work, 'signals'));
  const outDir = join(work, 'build');
  const build = await buildAgent(FIXTURE, outDir);
  const pkg = packageOcf(build, FIXTURE, outDir);
  rig = await startCluster({ nodes: 1, agents: { provider: 'clusterkit', dir: agents } });
  const install = await rig.run(NODE, 'sh', [join(pkg.dir, 'install.sh'), '--prefix', prefix]);
  expect(install.code, install.stderr).toBe(0);
  expect(install.stdout).toContain('installed ocf:clusterkit:OcfEcho');
}, 300_000);

afterAll(async () => {
  if (rig && !stopped) await rig.stop().catch(() => {});
  rmSync(work, { recursive: true, force: true });
});

describe('crm_resource against the installed agent (no resource configured)', () => {
  const agentArgs = ['--class', 'ocf', '--provider', 'clusterkit', '--agent', 'OcfEcho'];

  it('shows the metadata', async () => {
    const r = await rig!.crmResource(['--show-metadata', 'ocf:clusterkit:OcfEcho']);
    expect(r.stdout).toContain('<parameter name="Label" unique="0" required="1">');
  });

  it('validates: 0 for good parameters, 6 with the reason for bad ones', async () => {
    const good = await rig!.crmResource(['--validate', ...agentArgs, '--option', 'Label=x']);
    expect(good.code).toBe(0);
    const bad = await rig!.crmResource(
      ['--validate', ...agentArgs, '--option', 'Label=x', '--option', 'Port=abc'],
      { allowFail: true },
    );
    expect(bad.code).toBe(6);
    expect(bad.stdout + bad.stderr).toMatch(/Port: "abc" is not a decimal integer/);
    const missing = await rig!.crmResource(['--validate', ...agentArgs], { allowFail: true });
    expect(missing.code).toBe(6);
    expect(missing.stdout + missing.stderr).toMatch(/required parameter Label is not set/);
  });

  it('force-check, force-start, force-stop give the OCF codes', async () => {
    const opts = ['--option', 'Label=forced', '--option', 'Port=7812'];
    const run = (op: string, extra: string[] = []) =>
      rig!.crmResource([op, ...extra, ...agentArgs, ...opts], { allowFail: true });
    expect((await run('--force-check')).code).toBe(7);
    const start = await run('--force-start');
    expect(start.code, start.stdout + start.stderr).toBe(0);
    expect((await run('--force-check')).code).toBe(0);
    expect((await run('--force-check=20')).code).toBe(0);
    expect(appPids()).toHaveLength(1);
    expect((await run('--force-stop')).code).toBe(0);
    expect((await run('--force-check')).code).toBe(7);
    expect(appPids()).toEqual([]);
    expect(hostPids()).toEqual([]);
    const refused = await rig!.crmResource(
      ['--force-start', ...agentArgs, '--option', 'Label=forced', '--option', 'HangOnline=maybe'],
      { allowFail: true },
    );
    expect(refused.code).toBe(6);
    expect(refused.stdout + refused.stderr).toMatch(/HangOnline: "maybe" is not a boolean/);
  });
});

describe('a live resource', () => {
  it('is probed, started and monitored', async () => {
    await rig!.createResource(primitive(RSC, 7811, '2s', { ReportExit: 'false' }));
    const tasksOf = (st: ClusterState) =>
      (st.history.find((h) => h.resource === RSC)?.operations ?? []).map(
        (o) => `${o.task}/${o.intervalMs}`,
      );
    const s = await rig!.waitFor((st) => running(st) && tasksOf(st).includes('monitor/2000'), {
      what: `${RSC} started and monitored`,
    });
    const tasks = tasksOf(s);
    expect(tasks).toContain('start/0');
    expect(tasks).toContain('monitor/2000');
    expect(rig!.pacemakerLog(NODE)).toMatch(
      new RegExp(`Result of probe operation for ${RSC} on ${NODE}: not running`),
    );
    expect(appPids(7811)).toHaveLength(1);
  });

  it('finds a SIGKILLed application at the next monitor and recovers it in place, fail-count 1', async () => {
    const [app] = appPids(7811);
    process.kill(app, 'SIGKILL');
    const restartedMs = await measure(
      () => appPids(7811).some((p) => p !== app),
      30_000,
      'a new app after SIGKILL',
    );
    const s = await rig!.waitFor((st) => running(st) && failCount(st, RSC, NODE) === 1, {
      what: `${RSC} recovered with fail-count 1`,
    });
    console.log(
      `ocf live: app SIGKILL -> found by the 2 s monitor, running again after ${restartedMs} ms`,
    );
    const failure = s.failures.find((f) => f.opKey.startsWith(RSC) && f.task === 'monitor');
    expect(failure?.exitReason).toMatch(/looksAlive answered FALSE/);
  });

  it('starts recovery at once on ctx.fail, long before the next monitor', async () => {
    // A 60 s monitor: only the handler's report can explain a quick recovery.
    await rig!.createResource(primitive(FAST, 7813, '60s', { FailFile: failFile }));
    const fastRunning = (st: ClusterState) => startedOn(st, FAST, NODE);
    await rig!.waitFor(fastRunning, { what: `${FAST} started` });
    const [app] = appPids(7813);
    writeFileSync(failFile, 'now');
    const recoveryMs = await measure(() => stateOf(app) === undefined, 15_000, 'old app stopped');
    const restartedMs = await measure(() => appPids(7813).length === 1, 15_000, 'new app running');
    const s = await rig!.waitFor((st) => fastRunning(st) && failCount(st, FAST, NODE) > 0, {
      what: `${FAST} recovered after ctx.fail`,
    });
    rmSync(failFile);
    console.log(
      `ocf live: ctx.fail -> recovery started (old app stopped) after ${recoveryMs} ms, ` +
        `running again after ${restartedMs + recoveryMs} ms (monitor interval 60 s); ` +
        `fail-count ${failCount(s, FAST, NODE)}`,
    );
    expect(recoveryMs).toBeLessThan(10_000);
    const failure = s.failures.find((f) => f.opKey.startsWith(FAST));
    expect(failure?.task).toBe('asyncmon');
    expect(rig!.pacemakerLog(NODE)).toContain(`Initiating stop operation ${FAST}_stop_0`);
    await rig!.crmResource([
      '--resource',
      FAST,
      '--meta',
      '--set-parameter',
      'target-role',
      '--parameter-value',
      'Stopped',
    ]);
    await rig!.waitFor((st) => findResource(st, FAST)?.role === 'Stopped', {
      what: `${FAST} stopped`,
    });
    expect(appPids(7813)).toEqual([]);
  });

  it('fails a start that hangs past its timeout and leaves nothing running', async () => {
    await rig!.crmResource([
      '--resource',
      RSC,
      '--set-parameter',
      'HangOnline',
      '--parameter-value',
      'true',
    ]);
    const s = await rig!.waitFor(
      (st) =>
        !findResource(st, RSC)?.active &&
        st.failures.some((f) => f.opKey.startsWith(RSC) && f.task === 'start'),
      { what: `${RSC} failed to start and stopped`, timeoutMs: 60_000 },
    );
    const failure = s.failures.find((f) => f.opKey.startsWith(RSC) && f.task === 'start')!;
    expect(failure.exitReason).toMatch(
      /online did not finish within the time this operation is allowed/,
    );
    expect(appPids()).toEqual([]);
    expect(hostPids()).toEqual([]);
  });

  it('starts again after the parameter is fixed and the failure cleaned up', async () => {
    await rig!.crmResource(['--resource', RSC, '--delete-parameter', 'HangOnline']);
    await rig!.crmResource(['--cleanup', '--resource', RSC]);
    const s = await rig!.waitFor((st) => running(st) && failCount(st, RSC, NODE) === 0, {
      what: `${RSC} started after cleanup`,
      timeoutMs: 60_000,
    });
    expect(s.failures.filter((f) => f.opKey.startsWith(RSC))).toEqual([]);
    expect(appPids()).toHaveLength(1);
  });

  it('stops, leaving no process of the resource', async () => {
    await rig!.crmResource([
      '--resource',
      RSC,
      '--meta',
      '--set-parameter',
      'target-role',
      '--parameter-value',
      'Stopped',
    ]);
    await rig!.waitFor((st) => findResource(st, RSC)?.role === 'Stopped', {
      what: `${RSC} stopped`,
    });
    expect(appPids()).toEqual([]);
    expect(hostPids()).toEqual([]);
  });

  it('stops the cluster and leaves nothing behind', async () => {
    stopped = true;
    await rig!.stop();
    await expectNothingLeft(rig!);
  }, 90_000);
});
