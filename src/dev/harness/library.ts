/*
 * A loaded resource library and the callbacks it was given. Both live for the rest of
 * the process: koffi must not unload a library whose threads may still run (docs/resource-api.md,
 * "Driving a library from Node.js"), and unregistering a callback a library thread may still call
 * aborts the process. So each library gets one set of registered callbacks,
 * and they forward to whichever monitor is attached to the library at the time; a
 * callback that arrives with no monitor attached is answered harmlessly and dropped.
 */
import * as fs from 'node:fs';
import { ERROR_INVALID_HANDLE, ResourceExitStateTerminate } from '../../bundle/resapi/index.js';
import { bindLibrary, koffi, resApiTypes, type LibraryExports } from './binding.js';
import { LibraryInUseError, LibraryLoadError } from './errors.js';

export interface RawStatus {
  ResourceState: number;
  CheckPoint: number;
  WaitHint: number;
  EventHandle: bigint | null;
  /** SetResourceStatusEx only: the Win32 status of a failure (0 otherwise, and through V1). */
  ApplicationSpecificErrorCode?: number;
}

/** What an attached monitor must answer. Called on the JS thread; must not throw. */
export interface ServiceSink {
  setResourceStatus(handle: bigint | null, status: RawStatus): number;
  logEvent(handle: bigint | null, level: number, text: string): void;
  dbQuery(
    key: bigint | null,
    name: string | null,
    type: bigint | null,
    data: bigint | null,
    cb: bigint | null,
  ): number;
  dbSet(
    key: bigint | null,
    name: string | null,
    type: number,
    data: bigint | null,
    cb: number,
  ): number;
  dbDelete(key: bigint | null, name: string | null): number;
  /** The cluster's protection of a secret value (ck_host_services protect / unprotect). */
  protect(
    resource: string | null,
    data: bigint | null,
    cb: number,
    out: bigint | null,
    outCb: bigint | null,
  ): number;
  unprotect(
    resource: string | null,
    data: bigint | null,
    cb: number,
    out: bigint | null,
    outCb: bigint | null,
  ): number;
  eventSignaled(handle: bigint | null): void;
  /** A callback threw: the harness itself is at fault. */
  fault(where: string, err: unknown): void;
}

export class LoadedLibrary {
  readonly exports: LibraryExports;
  sink: ServiceSink | null = null;
  /** performance.now() of the last callback, to detect a quiet library. */
  lastCallbackAt = 0;
  readonly callbacks: {
    status: bigint;
    statusEx: bigint;
    log: bigint;
    dbQuery: bigint;
    dbSet: bigint;
    dbDelete: bigint;
    signaled: bigint;
    protect: bigint;
    unprotect: bigint;
  };
  private readonly servicesMem: unknown;

  constructor(readonly path: string) {
    this.exports = bindLibrary(path);
    const t = resApiTypes();
    const guard =
      <A extends unknown[], R>(where: string, fallback: R, fn: (s: ServiceSink, ...a: A) => R) =>
      (...args: A): R => {
        this.lastCallbackAt = performance.now();
        const sink = this.sink;
        if (!sink) return fallback;
        try {
          return fn(sink, ...args);
        } catch (err) {
          sink.fault(where, err);
          return fallback;
        }
      };
    this.callbacks = {
      status: koffi.register(
        guard(
          'SetResourceStatus',
          ResourceExitStateTerminate,
          (s, h: bigint | null, p: bigint | null) =>
            p === null
              ? ResourceExitStateTerminate
              : s.setResourceStatus(h, koffi.decode(p, t.RESOURCE_STATUS) as RawStatus),
        ),
        koffi.pointer(t.PSET_RESOURCE_STATUS_ROUTINE),
      ),
      statusEx: koffi.register(
        guard(
          'SetResourceStatusEx',
          ResourceExitStateTerminate,
          (s, h: bigint | null, p: bigint | null) =>
            p === null
              ? ResourceExitStateTerminate
              : s.setResourceStatus(h, koffi.decode(p, t.RESOURCE_STATUS_EX) as RawStatus),
        ),
        koffi.pointer(t.PSET_RESOURCE_STATUS_ROUTINE_EX),
      ),
      log: koffi.register(
        guard(
          'LogEvent',
          undefined,
          (s, h: bigint | null, level: number, fmt: string | null, arg: string | null) =>
            s.logEvent(h, level, formatMessage(fmt ?? '', arg ?? '')),
        ),
        koffi.pointer(t.PLOG_EVENT_ROUTINE),
      ),
      dbQuery: koffi.register(
        guard('db_query', ERROR_INVALID_HANDLE, (s, ...a: Parameters<ServiceSink['dbQuery']>) =>
          s.dbQuery(...a),
        ),
        koffi.pointer(t.DB_QUERY),
      ),
      dbSet: koffi.register(
        guard('db_set', ERROR_INVALID_HANDLE, (s, ...a: Parameters<ServiceSink['dbSet']>) =>
          s.dbSet(...a),
        ),
        koffi.pointer(t.DB_SET),
      ),
      dbDelete: koffi.register(
        guard('db_delete', ERROR_INVALID_HANDLE, (s, ...a: Parameters<ServiceSink['dbDelete']>) =>
          s.dbDelete(...a),
        ),
        koffi.pointer(t.DB_DELETE),
      ),
      signaled: koffi.register(
        guard('event_signaled', undefined, (s, h: bigint | null) => s.eventSignaled(h)),
        koffi.pointer(t.EVENT_SIGNALED),
      ),
      protect: koffi.register(
        guard('protect', ERROR_INVALID_HANDLE, (s, ...a: Parameters<ServiceSink['protect']>) =>
          s.protect(...a),
        ),
        koffi.pointer(t.PROTECT),
      ),
      unprotect: koffi.register(
        guard('unprotect', ERROR_INVALID_HANDLE, (s, ...a: Parameters<ServiceSink['unprotect']>) =>
          s.unprotect(...a),
        ),
        koffi.pointer(t.UNPROTECT),
      ),
    };
    this.servicesMem = koffi.alloc(t.ck_host_services, 1);
    this.callbackTable = koffi.alloc(t.CLRES_CALLBACK_FUNCTION_TABLE, 1);
    koffi.encode(this.callbackTable, t.CLRES_CALLBACK_FUNCTION_TABLE, {
      LogEvent: this.callbacks.log,
      SetResourceStatusEx: this.callbacks.statusEx,
    });
  }

  /** The CLRES_CALLBACK_FUNCTION_TABLE StartupEx is given (RHS's, with its first two members). */
  readonly callbackTable: unknown;

  /** Binds the host services (with this monitor's type key) through ck_bind_host_services. */
  bindServices(typeKey: bigint): number {
    const t = resApiTypes();
    koffi.encode(this.servicesMem, t.ck_host_services, {
      size: koffi.sizeof(t.ck_host_services),
      db_query: this.callbacks.dbQuery,
      db_set: this.callbacks.dbSet,
      db_delete: this.callbacks.dbDelete,
      event_signaled: this.callbacks.signaled,
      type_key: typeKey,
      protect: this.callbacks.protect,
      unprotect: this.callbacks.unprotect,
    });
    return this.exports.CkBindHostServices(this.servicesMem) as number;
  }

  attach(sink: ServiceSink): void {
    if (this.sink) throw new LibraryInUseError(this.path);
    this.sink = sink;
  }

  detach(sink: ServiceSink): void {
    if (this.sink === sink) this.sink = null;
  }
}

/** LogEvent's format uses FormatMessage inserts; the library only ever sends %1!s!. */
export function formatMessage(fmt: string, arg: string): string {
  return fmt.replace(/%1(![^!]*!)?/g, () => arg).replace(/\r?\n$/, '');
}

const LIBS_KEY = Symbol.for('clusterkit.harness.libraries');

/** The process-wide LoadedLibrary for a file (loaded on first use). */
export function loadLibrary(file: string): LoadedLibrary {
  let real: string;
  try {
    real = fs.realpathSync(file);
  } catch {
    throw new LibraryLoadError(
      `resource library ${file} does not exist; build it first (clusterkit build)`,
    );
  }
  const g = globalThis as unknown as Record<symbol, Map<string, LoadedLibrary> | undefined>;
  const libs = (g[LIBS_KEY] ??= new Map());
  let lib = libs.get(real);
  if (!lib) {
    try {
      lib = new LoadedLibrary(real);
    } catch (err) {
      throw new LibraryLoadError(
        `cannot load ${file} as a clusterkit resource library: ${(err as Error).message}`,
      );
    }
    libs.set(real, lib);
  }
  return lib;
}
