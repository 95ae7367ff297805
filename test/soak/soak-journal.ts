/** What the soak knows of each resource and what it has done: the journal the checks read. */
import type { Resource } from '../../src/dev/harness/index.js';

export interface Tracked {
  readonly name: string;
  res: Resource;
  /** The values of the last SET the library accepted. */
  generation: number;
  delay: number;
  /** Every application pid the handler published for it. */
  readonly pids: Set<number>;
  busy: boolean;
}

export const FAULTS = [
  'appKill',
  'hostKill',
  'hostHang',
  'garbage',
  'setInFlight',
  'setRejected',
  'terminateDuringOnline',
] as const;
export type Fault = (typeof FAULTS)[number];

export class Journal {
  readonly tracked: Tracked[] = [];
  readonly faults: Record<Fault, number> = Object.fromEntries(FAULTS.map((f) => [f, 0])) as Record<
    Fault,
    number
  >;
  /** Online attempts (each starts a cycle), Offline and Terminate calls, other actions. */
  onlines = 0;
  offlines = 0;
  terminates = 0;
  actions = 0;
  readonly problems: string[] = [];

  problem(text: string): void {
    this.problems.push(text);
  }

  idle(pick: (items: Tracked[]) => Tracked): Tracked | undefined {
    const free = this.tracked.filter((t) => !t.busy && !t.res.isClosed);
    return free.length > 0 ? pick(free) : undefined;
  }
}
