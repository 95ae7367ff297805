/**
 * The soak's actions on one resource, chosen from its state: Online (plain, with a property
 * SET while it is pending, or with Terminate landing during it), Offline, Terminate, SETs
 * (accepted and refused), health checks, and the SIGKILL of its application. Each records
 * what it did in the journal; an outcome the rules forbid is a problem.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { PropertiesRejectedError, TerminatedError } from '../../src/dev/harness/index.js';
import type { Journal, Tracked } from './soak-journal.js';
import type { Random } from './soak-random.js';

const DELAY_MS = 400;

async function readPid(t: Tracked): Promise<number> {
  const pid = Number((await t.res.getReadOnlyProperties()).Pid ?? 0);
  if (pid > 0) t.pids.add(pid);
  return pid;
}

async function set(
  j: Journal,
  t: Tracked,
  values: { Generation?: number; OnlineDelayMs?: number },
) {
  await t.res.setProperties(values);
  if (values.Generation !== undefined) t.generation = values.Generation;
  if (values.OnlineDelayMs !== undefined) t.delay = values.OnlineDelayMs;
  j.actions++;
}

async function online(j: Journal, t: Tracked, during?: () => Promise<void>): Promise<void> {
  j.onlines++;
  const p = t.res.online();
  if (during) await during();
  try {
    await p;
    await readPid(t);
  } catch (err) {
    j.problem(`${t.name}: Online failed: ${(err as Error).message}`);
  }
}

async function onlineWithSet(j: Journal, t: Tracked, rng: Random): Promise<void> {
  j.faults.setInFlight++;
  await online(j, t, () => set(j, t, { Generation: rng.int(1_000_000) }));
}

/** Online that takes DELAY_MS, Terminate after a random part of it: Offline, nothing left. */
async function terminateDuringOnline(j: Journal, t: Tracked, rng: Random): Promise<void> {
  j.faults.terminateDuringOnline++;
  await set(j, t, { OnlineDelayMs: DELAY_MS });
  j.onlines++;
  const p = t.res.online().then(
    () => readPid(t).then(() => 'online' as const),
    (err: unknown) => (err instanceof TerminatedError ? ('terminated' as const) : err),
  );
  await sleep(rng.int(DELAY_MS));
  j.terminates++;
  await t.res.terminate();
  const outcome = await p;
  if (outcome !== 'online' && outcome !== 'terminated')
    j.problem(`${t.name}: Online under Terminate ended with ${String(outcome)}`);
  if (t.res.state !== 'Offline') j.problem(`${t.name}: ${t.res.state} after Terminate`);
  await set(j, t, { OnlineDelayMs: 0 });
}

async function setRejected(j: Journal, t: Tracked): Promise<void> {
  j.faults.setRejected++;
  try {
    await t.res.setProperties({ OnlineDelayMs: 70_000 }); // over its max of 60000
    j.problem(`${t.name}: a SET over the maximum was accepted`);
  } catch (err) {
    if (!(err instanceof PropertiesRejectedError)) throw err;
  }
}

async function health(j: Journal, t: Tracked): Promise<void> {
  j.actions++;
  const [looks, is] = [await t.res.looksAlive(), await t.res.isAlive()];
  if (!looks || !is) j.problem(`${t.name}: Online but LooksAlive ${looks}, IsAlive ${is}`);
}

async function appKill(j: Journal, t: Tracked): Promise<void> {
  const pid = await readPid(t);
  if (pid <= 0) return j.problem(`${t.name}: Online without an application pid`);
  j.faults.appKill++;
  process.kill(pid, 'SIGKILL');
  try {
    await t.res.waitForState('Failed', 15_000);
  } catch (err) {
    j.problem(`${t.name}: its killed application was not noticed: ${(err as Error).message}`);
  }
}

/** One action on an idle resource, chosen by its state. */
export async function act(j: Journal, t: Tracked, rng: Random): Promise<void> {
  if (t.res.state === 'Online') {
    const what = rng.weighted({
      offline: 35,
      terminate: 15,
      set: 15,
      health: 20,
      appKill: 10,
      rejected: 5,
    });
    if (what === 'offline') {
      j.offlines++;
      await t.res.offline();
      const after: string = t.res.state; // changed by the call: no narrowing from above
      if (after !== 'Offline') j.problem(`${t.name}: ${after} after Offline`);
    } else if (what === 'terminate') {
      j.terminates++;
      await t.res.terminate();
    } else if (what === 'set') await set(j, t, { Generation: rng.int(1_000_000) });
    else if (what === 'health') await health(j, t);
    else if (what === 'appKill') await appKill(j, t);
    else await setRejected(j, t);
    return;
  }
  const what = rng.weighted({
    online: 55,
    setInFlight: 15,
    terminateDuringOnline: 15,
    set: 10,
    rejected: 5,
  });
  if (what === 'online') await online(j, t);
  else if (what === 'setInFlight') await onlineWithSet(j, t, rng);
  else if (what === 'terminateDuringOnline') await terminateDuringOnline(j, t, rng);
  else if (what === 'set') await set(j, t, { Generation: rng.int(1_000_000) });
  else await setRejected(j, t);
}
