import { ResourceMonitor, type HarnessEvent, type Resource } from '../harness/index.js';
import { resolve } from 'node:path';
import { childProcesses, descendantProcesses, isProcessRunning } from '../harness/processes.js';
import type { Schema } from '../../bundle/sdk/schema.js';
import { RuleFailure } from './rule-failure.js';
import type { VerifySettings } from './settings.js';
import { validProps } from './valid-props.js';

/** Slow polling by default, so health checks happen only when a rule asks for them. */
const QUIET = { looksAlive: 3_600_000, isAlive: 3_600_000 };

/** What a rule gets: the type, a loaded monitor, valid properties, process and event helpers. */
export class RuleContext {
  readonly events: (HarnessEvent & { resource: string | null })[] = [];
  /** Every process the handler host tree ever had while this rule ran (killed at the end). */
  readonly seen = new Set<number>();
  private count = 0;

  /** The values verify creates resources with (user values + made-up required ones), fixed per rule. */
  readonly props: Record<string, unknown>;

  private constructor(
    readonly monitor: ResourceMonitor,
    readonly schema: Schema,
    readonly settings: VerifySettings,
    readonly bundle: string,
    readonly scratchDir: string,
  ) {
    this.props = validProps(schema.properties, settings.props, scratchDir);
    monitor.on('event', (e: HarnessEvent) =>
      this.events.push(e as HarnessEvent & { resource: string | null }),
    );
  }

  static async open(o: {
    library: string;
    bundle: string;
    schema: Schema;
    settings: VerifySettings;
    /** A folder of this rule's own for made-up values; the caller removes it. */
    scratchDir: string;
  }): Promise<RuleContext> {
    const monitor = await ResourceMonitor.load({
      library: o.library,
      type: o.schema.type,
      schema: o.schema,
      bundle: o.bundle,
      timing: {
        ...QUIET,
        pendingTimeout: Math.max(30_000, o.settings.progressGapMs * 4),
        deadlockTimeout: 120_000,
      },
    });
    return new RuleContext(monitor, o.schema, o.settings, o.bundle, o.scratchDir);
  }

  /** A new resource with valid properties; `timing` overrides the quiet polling. */
  create(
    props: Record<string, unknown> = this.props,
    timing?: Record<string, number>,
  ): Promise<Resource> {
    return this.monitor.createResource(
      `verify-${++this.count}`,
      props,
      timing ? { timing } : undefined,
    );
  }

  /** Handler hosts of this monitor (direct children running the bundle). */
  hostPids(): number[] {
    // The library starts the bundle by a path relative to itself (lib/../X.handler.js): compare resolved paths.
    const bundle = resolve(this.bundle);
    return childProcesses()
      .filter(
        (p) =>
          p.state !== 'Z' &&
          p.argv.slice(1).some((a) => a.endsWith('.handler.js') && resolve(a) === bundle),
      )
      .map((p) => p.pid);
  }

  /** Processes the handler started (everything below the hosts), remembered for cleanup. */
  appPids(): number[] {
    const pids = this.hostPids().flatMap((h) =>
      descendantProcesses(h)
        .filter((p) => p.state !== 'Z')
        .map((p) => p.pid),
    );
    for (const p of pids) this.seen.add(p);
    return pids;
  }

  /** Calls made to the library for `resource` since `from` (an index into events). */
  calls(resource: string, name: string, from = 0): { durationMs: number; status: unknown }[] {
    return this.events
      .slice(from)
      .filter((e) => e.type === 'call' && e.resource === resource && e.call === name) as never;
  }

  /** Runs a step with the step deadline; a step that hangs fails the rule with `what`. */
  async step<T>(what: string, p: Promise<T>, ms = this.settings.stepTimeoutMs): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new RuleFailure(`${what} did not finish within ${ms} ms`)),
        ms,
      );
    });
    try {
      return await Promise.race([p, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Polls `cond` until true or `ms` passed; returns whether it became true. */
  async until(cond: () => boolean | Promise<boolean>, ms: number, every = 50): Promise<boolean> {
    const end = Date.now() + ms;
    for (;;) {
      if (await cond()) return true;
      if (Date.now() >= end) return false;
      await new Promise((r) => setTimeout(r, every));
    }
  }

  /** Which of `pids` are still running. */
  running(pids: number[]): number[] {
    return pids.filter(isProcessRunning);
  }

  /** Closes the monitor, then kills whatever the handler left behind so the next rule starts clean. */
  async dispose(): Promise<void> {
    this.appPids();
    await this.monitor.close().catch(() => undefined);
    for (const p of this.seen) {
      try {
        process.kill(p, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
  }
}
