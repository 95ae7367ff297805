/**
 * Faults that hit the whole handler host, injected while no other action runs: SIGKILL of
 * the host, a hung host (SIGSTOP: it stops answering, the library must find out and kill
 * it), and bytes that are not a frame written onto the frame stream. Afterwards every
 * resource that was Online must end Failed, and the host must be gone.
 */
import { userControlCode, type ResourceMonitor } from '../../src/dev/harness/index.js';
import type { Journal, Tracked } from './soak-journal.js';
import type { Random } from './soak-random.js';

async function until(test: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!test()) {
    if (Date.now() >= deadline) return false;
    await new Promise((r) => setTimeout(r, 20));
  }
  return true;
}

/** The host is gone and every resource that was Online has failed. */
async function settled(
  j: Journal,
  monitor: ResourceMonitor,
  hostPid: number,
  wereOnline: Tracked[],
  what: string,
) {
  // Looked up by the bundle it runs, not by pid alone: a pid may be reused.
  const running = () => monitor.hostProcesses().some((p) => p.pid === hostPid && p.state !== 'Z');
  if (!(await until(() => !running(), 20_000))) {
    j.problem(`${what}: the host (pid ${hostPid}) was still running 20 s later; killed it`);
    process.kill(hostPid, 'SIGKILL');
  }
  for (const t of wereOnline)
    if (!(await until(() => t.res.state === 'Failed' || t.res.isClosed, 20_000)))
      j.problem(`${what}: ${t.name} still ${t.res.state} 20 s after its host went`);
}

export async function hostFault(j: Journal, monitor: ResourceMonitor, rng: Random): Promise<void> {
  const host = monitor.hostProcesses()[0];
  const online = j.tracked.filter((t) => t.res.state === 'Online' && !t.res.isClosed);
  // A hung host is found by the calls it does not answer, and garbage is sent by one: both
  // need a resource Online (its polls run).
  if (!host || online.length === 0) return;
  const what = rng.weighted({ hostKill: 4, hostHang: 3, garbage: 3 });
  j.faults[what]++;
  if (what === 'hostKill') process.kill(host.pid, 'SIGKILL');
  else if (what === 'hostHang') process.kill(host.pid, 'SIGSTOP');
  else {
    const r = await rng.pick(online).res.control(userControlCode(1));
    if (r.status === 0) j.problem('garbage: the control that breaks the stream succeeded');
  }
  await settled(j, monitor, host.pid, online, what);
}
