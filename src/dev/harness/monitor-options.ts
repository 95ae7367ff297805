/* Options of ResourceMonitor.load() and createResource(), checked up front with clear errors. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ClusterDatabase } from './database.js';
import { InvalidArgumentError } from './errors.js';
import type { DeadlockEvent, HarnessEvent, LogEvent } from './events.js';
import { RHS_DEFAULT_TIMING, resolveTiming, type Timing } from './timing.js';

export interface MonitorOptions {
  /** Path of the built resource library (lib<Type>.so). */
  library: string;
  /** The resource type name Startup is called with. */
  type: string;
  /** The type's timing in ms (RHS defaults when unset; see timing.ts). */
  timing?: Partial<Timing>;
  /** The cluster database: in memory, persisted to `file`, or one you built. */
  database?: { file?: string } | ClusterDatabase;
  /**
   * The handler's schema (buildType's result): exact property kinds and the type's poll
   * intervals. Default: read from the bundle (`node <bundle> --clusterkit-schema`); with no
   * bundle found, kinds come from GET_PRIVATE_PROPERTY_FMTS, where a bool is a DWORD (0/1).
   */
  schema?: unknown;
  /**
   * The handler bundle, for its schema and to find host processes (default: the library's
   * `<out>/<TypeId>.handler.js`, as clusterkit build lays them out).
   */
  bundle?: string;
  /** Resource API versions offered to Startup (default V1..V2). */
  versions?: { min: number; max: number };
  /**
   * Fault injection: treat the event handle Online returns as NULL, as if the library
   * returned none, so LooksAlive polling runs and signals are ignored (default false).
   */
  ignoreEventHandles?: boolean;
  onLog?: (e: LogEvent) => void;
  onEvent?: (e: HarnessEvent) => void;
  /** A call exceeded DeadlockTimeout (RHS would kill and restart the monitor; the local cluster does, docs/rhs-behaviour.md). */
  onDeadlock?: (e: DeadlockEvent) => void;
}

export interface CreateResourceOptions {
  /** Resource-level overrides; 0xFFFFFFFF inherits the type's value, as in RHS. */
  timing?: Partial<Timing>;
}

export function checkMonitorOptions(o: MonitorOptions): void {
  if (!o || typeof o !== 'object')
    throw new InvalidArgumentError(
      'ResourceMonitor.load() needs an options object { library, type }',
    );
  if (typeof o.library !== 'string' || o.library === '') {
    throw new InvalidArgumentError(
      'ResourceMonitor.load(): `library` must be the path of a built resource library (lib<Type>.so)',
    );
  }
  if (typeof o.type !== 'string' || o.type.trim() === '') {
    throw new InvalidArgumentError(
      'ResourceMonitor.load(): `type` must be the resource type name the library was built for',
    );
  }
}

export function checkResourceName(name: unknown): asserts name is string {
  if (typeof name !== 'string' || name.length === 0 || name.length > 256 || name.includes('\0')) {
    throw new InvalidArgumentError(
      'a resource name must be a non-empty string of at most 256 characters without NUL',
    );
  }
}

/** The type's timing: explicit options, else the schema's poll intervals, else RHS defaults. */
export function typeTiming(o: MonitorOptions): Timing {
  const intervals = (
    o.schema as { pollIntervals?: { looksAlive?: number; isAlive?: number } } | undefined
  )?.pollIntervals;
  const base = resolveTiming(
    RHS_DEFAULT_TIMING,
    { looksAlive: intervals?.looksAlive, isAlive: intervals?.isAlive },
    'schema.pollIntervals',
  );
  return resolveTiming(base, o.timing, 'ResourceMonitor.load() timing');
}

/** The bundle a generated library starts: <out>/<TypeId>.handler.js next to <out>/linux/lib<TypeId>.so. */
export function guessBundle(o: MonitorOptions): string | undefined {
  if (o.bundle) return path.resolve(o.bundle);
  if (process.env.CLUSTERKIT_HANDLER) return path.resolve(process.env.CLUSTERKIT_HANDLER);
  const base = path
    .basename(o.library)
    .replace(/^lib/, '')
    .replace(/\.(so|dll|dylib)$/, '');
  for (const dir of [path.dirname(o.library), path.join(path.dirname(o.library), '..')]) {
    const candidate = path.resolve(dir, `${base}.handler.js`);
    if (fs.existsSync(candidate)) return candidate;
  }
  return undefined;
}
