/*
 * npm run bench:ocf: the per-call cost of an OCF agent's monitor, called directly as
 * pacemaker-execd calls it. Today it prints the stock shell agent ocf:heartbeat:Dummy, the
 * baseline a generated clusterkit agent is compared with.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchAgentMonitor, type AgentBenchResult } from '../test/ocf/rig/agent-bench.js';

const iterations = Number(process.env.CK_BENCH_ITERATIONS ?? 1000);

function line(r: AgentBenchResult): string {
  const f = (n: number): string => n.toLocaleString('en-US');
  return (
    `${r.agent} monitor: p50 ${f(r.monitorUs.p50)} us, p99 ${f(r.monitorUs.p99)} us, max ${f(r.monitorUs.max)} us ` +
    `(${r.iterations} calls, rc ${JSON.stringify(r.rc)}; spawn floor p50 ${f(r.spawnFloorUs.p50)} us, p99 ${f(r.spawnFloorUs.p99)} us)`
  );
}

const dir = mkdtempSync(join(tmpdir(), 'ck-bench-ocf-'));
try {
  const dummy = benchAgentMonitor({
    agent: 'ocf:heartbeat:Dummy',
    params: { state: join(dir, 'Dummy-bench.state') },
    iterations,
  });
  console.log(line(dummy));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
