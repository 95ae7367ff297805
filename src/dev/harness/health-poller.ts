/*
 * LooksAlive/IsAlive polling once a resource is Online (docs/resource-api.md): LooksAlive every
 * looksAlive ms (skipped when Online returned an event handle), IsAlive every isAlive ms;
 * LooksAlive FALSE → IsAlive at once; IsAlive FALSE → Failed, then Terminate. Checks go
 * through the resource's serial queue, so a poll never overlaps another call.
 */
import type { CheckEvent, ResourceState } from './events.js';
import type { EntryPoints } from './entry-points.js';
import type { Timing } from './timing.js';

type Check = 'LooksAlive' | 'IsAlive';
type Trigger = CheckEvent['trigger'];

/** The part of a Resource the poller drives. */
export interface PollTarget {
  readonly name: string;
  readonly resid: bigint;
  readonly state: ResourceState;
  readonly entryPoints: EntryPoints;
  now(): number;
  run<T>(task: () => Promise<T>): Promise<T>;
  call<T>(name: string, fn: () => Promise<T>): Promise<T>;
  emit(body: Omit<CheckEvent, 'resource' | 't'>): void;
  failAndTerminate(why: string): Promise<void>;
  anomaly(text: string): void;
}

export class HealthPoller {
  private timers: NodeJS.Timeout[] = [];
  private queued = new Set<Check>();

  constructor(
    private readonly target: PollTarget,
    private readonly timing: Timing,
  ) {}

  start(hasEventHandle: boolean): void {
    this.stop();
    if (!hasEventHandle)
      this.timers.push(setInterval(() => this.tick('LooksAlive'), this.timing.looksAlive));
    this.timers.push(setInterval(() => this.tick('IsAlive'), this.timing.isAlive));
  }

  stop(): void {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    this.queued.clear();
  }

  get running(): boolean {
    return this.timers.length > 0;
  }

  private tick(check: Check): void {
    // One poll of a kind at a time: a slow call makes later ticks wait, not pile up.
    if (this.target.state !== 'Online' || this.queued.has(check)) return;
    this.queued.add(check);
    this.check(check, 'poll')
      .catch((err: Error) =>
        this.target.anomaly(`${check} poll could not be called: ${err.message}`),
      )
      .finally(() => this.queued.delete(check));
  }

  /**
   * One check through the queue. Polls, escalations and the event handle act on the
   * answer; explicit calls ('call') only report it.
   */
  check(check: Check, trigger: Trigger): Promise<boolean> {
    return this.target.run(() => this.checkNow(check, trigger));
  }

  private async checkNow(check: Check, trigger: Trigger): Promise<boolean> {
    const acting = trigger !== 'call';
    if (acting && this.target.state !== 'Online') return true;
    const t = this.target;
    const startedAt = t.now();
    const fn =
      check === 'LooksAlive'
        ? () => t.entryPoints.looksAlive(t.resid)
        : () => t.entryPoints.isAlive(t.resid);
    const result = await t.call(check, fn);
    t.emit({ type: 'check', check, result, trigger, startedAt, durationMs: t.now() - startedAt });
    if (!acting || result || t.state !== 'Online') return result;
    if (check === 'LooksAlive') return this.checkNow('IsAlive', 'escalation');
    void t.failAndTerminate(`IsAlive returned FALSE (${trigger})`);
    return result;
  }
}
