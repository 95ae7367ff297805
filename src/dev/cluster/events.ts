import { EventEmitter } from 'node:events';

export type ResourceStateName =
  'Offline' | 'OnlinePending' | 'Online' | 'OfflinePending' | 'Failed' | 'Initializing' | string;

/** Everything the local cluster reports, one JSON-serialisable object per event. */
export type ClusterEvent =
  | {
      kind: 'state';
      resource: string;
      group: string;
      node: string | null;
      from: ResourceStateName;
      to: ResourceStateName;
      why: string;
    }
  | {
      kind: 'health';
      resource: string;
      node: string;
      check: 'LooksAlive' | 'IsAlive';
      alive: boolean;
      ms: number;
    }
  | { kind: 'pending'; resource: string; node: string; checkpoint: number }
  | { kind: 'restart'; resource: string; node: string; attempt: number; delay: number }
  | { kind: 'stay-failed'; resource: string; why: string; retryAfter: number | null }
  | { kind: 'failover'; group: string; from: string | null; to: string | null; why: string }
  | { kind: 'move'; group: string; from: string | null; to: string }
  | {
      kind: 'monitor';
      node: string;
      monitor: string;
      pid: number | null;
      what: 'started' | 'hung' | 'died' | 'killed' | 'stopped';
      why?: string;
    }
  | { kind: 'node'; node: string; up: boolean; why: string }
  | { kind: 'fault'; what: string; target: string }
  | { kind: 'inspector'; resource: string; url: string }
  | {
      kind: 'reload';
      /** Project files that changed (relative to the project). */
      changed: string[];
      /** What `run --watch` did about it. */
      action: 'unchanged' | 'hosts-restarted' | 'cluster-restart' | 'build-failed';
      resources: string[];
      detail: string;
    }
  | { kind: 'log'; line: string; level: string; component: string; resource?: string };

/** A timestamped event as delivered to listeners and iterators. */
export type StampedEvent = ClusterEvent & { at: string };

/**
 * The structured event stream: `on('event', fn)` for callbacks, or
 * `for await (const e of stream)` for scripts (each iterator buffers what it has not read yet).
 */
export class EventStream extends EventEmitter {
  private closed = false;
  private readonly waiters = new Set<() => void>();

  emitEvent(e: ClusterEvent): StampedEvent {
    const stamped = { ...e, at: new Date().toISOString() } as StampedEvent;
    this.emit('event', stamped);
    return stamped;
  }

  /** Ends every iterator (after the events already buffered). */
  end(): void {
    this.closed = true;
    for (const w of this.waiters) w();
    this.emit('end');
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<StampedEvent> {
    const buffer: StampedEvent[] = [];
    let wake: (() => void) | undefined;
    const onEvent = (e: StampedEvent) => {
      buffer.push(e);
      wake?.();
    };
    this.on('event', onEvent);
    try {
      for (;;) {
        while (buffer.length) yield buffer.shift()!;
        if (this.closed) return;
        await new Promise<void>((resolve) => {
          wake = resolve;
          this.waiters.add(resolve);
        });
        if (wake) this.waiters.delete(wake);
        wake = undefined;
      }
    } finally {
      this.off('event', onEvent);
    }
  }

  /** Resolves with the first event matching `pred`, or rejects after `timeoutMs`. */
  waitFor(
    pred: (e: StampedEvent) => boolean,
    timeoutMs: number,
    what = 'event',
  ): Promise<StampedEvent> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.off('event', on);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      const on = (e: StampedEvent) => {
        if (!pred(e)) return;
        clearTimeout(timer);
        this.off('event', on);
        resolve(e);
      };
      this.on('event', on);
    });
  }
}
