/*
 * koffi runs `.async` calls as Node-API async work, i.e. on libuv's thread pool
 * (UV_THREADPOOL_SIZE threads, 4 by default), the same pool that serves fs, dns and
 * crypto. Entry points may block until their deadline (a hung host), so the harness
 * never lets library calls take every pool thread: at most `limit` run at once (one
 * pool thread is always left for the rest of Node), the others wait here in JS.
 * Terminate is queued ahead of everything else because it pre-empts.
 */

interface Waiter {
  start: () => void;
}

export class CallGate {
  private running = 0;
  private readonly urgent: Waiter[] = [];
  private readonly normal: Waiter[] = [];
  private idleWaiters: (() => void)[] = [];

  constructor(readonly limit: number) {}

  get inFlight(): number {
    return this.running;
  }

  get queued(): number {
    return this.urgent.length + this.normal.length;
  }

  /** Runs fn once a slot is free; `urgent` calls jump the queue. */
  run<T>(fn: () => Promise<T>, urgent = false): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const start = () => {
        this.running++;
        let p: Promise<T>;
        try {
          p = fn();
        } catch (err) {
          p = Promise.reject(err);
        }
        p.then(resolve, reject).finally(() => this.release());
      };
      if (this.running < this.limit) start();
      else (urgent ? this.urgent : this.normal).push({ start });
    });
  }

  /** Resolves when nothing runs and nothing waits. */
  idle(): Promise<void> {
    if (this.running === 0 && this.queued === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private release(): void {
    this.running--;
    const next = this.urgent.shift() ?? this.normal.shift();
    if (next) next.start();
    else if (this.running === 0) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const w of waiters) w();
    }
  }
}

const GATE_KEY = Symbol.for('clusterkit.harness.call-gate');

/** The process-wide gate (the thread pool is process-wide too). */
export function processCallGate(): CallGate {
  const g = globalThis as unknown as Record<symbol, CallGate | undefined>;
  const poolSize = Number(process.env.UV_THREADPOOL_SIZE) || 4;
  return (g[GATE_KEY] ??= new CallGate(Math.max(1, poolSize - 1)));
}
