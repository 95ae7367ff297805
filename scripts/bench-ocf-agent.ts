/*
 * The OCF figures of npm run bench (also npm run bench:ocf):
 *  1. monitor cost per call of the generated agent (echo-server example) at depth 0
 *     (LooksAlive) and 10 (IsAlive), next to the stock shell agent ocf:heartbeat:Dummy and the
 *     cost of spawning /bin/true, all called directly the way pacemaker-execd calls them;
 *  2. on a live one-node Pacemaker (root only): time from a SIGKILLed application to its
 *     recovery, when the handler reports the exit at once (ctx.fail → crm_resource --fail)
 *     and when it is left to the next monitor, with the same monitor interval.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageOcf } from '../generator/index.js';
import { buildAgent, ECHO, FIXTURE } from '../test/ocf/agent-helpers.js';
import { benchAgentMonitor, type AgentBenchResult } from '../test/ocf/rig/agent-bench.js';
import { startCluster, findResource, type RigCluster } from '../test/ocf/rig/index.js';

const iterations = Number(process.env.CK_BENCH_ITERATIONS ?? 1000);
const recoveries = Number(process.env.CK_BENCH_RECOVERIES ?? 5);
const MONITOR_S = 10;

const f = (n: number): string => Math.round(n).toLocaleString('en-US');

function line(label: string, r: AgentBenchResult): string {
  return `${label.padEnd(40)} p50 ${f(r.monitorUs.p50).padStart(6)} us  p99 ${f(r.monitorUs.p99).padStart(6)} us  (rc ${JSON.stringify(r.rc)})`;
}

async function monitorCosts(dir: string): Promise<void> {
  const echo = await buildAgent(ECHO, join(dir, 'echo'));
  const generated = (level: number) =>
    benchAgentMonitor({
      agent: echo.library,
      params: { Port: '7871' },
      instance: `bench-depth-${level}`,
      iterations,
      checkLevel: level,
    });
  const depth0 = generated(0);
  const depth10 = generated(10);
  const dummy = benchAgentMonitor({
    agent: 'ocf:heartbeat:Dummy',
    params: { state: join(dir, 'Dummy-bench.state') },
    iterations,
  });
  console.log(`OCF monitor, one process per call (${iterations} calls each):`);
  console.log(line('generated agent, depth 0 (LooksAlive)', depth0));
  console.log(line('generated agent, depth 10 (IsAlive)', depth10));
  console.log(line('ocf:heartbeat:Dummy (shell)', dummy));
  console.log(
    `${'spawn floor (/bin/true)'.padEnd(40)} p50 ${f(dummy.spawnFloorUs.p50).padStart(6)} us  p99 ${f(dummy.spawnFloorUs.p99).padStart(6)} us`,
  );
}

function primitive(id: string, port: number, reportExit: boolean): string {
  return `<primitive id="${id}" class="ocf" provider="clusterkit" type="OcfEcho">
  <instance_attributes id="${id}-ia">
    <nvpair id="${id}-l" name="Label" value="bench"/>
    <nvpair id="${id}-p" name="Port" value="${port}"/>
    <nvpair id="${id}-r" name="ReportExit" value="${reportExit}"/>
  </instance_attributes>
  <meta_attributes id="${id}-meta"><nvpair id="${id}-mt" name="migration-threshold" value="1000"/></meta_attributes>
  <operations>
    <op id="${id}-mon" name="monitor" interval="${MONITOR_S}s" timeout="10s"/>
  </operations>
</primitive>`;
}

/** SIGKILL the app on `port`, then the ms until a new app runs. */
async function recoverOnce(rig: RigCluster, port: number): Promise<number> {
  const apps = () =>
    rig
      .processes('node1')
      .filter((p) => p.state !== 'Z' && p.cmdline.includes('net.createServer'))
      .filter((p) => p.cmdline.trimEnd().endsWith(` ${port}`))
      .map((p) => p.pid);
  const [old] = apps();
  const began = Date.now();
  process.kill(old, 'SIGKILL');
  for (;;) {
    if (apps().some((p) => p !== old)) return Date.now() - began;
    if (Date.now() - began > 60_000) throw new Error(`bench: no recovery on port ${port} in 60 s`);
    await new Promise((r) => setTimeout(r, 5)); // /proc has no event to wait on
  }
}

async function recoveryTimes(dir: string): Promise<void> {
  if (process.getuid?.() !== 0) {
    console.log('OCF recovery: skipped (a live Pacemaker needs root)');
    return;
  }
  const agents = join(dir, 'agents');
  mkdirSync(agents, { mode: 0o755 });
  const build = await buildAgent(FIXTURE, join(dir, 'fixture'));
  const pkg = packageOcf(build, FIXTURE, join(dir, 'fixture'));
  const rig = await startCluster({ nodes: 1, agents: { provider: 'clusterkit', dir: agents } });
  try {
    await rig.run('node1', 'sh', [join(pkg.dir, 'install.sh'), '--prefix', join(dir, 'prefix')]);
    await rig.createResource(primitive('fast', 7881, true));
    await rig.createResource(primitive('polled', 7882, false));
    const both = (s: Parameters<Parameters<RigCluster['waitFor']>[0]>[0]) =>
      ['fast', 'polled'].every((id) => findResource(s, id)?.role === 'Started');
    const results: Record<string, number[]> = { fast: [], polled: [] };
    for (let i = 0; i < recoveries; i++) {
      for (const [id, port] of [
        ['fast', 7881],
        ['polled', 7882],
      ] as const) {
        await rig.waitFor(both, { what: 'both resources started' });
        results[id].push(await recoverOnce(rig, port));
      }
    }
    const stat = (xs: number[]) => {
      const s = [...xs].sort((a, b) => a - b);
      return `median ${f(s[Math.floor(s.length / 2)]).padStart(6)} ms  max ${f(s[s.length - 1]).padStart(6)} ms`;
    };
    console.log(
      `OCF recovery of a SIGKILLed app, live Pacemaker, monitor every ${MONITOR_S} s (${recoveries} each):`,
    );
    console.log(`${'handler reports it (ctx.fail)'.padEnd(40)} ${stat(results.fast)}`);
    console.log(`${'left to the recurring monitor'.padEnd(40)} ${stat(results.polled)}`);
  } finally {
    await rig.stop();
  }
}

const dir = mkdtempSync(join(tmpdir(), 'ck-bench-ocf-'));
try {
  await monitorCosts(dir);
  await recoveryTimes(dir);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
