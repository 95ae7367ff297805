/*
 * ResourceMonitor: the harness's RHS. It loads a resource library, gives it the
 * callbacks and the cluster database, and owns the resources it opens.
 */
import { EventEmitter } from 'node:events';
import { processCallGate, type CallGate } from './call-gate.js';
import {
  CLUSCTL_RESOURCE_GET_PRIVATE_PROPERTY_FMTS,
  ERROR_SUCCESS,
} from '../../bundle/resapi/index.js';
import { ClusterDatabase } from './database.js';
import { EntryPoints, type ControlResult } from './entry-points.js';
import {
  DuplicateResourceError,
  MonitorClosedError,
  OpenFailedError,
  StartupError,
} from './errors.js';
import type { HarnessEvent } from './events.js';
import { loadLibrary, type LoadedLibrary, type ServiceSink } from './library.js';
import { createSink } from './monitor-sink.js';
import { LogBook } from './log-book.js';
import {
  checkMonitorOptions,
  checkResourceName,
  guessBundle,
  typeTiming,
  type CreateResourceOptions,
  type MonitorOptions,
} from './monitor-options.js';
import { quiesce } from './quiesce.js';
import { readBundleSchema } from './bundle-schema.js';
import { findHostProcesses, type ProcessInfo } from './processes.js';
import { kindsFromFormatList, kindsFromSchema, type KindMap } from './properties.js';
import { Resource } from './resource.js';
import type { ResourceHost, ResourceControlFn } from './resource-host.js';
import { resolveTiming, type Timing } from './timing.js';

/** The options with the schema read from the bundle when none was given and a bundle is found. */
async function withSchema(o: MonitorOptions): Promise<MonitorOptions> {
  if (o.schema !== undefined) return o;
  const bundle = guessBundle(o);
  return bundle ? { ...o, schema: await readBundleSchema(bundle) } : o;
}

let nextResourceHandle = 0x52450000n; // process-wide RESOURCE_HANDLE values

export class ResourceMonitor extends EventEmitter implements ResourceHost {
  readonly gate: CallGate = processCallGate();
  readonly logs = new LogBook();
  readonly database: ClusterDatabase;
  readonly timing: Timing;
  readonly bundle: string | undefined;
  readonly ignoreEventHandles: boolean;
  private readonly byName = new Map<string, Resource>();
  /** Every RESOURCE_HANDLE handed out → resource name (kept after Close for late log lines). */
  readonly handleNames = new Map<bigint, string>();
  private readonly startedAt = performance.now();
  private inFlight = 0;
  private idleWaiters: (() => void)[] = [];
  private schemaKinds: KindMap;
  private fmtsKinds: Promise<KindMap> | undefined;
  private closing: Promise<void> | undefined;
  private sink!: ServiceSink;
  entry!: EntryPoints;

  private constructor(
    private readonly lib: LoadedLibrary,
    readonly options: MonitorOptions,
  ) {
    super();
    this.timing = typeTiming(options);
    this.bundle = guessBundle(options);
    this.ignoreEventHandles = options.ignoreEventHandles === true;
    this.schemaKinds = kindsFromSchema(options.schema);
    const db = options.database;
    this.database = db instanceof ClusterDatabase ? db : new ClusterDatabase(db ?? {});
    if (options.onLog) this.on('log', options.onLog);
    if (options.onEvent) this.on('event', options.onEvent);
  }

  /** Loads the library, binds the host services and calls Startup. */
  static async load(given: MonitorOptions): Promise<ResourceMonitor> {
    checkMonitorOptions(given);
    const options = await withSchema(given);
    const lib = loadLibrary(options.library);
    const monitor = new ResourceMonitor(lib, options);
    monitor.sink = createSink(monitor);
    lib.attach(monitor.sink);
    try {
      monitor.startup();
    } catch (err) {
      lib.detach(monitor.sink);
      throw err;
    }
    return monitor;
  }

  private startup(): void {
    const mark = this.logs.mark();
    const typeKey = this.database.key(`ResourceTypes\\${this.options.type}`);
    const bound = this.lib.bindServices(typeKey);
    if (bound !== ERROR_SUCCESS)
      throw new StartupError(
        `ck_bind_host_services returned ${bound}`,
        bound,
        this.logs.since(mark, ''),
      );
    const { min, max } = this.options.versions ?? { min: 0x100, max: 0x200 };
    const table: (bigint | null)[] = [null];
    const cb = this.lib.callbacks;
    // Synchronous on purpose: Startup only fills the table (it waits for no library thread).
    const rc = this.lib.exports.Startup(
      this.options.type,
      min,
      max,
      cb.status,
      cb.log,
      table,
    ) as number;
    if (rc !== ERROR_SUCCESS || !table[0]) {
      throw new StartupError(
        `Startup("${this.options.type}") returned ${rc}`,
        rc,
        this.logs.since(mark, ''),
      );
    }
    this.entry = new EntryPoints(table[0]);
  }

  /** Opens a resource (its database key is Resources\<name>) and sets `props` through ResourceControl. */
  async createResource(
    name: string,
    props?: Record<string, unknown>,
    options?: CreateResourceOptions,
  ): Promise<Resource> {
    this.checkOpen();
    checkResourceName(name);
    if (this.byName.has(name.toLowerCase())) throw new DuplicateResourceError(name);
    const timing = resolveTiming(this.timing, options?.timing, 'createResource() timing');
    const handle = nextResourceHandle++;
    this.handleNames.set(handle, name);
    const key = this.database.key(`Resources\\${name}`);
    const mark = this.logs.mark();
    const resid = await this.track(this.gate.run(() => this.entry.open(name, key, handle)));
    if (!resid) throw new OpenFailedError(name, this.logs.since(mark, name));
    const res = new Resource(this, name, resid, handle, timing);
    this.byName.set(name.toLowerCase(), res);
    if (props && Object.keys(props).length > 0) {
      try {
        await res.setProperties(props);
      } catch (err) {
        await res.close().catch(() => undefined);
        throw err;
      }
    }
    return res;
  }

  resource(name: string): Resource | undefined {
    return this.byName.get(name.toLowerCase());
  }

  get resources(): Resource[] {
    return [...this.byName.values()];
  }

  /** ResourceTypeControl with the type name. */
  typeControl(
    code: number,
    input: Uint8Array = new Uint8Array(0),
    outSize = 4096,
  ): Promise<ControlResult> {
    this.checkOpen();
    return this.track(
      this.gate.run(() => this.entry.control(this.options.type, code, input, outSize)),
    );
  }

  /** Handler-host processes this process started (children running the bundle). */
  hostProcesses(): ProcessInfo[] {
    return findHostProcesses(this.bundle);
  }

  /** Terminates and closes every resource, waits for the library to fall quiet, detaches. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      await quiesce({
        resources: this.resources,
        idle: () => this.idle(),
        hosts: () => this.hostProcesses(),
        lastCallbackAt: () => this.lib.lastCallbackAt,
      });
      this.lib.detach(this.sink);
      this.emit('close');
    })();
    return this.closing;
  }

  get closed(): boolean {
    return this.closing !== undefined;
  }

  // ---- ResourceHost ----

  now(): number {
    return Math.round((performance.now() - this.startedAt) * 10) / 10;
  }

  emit(event: string | symbol, ...args: unknown[]): boolean;
  emit(e: HarnessEvent): void;
  emit(a: unknown, ...rest: unknown[]): boolean | void {
    if (typeof a === 'string' || typeof a === 'symbol') return super.emit(a, ...rest);
    const e = a as HarnessEvent;
    if (e.type === 'log') super.emit('log', e);
    if (e.type === 'deadlock') this.options.onDeadlock?.(e);
    super.emit('event', e);
  }

  track<T>(p: Promise<T>): Promise<T> {
    this.inFlight++;
    return p.finally(() => {
      if (--this.inFlight === 0) for (const w of this.idleWaiters.splice(0)) w();
    });
  }

  private idle(): Promise<void> {
    return this.inFlight === 0
      ? Promise.resolve()
      : new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  propertyKinds(res: { control: ResourceControlFn }): Promise<KindMap> {
    if (this.schemaKinds.size > 0) return Promise.resolve(this.schemaKinds);
    this.fmtsKinds ??= res.control(CLUSCTL_RESOURCE_GET_PRIVATE_PROPERTY_FMTS).then(
      (r) => (r.status === ERROR_SUCCESS ? kindsFromFormatList(r.data) : new Map()),
      () => new Map(),
    );
    return this.fmtsKinds;
  }

  forget(res: { name: string }): void {
    this.byName.delete(res.name.toLowerCase());
  }

  private checkOpen(): void {
    if (this.closing) throw new MonitorClosedError();
  }
}
