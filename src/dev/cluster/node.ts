import { EventEmitter } from 'node:events';
import type { Clock } from './clock.js';
import { MonitorProcess, type MonitorProcessOptions } from './monitor-process.js';

/** The shared monitor of a node, as opposed to a resource's SeparateMonitor. */
export const DEFAULT_MONITOR = 'rhs';

/**
 * A simulated cluster node: up or down, with its monitor processes (one shared, plus one per
 * resource that asks for SeparateMonitor). Events: 'monitor-started', 'monitor-hung',
 * 'monitor-exit', 'event' (harness events tagged with the monitor), each with the monitor key.
 */
export class SimNode extends EventEmitter {
  up = true;
  private readonly monitors = new Map<string, MonitorProcess>();
  private readonly starting = new Map<string, Promise<MonitorProcess>>();

  constructor(
    readonly name: string,
    private readonly monitorOptions: Omit<MonitorProcessOptions, 'name' | 'clock'>,
    private readonly clock: Clock,
    /** Extra environment for the monitor of a key (e.g. the inspected resource's). */
    private readonly envFor: (key: string) => Record<string, string> | undefined = () => undefined,
  ) {
    super();
  }

  /** The monitor key a resource lives in. */
  static monitorKey(resource: string, separate: boolean): string {
    return separate ? `rhs-${resource.toLowerCase()}` : DEFAULT_MONITOR;
  }

  /** The running monitor for `key`, started on first use. */
  monitor(key: string): Promise<MonitorProcess> {
    const live = this.monitors.get(key);
    if (live?.alive) return Promise.resolve(live);
    let p = this.starting.get(key);
    if (!p) {
      p = this.startMonitor(key).finally(() => this.starting.delete(key));
      this.starting.set(key, p);
    }
    return p;
  }

  existing(key: string): MonitorProcess | undefined {
    const m = this.monitors.get(key);
    return m?.alive ? m : undefined;
  }

  get monitorList(): { key: string; pid: number | undefined; alive: boolean }[] {
    return [...this.monitors].map(([key, m]) => ({ key, pid: m.pid, alive: m.alive }));
  }

  private async startMonitor(key: string): Promise<MonitorProcess> {
    const env = this.envFor(key);
    const m = await MonitorProcess.start({
      ...this.monitorOptions,
      ...(env ? { env } : {}),
      name: `${this.name}/${key}`,
      clock: this.clock,
    });
    this.monitors.set(key, m);
    m.on('event', (e) => this.emit('event', key, e));
    m.on('hung', (h) => this.emit('monitor-hung', key, m, h));
    m.on('exit', (x) => {
      if (this.monitors.get(key) === m) this.monitors.delete(key);
      this.emit('monitor-exit', key, m, x);
    });
    this.emit('monitor-started', key, m);
    return m;
  }

  /** Node loss: every monitor (and what it started) is killed at once; the pids killed. */
  killAll(why: string): number[] {
    return [...this.monitors.values()].flatMap((m) => m.kill(why));
  }

  /** Orderly stop of every monitor. */
  async shutdown(): Promise<void> {
    await Promise.all([...this.starting.values()].map((p) => p.catch(() => undefined)));
    await Promise.all([...this.monitors.values()].map((m) => m.shutdown()));
    this.monitors.clear();
  }
}
