/**
 * Messages between the cluster (parent) and a monitor process (child, monitor-entry.ts),
 * over the Node IPC channel with the 'advanced' serialization (Uint8Array, bigint pass as is).
 */

/** Resource methods the parent may call; they map one-to-one onto the harness Resource. */
export type ResourceMethod =
  | 'online'
  | 'offline'
  | 'terminate'
  | 'close'
  | 'looksAlive'
  | 'isAlive'
  | 'setProperties'
  | 'getProperties'
  | 'getReadOnlyProperties'
  | 'control'
  | 'state';

export interface LoadRequest {
  op: 'load';
  library: string;
  type: string;
  /** Type-level timing (harness Timing keys). */
  timing: Record<string, number>;
  /** Optional cluster database file shared by every monitor of the cluster. */
  databaseFile?: string;
  /** The handler's schema, so the harness need not read it from the bundle again. */
  schema?: unknown;
}

export interface CreateRequest {
  op: 'create';
  name: string;
  props?: Record<string, unknown>;
  /** Resource-level timing overrides (0xFFFFFFFF = inherit the type's). */
  timing?: Record<string, number>;
}

export interface CallRequest {
  op: 'call';
  name: string;
  method: ResourceMethod;
  args: unknown[];
}

/** Fault injection inside the monitor: the injected failure takes RHS's real failure path (Failed, then Terminate). */
export interface InjectRequest {
  op: 'inject';
  name: string;
  what: InjectedFault;
}

export type InjectedFault = 'fail-now' | 'fail-next-online' | 'fail-next-offline';

export interface ShutdownRequest {
  op: 'shutdown';
}

export type RequestBody =
  LoadRequest | CreateRequest | CallRequest | InjectRequest | ShutdownRequest;
export type MonitorRequest = RequestBody & { id: number };

export interface SerializedError {
  name: string;
  code?: string;
  message: string;
  win32?: number;
}

export type MonitorMessage =
  | { kind: 'reply'; id: number; ok: true; value: unknown }
  | { kind: 'reply'; id: number; ok: false; error: SerializedError }
  /** A harness event (state, check, log, status, deadlock, ...), forwarded as is. */
  | { kind: 'event'; event: Record<string, unknown> & { type: string; resource: string | null } }
  | { kind: 'ready'; pid: number };

export function serializeError(e: unknown): SerializedError {
  if (e instanceof Error) {
    const x = e as Error & { code?: unknown; win32?: unknown };
    return {
      name: e.name,
      message: e.message,
      ...(typeof x.code === 'string' ? { code: x.code } : {}),
      ...(typeof x.win32 === 'number' ? { win32: x.win32 } : {}),
    };
  }
  return { name: 'Error', message: String(e) };
}
