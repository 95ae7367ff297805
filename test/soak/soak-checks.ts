/**
 * The soak's checkpoint: with every action finished, each resource must be in the state the
 * library reported (an Online one answers its health checks and has its application running;
 * any other has none), and its stored properties must be the last values a SET got
 * accepted. Then every resource is closed, and nothing the run started may be left: no
 * host, no application, no descriptor beyond the baseline, RSS within its bound.
 */
import type { Journal, Tracked } from './soak-journal.js';
import { markedAfter, markedProcesses, openFds, rssMiB } from './soak-system.js';

export interface Leaks {
  processes: number;
  fds: number;
  rss: number;
}

/** `live`: the pids of the run's own processes now (a recorded pid may have been reused). */
async function checkState(j: Journal, t: Tracked, live: Set<number>): Promise<void> {
  const { res, name } = t;
  if (res.state === 'OnlinePending' || res.state === 'OfflinePending')
    return j.problem(`${name}: still ${res.state} at a checkpoint`);
  const looks = await res.looksAlive();
  const pid = Number((await res.getReadOnlyProperties()).Pid ?? 0);
  if (res.state === 'Online') {
    if (!looks || !(await res.isAlive())) j.problem(`${name}: Online but its health checks fail`);
    if (!(pid > 0 && live.has(pid)))
      j.problem(`${name}: Online but its application (pid ${pid}) is not running`);
    if (pid > 0) t.pids.add(pid);
  } else if (looks) {
    j.problem(`${name}: ${res.state} but LooksAlive answers TRUE`);
  }
  const running = res.state === 'Online' ? pid : 0;
  for (const p of t.pids)
    if (p !== running && live.has(p))
      j.problem(`${name}: ${res.state} but an application it started (pid ${p}) runs`);
  t.pids.clear(); // checked; all of them are gone once the resource is closed below
}

async function checkProperties(j: Journal, t: Tracked): Promise<void> {
  const props = await t.res.getProperties();
  if (props.Generation !== t.generation || props.OnlineDelayMs !== t.delay)
    j.problem(
      `${t.name}: stored Generation ${String(props.Generation)} / OnlineDelayMs ${String(props.OnlineDelayMs)}, ` +
        `last accepted ${t.generation} / ${t.delay}`,
    );
}

/** States and properties, then everything closed; returns what was left behind. */
export async function checkpoint(
  j: Journal,
  runId: string,
  baseline: { fds: number; rssMiB: number } | undefined,
  rssBoundMiB: number,
): Promise<Leaks & { fdCount: number; rssMiB: number }> {
  const live = new Set(markedProcesses(runId).map((p) => p.pid));
  for (const t of j.tracked) {
    await checkState(j, t, live);
    await checkProperties(j, t);
  }
  for (const t of j.tracked) await t.res.close();
  const left = await markedAfter(runId, 5000);
  for (const p of left)
    j.problem(`left behind: pid ${p.pid} (${p.state}) ${p.argv.join(' ').slice(0, 120)}`);
  for (const p of left) if (p.state !== 'Z') process.kill(p.pid, 'SIGKILL');
  const fdCount = openFds();
  const rss = rssMiB();
  const fds = baseline ? Math.max(0, fdCount - baseline.fds) : 0;
  if (fds > 0) j.problem(`${fds} more descriptors open than at the first checkpoint`);
  const over = baseline ? Math.max(0, rss - baseline.rssMiB - rssBoundMiB) : 0;
  if (over > 0)
    j.problem(
      `RSS ${rss.toFixed(1)} MiB: ${over.toFixed(1)} MiB over the bound (first checkpoint + ${rssBoundMiB})`,
    );
  return { processes: left.length, fds, rss: over > 0 ? 1 : 0, fdCount, rssMiB: rss };
}
